// Registering the shop's webhooks through REST (app mode): one webhook per event, so that X-Webhook-Id names the
// event it was registered for, all with the shop's random secret. Resumable: every webhook created is recorded
// before the next one, and a retry creates only what is missing. A shop that refuses webhook creation (403,
// insufficient_scope) runs on webhooks configured in the App Store panel instead (panel mode).
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import type { Shop } from '#domain/model';
import type { Deps } from './deps';
import { ShoperApiError, type ShoperClient } from './shoper-client';
import { appWebhookSecret } from './webhook-secret';

export type WebhookRegistration =
  | { mode: 'app'; webhookEvents: Record<string, string> }
  | { mode: 'panel'; reason: 'derived-mode' | 'refused' };

interface ShoperWebhookRow {
  webhook_id?: string | number;
  url?: string;
  events?: string[];
}

/** 403 from Shoper: the app's token may not manage webhooks (`insufficient_scope`). */
const isRefusal = (error: unknown) => error instanceof ShoperApiError && error.status === 403;

export async function registerWebhooks(deps: Deps, client: ShoperClient, shop: Shop): Promise<WebhookRegistration> {
  if (deps.config.WEBHOOK_SECRET_MODE === 'derived') return { mode: 'panel', reason: 'derived-mode' };
  const secret = await appWebhookSecret(deps, shop);
  if (!secret) throw new ShoperApiError('WEBHOOK_SECRET_MISSING', 'the shop record has no webhook secret');
  const url = `${deps.config.PUBLIC_URL}/shoper/webhooks`;
  const registered: Record<string, string> = { ...(shop.webhookEvents ?? {}) };
  try {
    const existing = await client.listAll<ShoperWebhookRow>('webhooks');
    const present = new Set(existing.map((w) => String(w.webhook_id)));
    // Ours from an earlier install (another secret) or an interrupted attempt that recorded nothing: remove them.
    for (const w of existing) {
      if (w.url === url && w.webhook_id !== undefined && !(String(w.webhook_id) in registered)) await client.delete('webhooks', w.webhook_id);
    }
    // A recorded webhook the shop no longer has (deleted by hand) is registered again.
    for (const id of Object.keys(registered)) if (!present.has(id)) delete registered[id];
    for (const event of SUPPORTED_EVENTS) {
      if (Object.values(registered).includes(event)) continue;
      const created = await client.post<number | string | { webhook_id?: number | string }>('webhooks', {
        url,
        format: 0,
        secret,
        active: 1,
        events: [event],
      });
      const id = typeof created === 'object' && created !== null ? created.webhook_id : created;
      if (id === undefined) throw new ShoperApiError('SHOPER_WEBHOOK_NOT_CREATED', `webhook for ${event}: no id in the answer`);
      registered[String(id)] = event;
      await deps.store.updateShop(shop.shop, { webhookEvents: { ...registered } }, { installId: shop.setup?.installId });
    }
    return { mode: 'app', webhookEvents: registered };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    deps.logger.warn('shop refused webhook creation: panel webhooks only', { shop: shop.shop });
    return { mode: 'panel', reason: 'refused' };
  }
}
