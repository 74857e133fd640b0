// Which secret signs a shop's webhooks, and how it is kept. `app` mode: the app registers the webhooks itself with a
// random per-shop secret, stored encrypted (TokenCipher, bound to the shop) like the tokens. `panel` mode: the
// publisher configures the webhooks in the App Store panel and Shoper signs them with the per-shop derived secret.
import { randomBytes } from 'node:crypto';
import type { Shop, WebhookMode } from '#domain/model';
import type { Deps } from './deps';
import { derivedWebhookSecret } from './webhook-signature';

export const newWebhookSecret = (): string => randomBytes(24).toString('hex');

export const sealWebhookSecret = (deps: Deps, shop: string, secret: string): Promise<string> => deps.cipher.encrypt(secret, shop);

/** `derived` deployments run every shop on panel webhooks; otherwise a shop that refused webhook creation does. */
export function webhookModeOf(deps: Deps, shop: Shop): WebhookMode {
  return deps.config.WEBHOOK_SECRET_MODE === 'derived' ? 'panel' : (shop.webhookMode ?? 'app');
}

/**
 * The secret the app registered the shop's webhooks with. A record written before secrets were encrypted holds it
 * in plain text: it is read, sealed and the plain copy removed (migrate on read).
 */
export async function appWebhookSecret(deps: Deps, shop: Shop): Promise<string | undefined> {
  if (shop.sealedWebhookSecret) return deps.cipher.decrypt(shop.sealedWebhookSecret, shop.shop);
  const plain = shop.webhookSecret;
  if (!plain) return undefined;
  await deps.store.updateShop(
    shop.shop,
    { sealedWebhookSecret: await sealWebhookSecret(deps, shop.shop, plain) },
    { remove: ['webhookSecret'] },
  );
  deps.logger.info('webhook secret sealed (was stored in plain text)', { shop: shop.shop });
  return plain;
}

/** The App Store's per-shop secret; undefined when the deployment has no webhook key (nothing can verify). */
export async function panelWebhookSecret(deps: Deps, licence: string): Promise<string | undefined> {
  const secrets = await deps.secrets();
  if (!secrets.webhookSecretKey) return undefined;
  return derivedWebhookSecret(secrets.appstoreSecret, licence, secrets.webhookSecretKey);
}
