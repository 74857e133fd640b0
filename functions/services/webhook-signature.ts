// Shoper webhook signatures: SHA-1 (not HMAC) of `webhookId:secret:rawBody`, and the App Store's per-shop
// derived secret. One function each, so either can change on its own.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function webhookSignature(webhookId: string, secret: string, rawBody: Buffer | string): string {
  return createHash('sha1').update(`${webhookId}:${secret}:`).update(rawBody).digest('hex');
}

/** App Store apps: secret = hex(HMAC-SHA512(appstoreSecret, `${licence}:${webhookSecretKey}`)). */
export function derivedWebhookSecret(appstoreSecret: string, licence: string, webhookSecretKey: string): string {
  return createHmac('sha512', appstoreSecret).update(`${licence}:${webhookSecretKey}`).digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
