// Back in stock "only with recorded consent" (a shop setting): the SMS goes only to a signed-in client the shop
// recorded as consenting to marketing (Shoper's newsletter flag, set by the client in a session Shoper verified),
// and only to a number in that client's own address book. A client id or number typed into the storefront proves
// nothing by itself. The others are skipped, with the reason, in "Historia wiadomości".
import { normalizeMobile } from '#domain/phone';
import type { PlanningContext } from '#domain/planning';
import { suppressed, type Suppression } from '#domain/suppression';
import type { SignUp } from '#domain/sign-ups';
import type { Deps } from './deps';
import { shoperCustomers } from './shoper-customers';

/**
 * Splits waiting sign-ups into those with the shop's recorded consent and the skipped rest. Asks Shoper (once per
 * client); if Shoper cannot answer it throws, and the product event is planned again later.
 */
export async function withRecordedConsent(
  deps: Deps,
  ctx: PlanningContext,
  waiting: SignUp[],
  text: string,
): Promise<{ consenting: SignUp[]; skipped: Suppression[] }> {
  const customers = shoperCustomers(deps, ctx.shop);
  const numbersOf = new Map<string, Set<string>>();
  for (const clientId of new Set(waiting.flatMap((s) => (s.clientId ? [s.clientId] : [])))) {
    const numbers = new Set<string>();
    if (await customers.consentOf(clientId)) {
      for (const { phone, countryCode } of await customers.phonesOf(clientId)) {
        const normalized = normalizeMobile(phone, { countryCodeHint: countryCode, allowedCountries: ctx.settings.allowedCountries });
        if (normalized.ok) numbers.add(normalized.e164);
      }
    }
    numbersOf.set(clientId, numbers);
  }
  const consenting: SignUp[] = [];
  const skipped: Suppression[] = [];
  for (const signUp of waiting) {
    if (signUp.clientId && numbersOf.get(signUp.clientId)?.has(signUp.phone)) {
      consenting.push(signUp);
      continue;
    }
    skipped.push(
      suppressed('NO_CONSENT', {
        // Its own key: should the client consent later, the next restock still sends the real message.
        key: `back-in-stock:${signUp.productId}:${signUp.phone}:${signUp.createdAt}:no-consent`,
        kind: 'back-in-stock',
        phone: signUp.phone,
        text,
        source: { event: 'product.edit', productId: signUp.productId, ...(signUp.clientId ? { userId: signUp.clientId } : {}) },
      }),
    );
  }
  return { consenting, skipped };
}
