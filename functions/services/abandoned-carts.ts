// Abandoned baskets (manual 4.7): the widget reports basket activity of a logged-in client (Shoper has no basket
// webhook); N days after the last activity, if the client consented (the newsletter flag the shop recorded, read
// from Shoper — never a flag in the request) and has not ordered since, a reminder goes.
// Newer activity replaces the pending reminder; emptying the basket or placing an order cancels it.
import type { BasketActivityRequest } from '#contracts/storefront';
import { localDate } from '#domain/calendar';
import type { Job, Shop, ShopSettings } from '#domain/model';
import { normalizeMobile } from '#domain/phone';
import { dueTime, templateKey } from '#domain/planning';
import { withDefaults } from '#domain/settings';
import { renderLinkedMessage } from '#domain/linked-message';
import type { BasketActivity, BasketClient } from '#domain/baskets';
import type { Deps } from './deps';
import { dispatchJob, jobFromPlan, jobIdKey } from './dispatch';
import { createShoperClient } from './shoper-client';
import { enforceLimit, STOREFRONT_LIMITS } from './rate-limit';
import { placeUnderDailyCap, releaseCapPlace } from './storefront-cap';
import { optOutsOf } from './opt-out';
import { linkMakerFor, saveLinks } from './short-links';

/** Activity closer than this to the one the pending reminder was planned from only refreshes the record. */
export const REPLAN_AFTER_MS = 60 * 60 * 1000;
/** Client facts read from Shoper are reused this long (a basket ping must not cost a REST call each time). */
const CLIENT_FRESH_MS = 24 * 60 * 60 * 1000;
const SHOPER_LOOKUP_MS = 5000;
const MAX_RACES = 3;

export type BasketOutcome =
  | { status: 'planned'; dueAt: string }
  | { status: 'updated' | 'cleared' }
  | { status: 'ignored'; reason: 'DISABLED' | 'CLIENT_UNKNOWN' | 'NO_PHONE' | 'NO_CONSENT' | 'OPTED_OUT' | 'BOT' | 'DAILY_CAP' };

const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

interface ShoperUser {
  firstname?: string;
  lastname?: string;
  email?: string;
  newsletter?: string | number | boolean;
}
interface ShoperAddress {
  phone?: string;
  country_code?: string;
  default?: boolean | string | number;
}

/** The client's name, e-mail, mobile number and newsletter consent from the shop's REST API. */
async function fetchClient(
  deps: Deps,
  shop: Shop,
  clientId: string,
  settings: ShopSettings,
): Promise<BasketClient | 'not-found' | undefined> {
  const api = createShoperClient(deps, shop);
  const read = async (): Promise<BasketClient | 'not-found'> => {
    const user = await api.get<ShoperUser>('users', clientId);
    const addresses = await api.list<ShoperAddress>('user-addresses', { filters: { user_id: Number(clientId) }, limit: 20 });
    const ordered = [...(addresses.list ?? [])].sort((a, b) => Number(isTrue(b.default)) - Number(isTrue(a.default)));
    let phone: string | undefined;
    for (const address of ordered) {
      if (!address.phone) continue;
      const result = normalizeMobile(address.phone, { countryCodeHint: address.country_code, allowedCountries: settings.allowedCountries });
      if (result.ok) {
        phone = result.e164;
        break;
      }
    }
    return {
      firstname: user.firstname,
      lastname: user.lastname,
      email: user.email,
      ...(phone ? { phone } : {}),
      newsletter: isTrue(user.newsletter),
      fetchedAt: deps.clock.now().toISOString(),
    };
  };
  return within(
    read().catch((error: { code?: string }) => {
      if (error?.code === 'SHOPER_NOT_FOUND') return 'not-found' as const;
      deps.logger.warn('basket: client lookup failed', { shop: shop.shop, code: error?.code });
      return undefined;
    }),
    SHOPER_LOOKUP_MS,
  );
}

