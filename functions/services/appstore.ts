// Use case: Shoper App Store lifecycle events (install, upgrade, billing, uninstall). Every action is
// idempotent: an install may arrive twice, an uninstall of an unknown shop is harmless. Install answers fast: it
// trades the auth code and stores the shop; the catalogue and webhooks follow from the queue (shop-setup.ts).
import { createHmac, randomUUID } from 'node:crypto';
import { AppError, badRequest, unauthorized } from '#domain/errors';
import { checkFreshness } from '#domain/shoper-time';
import type { Shop } from '#domain/model';
import type { Deps } from './deps';
import { safeEqualHex } from './webhook-signature';
import { exchangeAuthCode, ShoperApiError } from './shoper-client';
import { enqueueShopSetup, startingSetup } from './shop-setup';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret';
import { seedExampleCelebrations } from './celebrations';

export const APPSTORE_ACTIONS = ['install', 'uninstall', 'upgrade', 'billing_install', 'billing_subscription'] as const;
export type AppstoreAction = (typeof APPSTORE_ACTIONS)[number];

/** Lifecycle events older than this are refused as stale or replayed (more than 5 minutes ahead: clock skew). */
export const APPSTORE_MAX_AGE_SECONDS = 3600;

/** HMAC-SHA512 (App Store secret) over every field but `hash`, sorted by key, `k=v` joined with `&`. */
export function appstoreSignature(fields: Record<string, string>, appstoreSecret: string): string {
  const base = Object.keys(fields)
    .filter((k) => k !== 'hash')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHmac('sha512', appstoreSecret).update(base).digest('hex');
}

export interface AppstoreOutcome {
  action: AppstoreAction;
  shop: string;
  result: 'installed' | 'already-installed' | 'uninstalled' | 'unknown-shop' | 'updated';
}

export async function handleAppstoreEvent(deps: Deps, fields: Record<string, string>): Promise<AppstoreOutcome> {
  const secrets = await deps.secrets();
  if (!fields.hash) throw unauthorized('APPSTORE_SIGNATURE_MISSING', 'hash is required');
  if (!safeEqualHex(appstoreSignature(fields, secrets.appstoreSecret), fields.hash)) {
    throw unauthorized('APPSTORE_SIGNATURE_INVALID', 'The App Store signature does not match');
  }
  const action = APPSTORE_ACTIONS.find((a) => a === fields.action);
  if (!action) throw badRequest('APPSTORE_ACTION_UNKNOWN', `Unknown action "${fields.action ?? ''}"`, 'action');
  const shopId = fields.shop;
  if (!shopId) throw badRequest('FIELD_REQUIRED', 'shop is required', 'shop');
  // Unix seconds or `Y-m-d H:i:s` in Europe/Warsaw (what a live shop sends); both compared as instants.
  const now = deps.clock.now();
  const fresh = checkFreshness(fields.timestamp ?? '', now, APPSTORE_MAX_AGE_SECONDS);
  if (!fresh.ok) {
    if (fresh.reason === 'unreadable') {
      throw badRequest('FIELD_INVALID', 'timestamp must be Unix seconds or "Y-m-d H:i:s" (Europe/Warsaw)', 'timestamp');
    }
    throw unauthorized('APPSTORE_EVENT_STALE', 'The event is too old or from the future: refused as a possible replay');
  }
  const timestamp = fresh.seconds;
  const existing = await deps.store.getShop(shopId);
  if (existing?.lastLifecycleAt && Number(existing.lastLifecycleAt) > timestamp) {
    // An older event than one we already applied (reordered or replayed): applying it would undo a newer one.
    throw new AppError(409, 'APPSTORE_EVENT_OUTDATED', 'A newer App Store event for this shop was already applied');
  }

  switch (action) {
    case 'install':
      return install(deps, fields, existing, timestamp);
    case 'uninstall':
      return uninstall(deps, shopId, existing);
    default: {
      if (!existing) return { action, shop: shopId, result: 'unknown-shop' };
      // Only these attributes: a setup task running at the same time keeps what it wrote.
      await deps.store.updateShop(shopId, {
        appVersion: fields.application_version ?? existing.appVersion,
        subscriptionEndsAt: fields.subscription_end_time ?? existing.subscriptionEndsAt,
        lastLifecycleAt: String(timestamp),
        updatedAt: now.toISOString(),
      });
      return { action, shop: shopId, result: 'updated' };
    }
  }
}

