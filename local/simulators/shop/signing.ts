// Signatures Shoper puts on what it sends, computed here independently of the app's code
// (the simulator is the other party: it must not borrow the app's verifier).
import { createHash, createHmac } from 'node:crypto';

/** App Store lifecycle hash: HMAC-SHA512 (hex) over every field but `hash`, sorted by key, `k=v` joined with `&`, raw values. */
export function appstoreHash(fields: Record<string, string>, appstoreSecret: string): string {
  const signed = Object.keys(fields)
    .filter((key) => key !== 'hash')
    .sort()
    .map((key) => `${key}=${fields[key] ?? ''}`)
    .join('&');
  return createHmac('sha512', appstoreSecret).update(signed).digest('hex');
}

/** Admin iframe hash: the same scheme, but only place, shop and timestamp are signed. */
export function iframeHash(params: { place: string; shop: string; timestamp: string }, appstoreSecret: string): string {
  return appstoreHash({ place: params.place, shop: params.shop, timestamp: params.timestamp }, appstoreSecret);
}

/** X-Webhook-SHA1: plain SHA-1 (not HMAC), lowercase hex, of `id:secret:rawBody`. */
export function webhookSha1(webhookId: number, secret: string, rawBody: string): string {
  return createHash('sha1').update(`${webhookId}:${secret}:${rawBody}`, 'utf8').digest('hex');
}

/**
 * The secret Shoper signs App Store panel webhooks with: hex HMAC-SHA512 keyed with the App Store secret over
 * `licence:webhookSecretKey` (dreamcommerce/app-msg91 src/Webhookapp.php verifies it so).
 */
export function panelWebhookSecret(appstoreSecret: string, licence: string, webhookSecretKey: string): string {
  return createHmac('sha512', appstoreSecret).update(`${licence}:${webhookSecretKey}`).digest('hex');
}

/** A shop's licence id: 40 hex characters, stable for a slug so restarts and tests see the same tenant. */
export function licenceForSlug(slug: string): string {
  return createHash('sha1').update(`shoper-sim-licence:${slug}`).digest('hex');
}
