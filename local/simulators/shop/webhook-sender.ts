// Delivers a shop event to every active webhook subscribed to it, signed and with the headers
// a Shoper 5.26 shop sends, and records each delivery for the admin page and for tests.
import { remember, type SimContext } from './context';
import { withAddressStyle } from './representation';
import { panelWebhookSecret, webhookSha1 } from './signing';
import type { SimShop, WebhookDelivery } from './types';

export const SHOP_VERSION = '5.26.54';
/** The id Shoper gives the App Store panel's webhook (one per app, the same in every shop). */
export const PANEL_WEBHOOK_ID = 9001;
const DELIVERY_TIMEOUT_MS = 10_000;

export const WEBHOOK_EVENTS = [
  'order.create',
  'order.edit',
  'order.paid',
  'order.status',
  'order.delete',
  'client.create',
  'client.edit',
  'client.delete',
  'product.create',
  'product.edit',
  'product.delete',
  'parcel.create',
  'parcel.dispatch',
  'parcel.delete',
  'subscriber.create',
  'subscriber.edit',
  'subscriber.delete',
] as const;

async function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // unreachable app: recorded as status 0
  }
}

/** Sends `event` with `payload`; resolves once every delivery was attempted, with their HTTP statuses. */
export async function deliverEvent(ctx: SimContext, shop: SimShop, event: string, payload: Record<string, unknown>): Promise<number[]> {
  const targets = shop.webhooks.filter((w) => w.active && w.format === 0 && w.events.includes(event));
  // The App Store panel's webhook reaches every shop that has the app, signed with the shop's derived secret.
  const key = ctx.config.webhookSecretKey;
  if (shop.installed && key && ctx.appstore.panelWebhookEvents.includes(event)) {
    targets.push({
      webhookId: PANEL_WEBHOOK_ID,
      url: `${ctx.config.appUrl}/shoper/webhooks`,
      format: 0,
      secret: panelWebhookSecret(ctx.config.appstoreSecret, shop.licence, key),
      active: true,
      events: ctx.appstore.panelWebhookEvents,
    });
  }
  const body = JSON.stringify(withAddressStyle(payload, shop.webhookAddressStyle));
  return Promise.all(
    targets.map(async (webhook) => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': `Shop Webhook Sender ${SHOP_VERSION}`,
        'X-Shop-Version': SHOP_VERSION,
        'X-Shop-Domain': new URL(shop.url).host,
        'X-Shop-License': shop.licence,
        'X-Webhook-Id': String(webhook.webhookId),
        'X-Webhook-Name': event,
        'X-Webhook-SHA1': webhookSha1(webhook.webhookId, webhook.secret, body),
      };
      const status = await post(webhook.url, headers, body);
      remember(ctx.deliveries, {
        slug: shop.slug,
        webhookId: webhook.webhookId,
        event,
        url: webhook.url,
        status,
        at: ctx.now().toISOString(),
        body,
        headers,
      });
      return status;
    }),
  );
}

/** Sends a recorded delivery again, byte for byte (what a duplicate from Shoper looks like). */
export async function redeliver(ctx: SimContext, delivery: WebhookDelivery): Promise<number> {
  const status = await post(delivery.url, delivery.headers, delivery.body);
  remember(ctx.deliveries, { ...delivery, status, at: ctx.now().toISOString() });
  return status;
}