async function install(deps: Deps, fields: Record<string, string>, existing: Shop | undefined, timestamp: number): Promise<AppstoreOutcome> {
  const shopId = fields.shop!;
  const shopUrl = fields.shop_url;
  const authCode = fields.auth_code;
  if (!shopUrl || !/^https?:\/\//.test(shopUrl)) throw badRequest('FIELD_INVALID', 'shop_url must be an http(s) URL', 'shop_url');
  if (!authCode) throw badRequest('FIELD_REQUIRED', 'auth_code is required for install', 'auth_code');
  const codeHash = createHmac('sha256', 'auth-code').update(authCode).digest('hex');
  if (existing?.status === 'installed' && existing.authCodeHash === codeHash) {
    // The same install again. If the first one stored the shop but could not queue its setup, queue it now.
    if (existing.setup?.state === 'setting-up' && existing.setup.attempts === 0) {
      await enqueueShopSetup(deps, shopId, { installId: existing.setup.installId, attempt: 1 });
    }
    return { action: 'install', shop: shopId, result: 'already-installed' };
  }

  const now = deps.clock.now();
  let tokens;
  try {
    tokens = await exchangeAuthCode(deps, shopId, shopUrl, authCode);
  } catch (error) {
    if (error instanceof ShoperApiError && error.status !== undefined && error.status < 500) {
      throw new AppError(400, 'APPSTORE_AUTH_CODE_REJECTED', 'The shop refused the authorization code');
    }
    throw new AppError(502, 'SHOPER_UNAVAILABLE', 'The shop could not be reached to finish the installation; try again');
  }
  const derived = deps.config.WEBHOOK_SECRET_MODE === 'derived';
  const installId = randomUUID();
  const shop: Shop = {
    // A reinstall over a live record keeps the catalogue it knew until the setup reads it again.
    ...(existing?.status === 'installed' ? pickCatalogue(existing) : {}),
    shop: shopId,
    shopUrl,
    status: 'installed',
    appVersion: fields.application_version,
    installedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    tokens,
    authCodeHash: codeHash,
    lastLifecycleAt: String(timestamp),
    // Derived mode: the publisher's panel webhooks carry the App Store's secret, so there is nothing to keep.
    ...(derived
      ? { webhookMode: 'panel' as const, webhookModeReason: 'derived-mode' as const }
      : { webhookMode: 'app' as const, sealedWebhookSecret: await sealWebhookSecret(deps, shopId, newWebhookSecret()) }),
    setup: startingSetup(installId, now),
  };
  await deps.store.putShop(shop);
  // A new shop starts with the manual's example celebration rules (switched off).
  if (existing?.status !== 'installed') await seedExampleCelebrations(deps, shopId);
  try {
    await enqueueShopSetup(deps, shopId, { installId, attempt: 1 });
  } catch (error) {
    deps.logger.error('shop setup could not be queued', { shop: shopId, error: String(error) });
    throw new AppError(503, 'SETUP_NOT_QUEUED', 'The installation was saved but its setup could not be queued; send the install again');
  }
  deps.logger.info('shop installed, setup queued', { shop: shopId, webhookMode: shop.webhookMode });
  return { action: 'install', shop: shopId, result: 'installed' };
}

const pickCatalogue = (shop: Shop): Partial<Shop> => ({
  shopName: shop.shopName,
  statuses: shop.statuses,
  shippings: shop.shippings,
  currencies: shop.currencies,
  defaultCurrency: shop.defaultCurrency,
  catalogueReadAt: shop.catalogueReadAt,
});

async function uninstall(deps: Deps, shopId: string, existing: Shop | undefined): Promise<AppstoreOutcome> {
  if (!existing) return { action: 'uninstall', shop: shopId, result: 'unknown-shop' };
  // Schedules first: once the data is gone nothing could find them any more.
  const schedules = await deps.scheduler.cancelAllOfShop(shopId);
  const items = await deps.store.deleteShopData(shopId);
  deps.logger.info('shop uninstalled', { shop: shopId, schedules, items });
  return { action: 'uninstall', shop: shopId, result: 'uninstalled' };
}