const isTrue = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** Cancels a pending reminder (and frees its place under the daily cap). */
export async function cancelReminder(deps: Deps, shop: string, jobId: string, reason: string, timeZone: string): Promise<Job | undefined> {
  const job = await deps.jobs.cancel(shop, jobId, ['SCHEDULED', 'QUEUED'], deps.clock.now().toISOString(), reason);
  if (job) {
    await deps.scheduler.cancel({ shop, jobId });
    await releaseCapPlace(deps, shop, localDate(new Date(job.dueAt), timeZone));
    deps.logger.info('basket reminder cancelled', { shop, jobId, reason });
  }
  return job;
}

/** The widget saw the basket of logged-in client `clientId` with `itemsCount` items. */
export async function recordBasketActivity(
  deps: Deps,
  shop: Shop,
  input: BasketActivityRequest,
  caller: { ipHash: string; locale: 'pl' | 'en' },
): Promise<BasketOutcome> {
  if (input.website) return { status: 'ignored', reason: 'BOT' };
  await enforceLimit(deps, shop.shop, STOREFRONT_LIMITS.basketPerClientHour, input.clientId, caller.locale);
  const config = await deps.store.loadConfiguration(shop.shop);
  const template = config.templates[templateKey.abandonedCart];
  if (!template?.enabled) return { status: 'ignored', reason: 'DISABLED' };
  const settings = withDefaults(config.settings);
  const tz = settings.quietHours.timeZone;
  const baskets = deps.baskets;

  for (let race = 0; race < MAX_RACES; race++) {
    const current = await baskets.get(shop.shop, input.clientId);
    const now = deps.clock.now();
    const next: BasketActivity = {
      ...(current ?? { shop: shop.shop, clientId: input.clientId }),
      itemsCount: input.itemsCount,
      lastActivityAt: now.toISOString(),
      version: (current?.version ?? 0) + 1,
    };
    // A consent recorded from a storefront request by an earlier version proves nothing (anybody could send it).
    delete next.consent;
    const clearPending = async (reason: string): Promise<boolean> => {
      next.jobId = undefined;
      next.plannedFrom = undefined;
      if (!(await baskets.save(next, current?.version))) return false;
      if (current?.jobId) await cancelReminder(deps, shop.shop, current.jobId, reason, tz);
      return true;
    };

    if (input.itemsCount === 0) {
      if (await clearPending('BASKET_EMPTIED')) return { status: 'cleared' };
      continue;
    }

    const fresh = current?.client && now.getTime() - new Date(current.client.fetchedAt).getTime() < CLIENT_FRESH_MS;
    const client = fresh ? current!.client : await fetchClient(deps, config.shop ?? shop, input.clientId, settings);
    if (client === 'not-found') return { status: 'ignored', reason: 'CLIENT_UNKNOWN' };
    if (client) next.client = client;
    if (!next.client) {
      // Shoper did not answer: keep the activity, plan when a later ping can read the client.
      if (await baskets.save(next, current?.version)) return { status: 'updated' };
      continue;
    }
    if (!next.client.phone) {
      if (await clearPending('NO_PHONE')) return { status: 'ignored', reason: 'NO_PHONE' };
      continue;
    }
    // Consent is what the shop recorded: the client's newsletter flag in Shoper, set by the client in a session
    // Shoper verified (registration, the account page). Nothing in this anonymous request counts.
    const consented = !settings.requireMarketingConsent || next.client.newsletter;
    if (!consented) {
      if (await clearPending('NO_CONSENT')) return { status: 'ignored', reason: 'NO_CONSENT' };
      continue;
    }
    // The number said "no more" through a {stop_link}: no reminder, whatever the newsletter flag says.
    if ((await optOutsOf(deps, shop.shop, [next.client.phone])).size > 0) {
      if (await clearPending('OPTED_OUT')) return { status: 'ignored', reason: 'OPTED_OUT' };
      continue;
    }

    const replan = !current?.jobId || !current.plannedFrom || now.getTime() - new Date(current.plannedFrom).getTime() >= REPLAN_AFTER_MS;
    if (!replan) {
      if (await baskets.save(next, current?.version)) return { status: 'updated' };
      continue;
    }

    // "After N days": at least one day, whatever the template says (a reminder seconds later would be noise).
    const delayDays = Math.max(1, template.delayDays);
    const timing = dueTime('abandoned-cart', delayDays, { now, settings });
    const key = `abandoned-cart:${input.clientId}:${now.toISOString()}`;
    const message = renderLinkedMessage(
      'abandoned-cart',
      template.text,
      {
        name: next.client.firstname ?? '',
        lastname: next.client.lastname ?? '',
        email: next.client.email ?? '',
        shop_name: (config.shop ?? shop).shopName ?? '',
      },
      {
        maxParts: deps.config.SMSAPI_MAX_PARTS,
        links: await linkMakerFor(deps, config.shop ?? shop, settings, now),
        autoStopLink: settings.autoStopLink,
        request: { jobKey: key, phone: next.client.phone, userId: input.clientId, targets: { shopUrl: (config.shop ?? shop).shopUrl } },
      },
    );
    const job = jobFromPlan(
      shop.shop,
      {
        key,
        kind: 'abandoned-cart',
        phone: next.client.phone,
        text: message.text,
        ...timing,
        source: { event: 'basket.activity', userId: input.clientId },
      },
      now,
      await jobIdKey(deps),
    );
    const placed = await placeUnderDailyCap(deps, shop.shop, settings, 'abandoned-cart', new Date(job.dueAt));
    if (placed.dropped) {
      // No room under the cap: the activity is kept (and a reminder planned before keeps its place).
      if (await baskets.save(next, current?.version)) return { status: 'ignored', reason: 'DAILY_CAP' };
      continue;
    }
    if (placed.waitReason) {
      Object.assign(job, { dueAt: placed.dueAt.toISOString(), shiftedFrom: job.shiftedFrom ?? job.dueAt, waitReason: placed.waitReason });
    }
    job.state = new Date(job.dueAt).getTime() <= now.getTime() + 60_000 ? 'QUEUED' : 'SCHEDULED';
    await saveLinks(deps, message.links);
    if ((await deps.store.createJob(job)) !== 'created') {
      await releaseCapPlace(deps, shop.shop, placed.capDate);
      continue;
    }
    // Put it on its road before recording it: a crash in between can cost a duplicate reminder, never a lost one.
    await dispatchJob(deps, job);
    next.jobId = job.jobId;
    next.plannedFrom = now.toISOString();
    if (!(await baskets.save(next, current?.version))) {
      await cancelReminder(deps, shop.shop, job.jobId, 'BASKET_ACTIVITY_RACE', tz);
      continue;
    }
    if (current?.jobId) await cancelReminder(deps, shop.shop, current.jobId, 'BASKET_ACTIVITY', tz);
    deps.logger.info('basket reminder planned', { shop: shop.shop, jobId: job.jobId, dueAt: job.dueAt });
    return { status: 'planned', dueAt: job.dueAt };
  }
  return { status: 'updated' };
}

/** An order from the client cancels the pending reminder (planner for order.create). */
export async function cancelBasketReminderForOrder(
  deps: Deps,
  shop: string,
  userId: string | undefined,
  timeZone: string,
): Promise<boolean> {
  if (!userId) return false;
  const baskets = deps.baskets;
  for (let race = 0; race < MAX_RACES; race++) {
    const current = await baskets.get(shop, userId);
    if (!current?.jobId) return false;
    const saved = await baskets.save(
      { ...current, jobId: undefined, plannedFrom: undefined, orderedAt: deps.clock.now().toISOString(), version: current.version + 1 },
      current.version,
    );
    if (!saved) continue;
    await cancelReminder(deps, shop, current.jobId, 'ORDER_PLACED', timeZone);
    return true;
  }
  return false;
}
