// Use case: "Test integracji" — sends a test SMS to a number the merchant types, with the chosen sender name
// and special-character option, and tells at once whether it went or exactly why not.
//
// Why this calls SMSAPI directly instead of creating a Job for the sender: the merchant is waiting for the
// answer on screen ("Wiadomość została wysłana" or SMSAPI's reason). A job would answer only "queued" and the
// reason would surface later in the error log. There is nothing to retry or deduplicate here either: a test
// that fails is simply run again by the merchant.
import { randomUUID } from 'node:crypto';
import { badRequest, conflict } from '#domain/errors';
import { PLACE_NAMES } from '#domain/model';
import { normalizeMobile, smsapiNumber } from '#domain/phone';
import { withDefaults } from '#domain/settings';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { errorLogCode, failureMessage } from '#domain/smsapi-failure';
import { localDate } from '#domain/calendar';
import type { Deps } from './deps';
import { recordError } from './error-log';
import { smsapiHttpError } from './smsapi-connection';
import { callWithToken } from './smsapi-token';

export const TEST_MESSAGE_SENT = 'Wiadomość została wysłana';

export function testMessage(shopName: string): string {
  return `Test integracji SMSAPI ze sklepem ${shopName} zakończony powodzeniem.`;
}

export async function sendTestSms(deps: Deps, shop: string, rawPhone: string) {
  const [connection, settingsRecord, shopRecord] = await Promise.all([
    deps.store.getSmsapi(shop),
    deps.store.getSettings(shop),
    deps.store.getShop(shop),
  ]);
  if (!connection) {
    throw conflict('SMSAPI_NOT_CONNECTED', 'Najpierw połącz konto SMSAPI (OAuth lub token API). / Connect an SMSAPI account first.');
  }
  const settings = withDefaults(settingsRecord);
  const phone = normalizeMobile(rawPhone, { allowedCountries: settings.allowedCountries });
  if (!phone.ok) throw badRequest(phone.code, phone.message, 'phone');

  const shopName = shopRecord?.shopName ?? hostOf(shopRecord?.shopUrl) ?? shop;
  const text = testMessage(shopName);
  const message = connection.replaceSpecialCharacters ? replaceSpecialCharacters(text) : text;
  const { result } = await callWithToken(deps, shop, connection, (token) =>
    deps.sms.send({
      token,
      to: [smsapiNumber(phone.e164)],
      message,
      from: connection.senderName,
      maxParts: deps.config.SMSAPI_MAX_PARTS,
    }),
  );
  const at = deps.clock.now().toISOString();
  if (!result.ok) {
    await recordError(deps, shop, {
      id: randomUUID(),
      at,
      code: errorLogCode(result),
      phone: phone.e164,
      message: failureMessage(result),
      place: PLACE_NAMES.test.pl,
    });
    deps.logger.warn('smsapi test failed', { shop, code: result.code, transport: result.transport });
    throw smsapiHttpError(result);
  }
  const sms = result.messages[0];
  // A test SMS costs points like any other: it counts in the statistics (not as a collected number).
  const tz = settings.quietHours.timeZone;
  await deps.store.addStats(shop, localDate(new Date(at), tz), { sent: 1, parts: sms?.parts ?? 0, points: sms?.points ?? 0 });
  return {
    sent: true as const,
    message: TEST_MESSAGE_SENT,
    ...(sms ? { smsapiId: sms.id, parts: sms.parts, points: sms.points } : {}),
  };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
