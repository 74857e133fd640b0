// Use case: Shoper App Store lifecycle events (install, upgrade, billing, uninstall). Every action is
// idempotent: an install may arrive twice, an uninstall of an unknown shop is harmless.
import { createHmac, randomBytes } from 'node:crypto';
import { AppError, badRequest, unauthorized } from '#domain/errors';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import type { Shop } from '#domain/model';
import type { Deps } from './deps';
import { safeEqualHex } from './webhook-signature';
import { createShoperClient, exchangeAuthCode, ShoperApiError } from './shoper-client';
import { readShopCatalogue } from './shop-catalogue';
import { seedExampleCelebrations } from './celebrations';

export const APPSTORE_ACTIONS = ['install', 'uninstall', 'upgrade', 'billing_install', 'billing_subscription'] as const;
export type AppstoreAction = (typeof APPSTORE_ACTIONS)[number];

/** Lifecycle events older (or further in the future) than this are refused as stale or replayed. */
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
  const timestamp = Number(fields.timestamp);
  const now = deps.clock.now();
  if (!Number.isFinite(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > APPSTORE_MAX_AGE_SECONDS) {
    throw unauthorized('APPSTORE_EVENT_STALE', 'The event is too old or from the future: refused as a possible replay');
  }
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
      await deps.store.putShop({
        ...existing,
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
    return { action: 'install', shop: shopId, result: 'already-installed' };
  }

  const now = deps.clock.now().toISOString();
  let tokens;
  try {
    tokens = await exchangeAuthCode(deps, shopId, shopUrl, authCode);
  } catch (error) {
    if (error instanceof ShoperApiError && error.status !== undefined && error.status < 500) {
      throw new AppError(400, 'APPSTORE_AUTH_CODE_REJECTED', 'The shop refused the authorization code');
    }
    throw new AppError(502, 'SHOPER_UNAVAILABLE', 'The shop could not be reached to finish the installation; try again');
  }
  let shop: Shop = {
    shop: shopId,
    shopUrl,
    status: 'installed',
    appVersion: fields.application_version,
    installedAt: now,
    updatedAt: now,
    tokens,
    authCodeHash: codeHash,
    lastLifecycleAt: String(timestamp),
    webhookSecret: randomBytes(24).toString('hex'),
  };
  // Save the tokens first: a failure below leaves a shop the next install attempt can finish.
  await deps.store.putShop({ ...shop, status: 'uninstalled' });
  const client = createShoperClient(deps, shop);
  shop = { ...shop, ...(await readShopCatalogue(client)) };
  shop.webhookIds = await registerWebhooks(deps, client, shop.webhookSecret!);
  await deps.store.putShop(shop);
  if (existing?.status !== 'installed') await seedExampleCelebrations(deps, shopId);
  deps.logger.info('shop installed', { shop: shopId, statuses: shop.statuses?.length ?? 0, webhooks: shop.webhookIds.length });
  return { action: 'install', shop: shopId, result: 'installed' };
}

/** Registers one JSON webhook for every event we handle, replacing any the app registered before. */
async function registerWebhooks(deps: Deps, client: ReturnType<typeof createShoperClient>, secret: string): Promise<string[]> {
  const url = `${deps.config.PUBLIC_URL}/shoper/webhooks`;
  const existing = await client.listAll<{ webhook_id?: string | number; url?: string }>('webhooks');
  for (const w of existing) {
    if (w.url === url && w.webhook_id !== undefined) await client.delete('webhooks', w.webhook_id);
  }
  const created = await client.post<number | string | { webhook_id?: number | string }>('webhooks', {
    url,
    format: 0,
    secret,
    active: 1,
    events: [...SUPPORTED_EVENTS],
  });
  const id = typeof created === 'object' && created !== null ? created.webhook_id : created;
  return id === undefined ? [] : [String(id)];
}

async function uninstall(deps: Deps, shopId: string, existing: Shop | undefined): Promise<AppstoreOutcome> {
  if (!existing) return { action: 'uninstall', shop: shopId, result: 'unknown-shop' };
  // Schedules first: once the data is gone nothing could find them any more.
  const schedules = await deps.scheduler.cancelAllOfShop(shopId);
  const items = await deps.store.deleteShopData(shopId);
  deps.logger.info('shop uninstalled', { shop: shopId, schedules, items });
  return { action: 'uninstall', shop: shopId, result: 'uninstalled' };
}
