// Use case: finish an install outside the App Store request. Install only verifies, trades the short-lived auth
// code for tokens and stores the shop ("setting up"); this task then reads the catalogue and registers the webhooks
// from the `events` queue (a message of its own kind, run by the planner function), paced by Shoper's rate limit.
// A failed attempt records why (the admin panel shows it) and puts the next attempt on the queue after a backoff
// that honours Retry-After; after SETUP_MAX_ATTEMPTS the setup is marked failed, visibly, and the admin can retry.
// The same task moves a shop set up before one webhook per event to one webhook per event (migrateLegacyWebhooks).
import { randomUUID } from 'node:crypto';
import { SHOP_SETUP_EVENT, type ShopSetupTask } from '#contracts/queue';
import type { Shop, ShopSetup } from '#domain/model';
import type { Deps } from './deps';
import { readShopCatalogue } from './shop-catalogue';
import { createShoperClient, ShoperApiError } from './shoper-client';
import { registerWebhooks } from './webhook-registration';
import { webhookModeOf } from './webhook-secret';

export const SETUP_MAX_ATTEMPTS = 8;
/** Seconds before attempt n+1 (at least; a longer Retry-After wins). SQS delays are at most 900 s. */
const BACKOFF_SECONDS = [0, 10, 30, 60, 120, 300, 600, 900, 900];
const DAY_MS = 86_400_000;

export type ShopSetupOutcome = 'done' | 'retrying' | 'failed' | 'stale';

export async function enqueueShopSetup(deps: Deps, shop: string, task: ShopSetupTask, delaySeconds = 0): Promise<void> {
  await deps.eventsQueue.send(
    { shop, event: SHOP_SETUP_EVENT, receivedAt: deps.clock.now().toISOString(), payload: task },
    { delaySeconds: Math.min(900, Math.max(0, Math.ceil(delaySeconds))) },
  );
}

/** The setup state of a fresh install. */
export const startingSetup = (installId: string, now: Date): ShopSetup => ({
  installId,
  state: 'setting-up',
  attempts: 0,
  startedAt: now.toISOString(),
});

