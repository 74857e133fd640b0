// Use case: what the admin panel shows about the install itself: still setting up (and why an attempt failed),
// set up, or given up; and whether the shop's webhooks are the app's own or the App Store panel's.
import { conflict, notFound } from '#domain/errors';
import type { ShopStateResponse } from '#contracts/responses';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import type { Deps } from './deps';
import { restartShopSetup, SETUP_MAX_ATTEMPTS } from './shop-setup';
import { webhookModeOf } from './webhook-secret';

/** A setup still "setting up" after this long is stuck (its queued task was lost): the admin may restart it. */
const STUCK_AFTER_MS = 10 * 60_000;

export async function shopState(deps: Deps, shopId: string): Promise<ShopStateResponse> {
  const shop = await deps.store.getShop(shopId);
  if (!shop) throw notFound('SHOP_UNKNOWN', 'The app is not installed in this shop');
  const setup = shop.setup;
  const now = deps.clock.now().getTime();
  const stuck = setup?.state === 'setting-up' && now - Date.parse(setup.nextAttemptAt ?? setup.startedAt) > STUCK_AFTER_MS;
  const mode = webhookModeOf(deps, shop);
  return {
    setup: {
      // Shops set up before setups were queued have no record of it: they are done.
      state: setup?.state ?? 'done',
      attempts: setup?.attempts ?? 0,
      maxAttempts: SETUP_MAX_ATTEMPTS,
      ...(setup?.lastError && setup.state !== 'done' ? { lastError: setup.lastError } : {}),
      ...(setup?.nextAttemptAt && setup.state === 'setting-up' ? { nextAttemptAt: setup.nextAttemptAt } : {}),
      canRetry: setup?.state === 'failed' || stuck,
    },
    webhooks: {
      mode,
      ...(mode === 'panel'
        ? { reason: deps.config.WEBHOOK_SECRET_MODE === 'derived' ? 'derived-mode' : (shop.webhookModeReason ?? 'refused') }
        : {}),
      url: `${deps.config.PUBLIC_URL}/shoper/webhooks`,
      events: [...SUPPORTED_EVENTS],
    },
  };
}

/** The admin's "Spróbuj ponownie": only a failed or stuck setup starts again (a running one would race itself). */
export async function retryShopSetup(deps: Deps, shopId: string): Promise<ShopStateResponse> {
  const state = await shopState(deps, shopId);
  if (!state.setup.canRetry) {
    throw conflict(
      'SETUP_NOT_RETRYABLE',
      state.setup.state === 'done' ? 'The shop is already set up' : 'The setup is still running; it retries by itself',
    );
  }
  const shop = (await deps.store.getShop(shopId))!;
  await restartShopSetup(deps, shop);
  deps.logger.info('shop setup restarted by the admin', { shop: shopId });
  return shopState(deps, shopId);
}
