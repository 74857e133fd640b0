// Use case: Shoper App Store lifecycle events (install, upgrade, billing, uninstall). Every action is
// idempotent: an install may arrive twice, an uninstall of an unknown shop is harmless. Install answers fast: it
// trades the auth code and stores the shop; the catalogue and webhooks follow from the queue (shop-setup.ts).
// Uninstall answers fast too: it marks the shop "uninstalling" and queues the purge of its data (shop-purge.ts);
// an install arriving before the purge is done waits in the mark and becomes the shop once the old data is gone.
import { createHmac, randomUUID } from 'node:crypto';
import { AppError, badRequest, unauthorized } from '#domain/errors';
import { checkFreshness } from '#domain/shoper-time';
import type { Shop } from '#domain/model';
import type { Deps } from './deps';
import { safeEqualHex } from './webhook-signature';
import { exchangeAuthCode, ShoperApiError } from './shoper-client';
import { enqueueShopSetup, migrateLegacyWebhooks, startingSetup } from './shop-setup';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret';
import { seedExampleCelebrations } from './celebrations';
import { enqueueShopPurge } from './shop-purge';

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
  /** `install-pending`: the previous installation's data is still being deleted; the install follows it. */
  result: 'installed' | 'already-installed' | 'install-pending' | 'uninstalling' | 'unknown-shop' | 'updated';
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
      return uninstall(deps, shopId, existing, timestamp);
    default: {
      if (!existing) return { action, shop: shopId, result: 'unknown-shop' };
      if (existing.status === 'uninstalling') return { action, shop: shopId, result: 'uninstalling' };
      // Only these attributes: a setup task running at the same time keeps what it wrote.
      await deps.store.updateShop(shopId, {
        appVersion: fields.application_version ?? existing.appVersion,
        subscriptionEndsAt: fields.subscription_end_time ?? existing.subscriptionEndsAt,
        lastLifecycleAt: String(timestamp),
        updatedAt: now.toISOString(),
      });
      // A new version is the moment to move a shop set up before one webhook per event over to it.
      // The upgrade itself is applied either way; a move that could not be queued shows as a stuck setup (retry).
      if (action === 'upgrade') {
        await migrateLegacyWebhooks(deps, existing).catch((error: unknown) =>
          deps.logger.error('legacy webhook migration not queued', { shop: shopId, error: String(error) }),
        );
      }
      return { action, shop: shopId, result: 'updated' };
    }
  }
}

async function install(
  deps: Deps,
  fields: Record<string, string>,
  existing: Shop | undefined,
  timestamp: number,
): Promise<AppstoreOutcome> {
  const shopId = fields.shop!;
  const shopUrl = fields.shop_url;
  const authCode = fields.auth_code;
  if (!shopUrl || !/^https?:\/\//.test(shopUrl)) throw badRequest('FIELD_INVALID', 'shop_url must be an http(s) URL', 'shop_url');
  if (!authCode) throw badRequest('FIELD_REQUIRED', 'auth_code is required for install', 'auth_code');
  const codeHash = createHmac('sha256', 'auth-code').update(authCode).digest('hex');
  if (existing?.status === 'uninstalling' && existing.pendingInstall?.authCodeHash === codeHash) {
    // The same install again while it waits for the purge: make sure the purge runs.
    await queuePurge(deps, shopId, existing.uninstall!.id);
    return { action: 'install', shop: shopId, result: 'install-pending' };
  }
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
  if (existing?.status === 'uninstalling') {
    // The previous installation's data is still being deleted: this install waits in the mark and becomes the shop
    // record when the purge is done (so the purge never deletes anything of it). Gone meanwhile: install at once.
    const uninstallId = existing.uninstall!.id;
    if (await deps.store.updateShop(shopId, { pendingInstall: shop, lastLifecycleAt: String(timestamp) }, { uninstallId })) {
      await queuePurge(deps, shopId, uninstallId);
      deps.logger.info('shop installed again during its purge: the install waits for it', { shop: shopId });
      return { action: 'install', shop: shopId, result: 'install-pending' };
    }
  }
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

/**
 * Marks the shop "uninstalling" and queues the purge; fast whatever the shop's size. A repeated uninstall (or one
 * for a shop whose record an older, cut-off uninstall already deleted) queues the purge again while data remains.
 */
async function uninstall(deps: Deps, shopId: string, existing: Shop | undefined, timestamp: number): Promise<AppstoreOutcome> {
  const now = deps.clock.now().toISOString();
  let uninstallId: string;
  if (existing?.status === 'uninstalling') {
    uninstallId = existing.uninstall!.id;
    // An install that waited for the purge is called off by this newer uninstall.
    await deps.store.updateShop(
      shopId,
      { lastLifecycleAt: String(timestamp), updatedAt: now },
      { uninstallId, remove: ['pendingInstall'] },
    );
  } else {
    if (!existing && !(await deps.shopPurge.hasShopData(shopId))) {
      return { action: 'uninstall', shop: shopId, result: 'unknown-shop' };
    }
    uninstallId = randomUUID();
    // The mark replaces the record: tokens and the webhook secret go at once; the data follows from the queue.
    await deps.store.putShop({
      shop: shopId,
      shopUrl: existing?.shopUrl ?? '',
      status: 'uninstalling',
      installedAt: existing?.installedAt ?? now,
      updatedAt: now,
      lastLifecycleAt: String(timestamp),
      uninstall: { id: uninstallId, requestedAt: now },
    });
  }
  await queuePurge(deps, shopId, uninstallId);
  deps.logger.info('shop uninstalling, purge queued', { shop: shopId });
  return { action: 'uninstall', shop: shopId, result: 'uninstalling' };
}

async function queuePurge(deps: Deps, shopId: string, uninstallId: string): Promise<void> {
  try {
    await enqueueShopPurge(deps, shopId, { uninstallId, round: 1 });
  } catch (error) {
    deps.logger.error('shop purge could not be queued', { shop: shopId, error: String(error) });
    throw new AppError(
      503,
      'PURGE_NOT_QUEUED',
      'The uninstall was recorded but the deletion of the data could not be queued; send it again',
    );
  }
}