/** What the merchant reads when an attempt failed: Polish, with what happens next. */
function describe(error: unknown): { code: string; message: string; retryAfterSeconds?: number } {
  if (error instanceof ShoperApiError) {
    if (error.status === 429 || error.code === 'SHOPER_RATE_LIMITED') {
      return {
        code: 'SHOPER_RATE_LIMITED',
        message: 'Sklep chwilowo ogranicza liczbę zapytań API (limit Shoper).',
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
    if (error.code === 'SHOPER_OAUTH_FAILED' || error.code === 'SHOPER_NOT_AUTHORIZED' || error.status === 401) {
      return {
        code: 'SHOPER_NOT_AUTHORIZED',
        message: 'Sklep nie przyjął tokenu aplikacji. Jeśli to się powtarza, odinstaluj i zainstaluj aplikację ponownie.',
      };
    }
    if (error.status !== undefined && error.status >= 500) {
      return { code: 'SHOPER_UNAVAILABLE', message: `Sklep odpowiedział błędem serwera (HTTP ${error.status}).` };
    }
    return { code: error.code, message: `Sklep odrzucił zapytanie aplikacji (${error.status ? `HTTP ${error.status}` : error.code}).` };
  }
  return { code: 'SHOPER_UNREACHABLE', message: 'Nie udało się połączyć ze sklepem.' };
}

export async function runShopSetup(deps: Deps, shopId: string, task: ShopSetupTask): Promise<ShopSetupOutcome> {
  const shop = await deps.store.getShop(shopId);
  const setup = shop?.setup;
  // Another install replaced this one, the shop is gone, or this attempt's successor is already queued.
  if (!shop || shop.status !== 'installed' || !setup || setup.installId !== task.installId) return 'stale';
  if (setup.state !== 'setting-up' || task.attempt <= setup.attempts) return 'stale';
  const installId = task.installId;
  const now = () => deps.clock.now().toISOString();
  try {
    let current: Shop = shop;
    // Few waits inside one attempt: the planner function has 60 s for a batch, and the queue waits for free.
    const client = createShoperClient(deps, current, { maxRateLimitWaits: 2 });
    // The catalogue is read once per setup: an attempt that failed later (webhooks) does not read it again.
    if (!current.catalogueReadAt || current.catalogueReadAt < setup.startedAt) {
      const catalogue = await readShopCatalogue(client);
      const readAt = now();
      await deps.store.updateShop(shopId, { ...catalogue, catalogueReadAt: readAt }, { installId });
      current = { ...current, ...catalogue, catalogueReadAt: readAt };
    }
    const webhooks = await registerWebhooks(deps, client, current);
    const done: ShopSetup = { installId, state: 'done', attempts: task.attempt, startedAt: setup.startedAt, finishedAt: now() };
    await deps.store.updateShop(
      shopId,
      webhooks.mode === 'app'
        ? { setup: done, webhookMode: 'app', webhookEvents: webhooks.webhookEvents }
        : { setup: done, webhookMode: 'panel', webhookModeReason: webhooks.reason },
      { installId, remove: webhooks.mode === 'app' ? ['webhookModeReason', 'webhookIds'] : ['webhookIds'] },
    );
    deps.logger.info('shop set up', {
      shop: shopId,
      attempt: task.attempt,
      webhookMode: webhooks.mode,
      statuses: current.statuses?.length ?? 0,
    });
    return 'done';
  } catch (error) {
    const problem = describe(error);
    const lastError = { code: problem.code, message: problem.message, at: now() };
    deps.logger.warn('shop setup attempt failed', {
      shop: shopId,
      attempt: task.attempt,
      code: problem.code,
      error: error instanceof Error ? error.message : String(error),
    });
    if (task.attempt >= SETUP_MAX_ATTEMPTS) {
      await deps.store.updateShop(
        shopId,
        { setup: { ...setup, state: 'failed', attempts: task.attempt, lastError, finishedAt: now() } },
        { installId },
      );
      deps.logger.error('shop setup failed for good', { shop: shopId, attempts: task.attempt, code: problem.code });
      return 'failed';
    }
    const delay = Math.max(problem.retryAfterSeconds ?? 0, BACKOFF_SECONDS[task.attempt] ?? 900);
    // The next attempt is queued first: if recording the failure fails too, the attempt still comes.
    await enqueueShopSetup(deps, shopId, { installId, attempt: task.attempt + 1 }, delay);
    const nextAttemptAt = new Date(deps.clock.now().getTime() + Math.min(900, delay) * 1000).toISOString();
    await deps.store
      .updateShop(shopId, { setup: { ...setup, attempts: task.attempt, lastError, nextAttemptAt } }, { installId })
      .catch((e: unknown) => deps.logger.error('could not record the setup failure', { shop: shopId, error: String(e) }));
    return 'retrying';
  }
}

/** A shop set up before one webhook per event: one webhook for all events, so X-Webhook-Id names no event. */
export const needsWebhookMigration = (deps: Deps, shop: Shop): boolean =>
  shop.status === 'installed' && webhookModeOf(deps, shop) === 'app' && !shop.webhookEvents;

/**
 * Moves such a shop to one webhook per event: a setup task (the install's own) registers them and removes the old
 * one. Started by the shop's next webhook or an `upgrade` event; true when this call queued it.
 */
export async function migrateLegacyWebhooks(deps: Deps, shop: Shop): Promise<boolean> {
  if (!needsWebhookMigration(deps, shop)) return false;
  const now = deps.clock.now();
  // Cheap check first: the webhooks arriving while a migration runs need no write to learn that.
  if (shop.setup?.state === 'setting-up' && now.getTime() - Date.parse(shop.setup.startedAt) < DAY_MS) return false;
  const installId = shop.setup?.installId ?? randomUUID();
  const started = await deps.store.startWebhookMigration(
    shop.shop,
    startingSetup(installId, now),
    new Date(now.getTime() - DAY_MS).toISOString(),
  );
  if (!started) return false;
  await enqueueShopSetup(deps, shop.shop, { installId, attempt: 1 });
  deps.logger.info('legacy webhook migration queued: one webhook per event', { shop: shop.shop });
  return true;
}

/** The admin's "try again": a failed (or stuck) setup starts over with a fresh attempt count. */
export async function restartShopSetup(deps: Deps, shop: Shop): Promise<ShopSetup> {
  const setup = shop.setup;
  if (!setup) throw new Error('SETUP_MISSING');
  const restarted: ShopSetup = { ...startingSetup(setup.installId, deps.clock.now()), lastError: setup.lastError };
  await deps.store.updateShop(shop.shop, { setup: restarted }, { installId: setup.installId });
  await enqueueShopSetup(deps, shop.shop, { installId: setup.installId, attempt: 1 });
  return restarted;
}
