// Registering the shop's webhooks through REST (app mode): one webhook per event, so that X-Webhook-Id names the
// event it was registered for, all with the shop's random secret, created in one `bulk` request. Resumable: the
// webhooks created are recorded at once, and a retry creates only what is missing. A shop that refuses webhook creation (403,
// insufficient_scope) runs on webhooks configured in the App Store panel instead (panel mode).
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import type { Shop } from '#domain/model';
import type { Deps } from './deps';
import { ShoperApiError, type BulkRequest, type ShoperClient } from './shoper-client';
import { appWebhookSecret } from './webhook-secret';

export type WebhookRegistration =
  | { mode: 'app'; webhookEvents: Record<string, string> }
  | { mode: 'panel'; reason: 'derived-mode' | 'refused' };

interface BulkAnswer {
  errors?: boolean;
  items?: { code: number; body: unknown; id?: string | null }[];
}

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
    // A recorded webhook the shop no longer has (deleted by hand) is registered again.
    for (const id of Object.keys(registered)) if (!present.has(id)) delete registered[id];
    // Ours from an earlier install (another secret) or an interrupted attempt that recorded nothing: removed.
    const stale = existing.filter((w) => w.url === url && w.webhook_id !== undefined && !(String(w.webhook_id) in registered));
    const missing = SUPPORTED_EVENTS.filter((event) => !Object.values(registered).includes(event));
    // One bulk request (up to 25 calls) instead of one call each: a single drop in Shoper's leaky bucket.
    // New ones before the old are removed: a shop moving from one webhook for all events loses no delivery.
    const calls: BulkRequest[] = [
      ...missing.map((event) => ({
        id: `create:${event}`,
        method: 'POST' as const,
        path: '/webapi/rest/webhooks',
        body: { url, format: 0, secret, active: 1, events: [event] },
      })),
      ...stale.map((w) => ({ id: `delete:${w.webhook_id}`, method: 'DELETE' as const, path: `/webapi/rest/webhooks/${w.webhook_id}` })),
    ];
    const failures: { id: string; code: number }[] = [];
    for (let i = 0; i < calls.length; i += 25) {
      const answer = await client.bulk<BulkAnswer>(calls.slice(i, i + 25));
      for (const item of answer?.items ?? []) {
        const id = String(item.id ?? '');
        if (item.code >= 300) {
          failures.push({ id, code: item.code });
          continue;
        }
        if (!id.startsWith('create:')) continue;
        const created = item.body as number | string | { webhook_id?: number | string } | null;
        const webhookId = typeof created === 'object' && created !== null ? created.webhook_id : created;
        if (webhookId !== undefined && webhookId !== null) registered[String(webhookId)] = id.slice('create:'.length);
      }
      // Recorded before anything else can fail: a retry creates only what is still missing.
      await deps.store.updateShop(shop.shop, { webhookEvents: { ...registered } }, { installId: shop.setup?.installId });
    }
    const failedCreate = failures.find((f) => f.id.startsWith('create:'));
    if (failedCreate) {
      throw new ShoperApiError(
        failedCreate.code === 403 ? 'SHOPER_FORBIDDEN' : 'SHOPER_WEBHOOK_NOT_CREATED',
        `webhook ${failedCreate.id}: HTTP ${failedCreate.code}`,
        failedCreate.code,
      );
    }
    const stillMissing = SUPPORTED_EVENTS.filter((event) => !Object.values(registered).includes(event));
    if (stillMissing.length > 0) throw new ShoperApiError('SHOPER_WEBHOOK_NOT_CREATED', `no webhook id for ${stillMissing.join(', ')}`);
    return { mode: 'app', webhookEvents: registered };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    deps.logger.warn('shop refused webhook creation: panel webhooks only', { shop: shop.shop });
    return { mode: 'panel', reason: 'refused' };
  }
}
