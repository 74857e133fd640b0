// In-memory twins of the storefront and links repositories (functions/services/storefront-repositories.ts) with the
// same conditional semantics as the DynamoDB adapters (test/integration/storefront-repositories.test.ts runs one
// suite against both), so sign-ups, restocks, opt-outs, link clicks, baskets and the counters behind the
// storefront's limits can be unit-tested in milliseconds without Java.
import type { ShoperHttp } from '#services/http-ports';
import type { BasketActivity } from '#domain/baskets';
import type { ErrorLogEntry, Job, JobState, MessageTemplate, Shop, ShopSettings, ShoperTokens } from '#domain/model';
import { kindCounter, type Attribution, type OptOut } from '#domain/link-results';
import type { ShortLink } from '#domain/short-links';
import type { SignUp } from '#domain/sign-ups';
import { readConfig } from '#config';
import type { Deps } from '#services/deps';
import type {
  BasketRepository,
  CounterRepository,
  CounterResult,
  ShortLinkRepository,
  SignUpRepository,
} from '#services/storefront-repositories';

/** A deep copy without undefined attributes, as DynamoDB stores it (removeUndefinedValues). */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const k = (...parts: string[]) => parts.join('\u0000');

export function createFakeShortLinks(): ShortLinkRepository & {
  links: Map<string, ShortLink>;
  counters: Map<string, Record<string, number>>;
  attributions: Map<string, Attribution>;
} {
  const links = new Map<string, ShortLink>();
  /** shop -> listing key (P#phone / U#userId) -> codes */
  const listings = new Map<string, Set<string>>();
  const optOuts = new Map<string, OptOut>();
  const attributions = new Map<string, Attribution>();
  const counters = new Map<string, Record<string, number>>();
  const list = (key: string) => listings.get(key) ?? (listings.set(key, new Set()), listings.get(key)!);
  const day = (shop: string, date: string) =>
    counters.get(k(shop, date)) ?? (counters.set(k(shop, date), {}), counters.get(k(shop, date))!);
  const add = (shop: string, date: string, entries: [string, number][]) => {
    if (entries.length === 0) return;
    const d = day(shop, date);
    for (const [name, n] of entries) d[name] = (d[name] ?? 0) + n;
  };

  return {
    links,
    counters,
    attributions,
    async save(saved) {
      for (const link of saved) {
        links.set(link.code, stored(link));
        list(k(link.shop, 'P', link.phone)).add(link.code);
        if (link.userId) list(k(link.shop, 'U', link.userId)).add(link.code);
      }
    },
    get: async (code) => {
      const link = links.get(code);
      return link && stored(link);
    },
    async recordClick(code, at) {
      const link = links.get(code);
      if (!link || !(link.validUntil > at) || link.purpose !== 'redirect') return undefined;
      link.firstClickAt ??= at;
      link.lastClickAt = at;
      link.clicks = (link.clicks ?? 0) + 1;
      return stored(link);
    },
    async listClientLinks(shop, client) {
      const codes = new Set([
        ...(client.phone ? (listings.get(k(shop, 'P', client.phone)) ?? []) : []),
        ...(client.userId ? (listings.get(k(shop, 'U', client.userId)) ?? []) : []),
      ]);
      return [...codes].flatMap((code) => {
        const link = links.get(code);
        return link && link.shop === shop ? [stored(link)] : [];
      });
    },
    async recordOptOut(shop, optOut) {
      if (optOuts.has(k(shop, optOut.phone))) return false;
      optOuts.set(k(shop, optOut.phone), stored(optOut));
      return true;
    },
    async optOutsOf(shop, phones) {
      const found = new Map<string, OptOut>();
      for (const phone of phones) {
        const optOut = optOuts.get(k(shop, phone));
        if (optOut) found.set(phone, stored(optOut));
      }
      return found;
    },
    listOptOuts: async (shop) =>
      [...optOuts.entries()]
        .filter(([key]) => key.startsWith(k(shop, '')))
        .map(([, o]) => stored(o))
        .sort((a, b) => b.at.localeCompare(a.at)),
    async addKindCounters(shop, date, values) {
      add(
        shop,
        date,
        Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] !== 0),
      );
    },
    async attribute(shop, date, attribution) {
      if (attributions.has(k(shop, attribution.orderId))) return false;
      attributions.set(k(shop, attribution.orderId), stored(attribution));
      const entries: [string, number][] = [[kindCounter('orders', attribution.kind), 1]];
      if (attribution.revenue) entries.push([kindCounter('revenue', attribution.kind), attribution.revenue]);
      add(shop, date, entries);
      return true;
    },
    listKindCounters: async (shop, fromDate, toDate) =>
      [...counters.entries()]
        .map(([key, c]) => ({ shop: key.split('\u0000')[0], date: key.split('\u0000')[1]!, counters: { ...c } }))
        .filter((d) => d.shop === shop && d.date >= fromDate && d.date <= toDate)
        .sort((a, b) => a.date.localeCompare(b.date))
        .map(({ date, counters: c }) => ({ date, counters: c })),
  };
}

export function createFakeSignUps(): SignUpRepository & { all: Map<string, SignUp> } {
  const all = new Map<string, SignUp>();
  // The DynamoDB order: by product, then phone (sk SUB#<productId>#<phone>).
  const sorted = (shop: string) =>
    [...all.entries()]
      .filter(([key]) => key.startsWith(k(shop, '')))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, s]) => s);
  const key = (shop: string, productId: string, phone: string) => k(shop, `${productId}#${phone}`);

  return {
    all,
    async signUp(signUp) {
      const current = all.get(key(signUp.shop, signUp.productId, signUp.phone));
      if (current?.status === 'waiting') return 'duplicate';
      all.set(key(signUp.shop, signUp.productId, signUp.phone), stored(signUp));
      return 'created';
    },
    get: async (shop, productId, phone) => {
      const s = all.get(key(shop, productId, phone));
      return s && stored(s);
    },
    async *waiting(shop, productId, afterPhone) {
      for (const s of sorted(shop)) {
        if (s.productId !== productId || s.status !== 'waiting') continue;
        if (afterPhone !== undefined && s.phone <= afterPhone) continue;
        yield stored(s);
      }
    },
    listAll: async (shop) => sorted(shop).map(stored),
    async markSent(signUp, jobId, at) {
      const current = all.get(key(signUp.shop, signUp.productId, signUp.phone));
      if (current?.status !== 'waiting' || current.createdAt !== signUp.createdAt) return false;
      const name = signUp.productName ? { productName: signUp.productName } : {};
      Object.assign(current, { status: 'sent', sentAt: at, updatedAt: at, jobId }, name);
      return true;
    },
    async withdraw(shop, productId, phone, at) {
      const current = all.get(key(shop, productId, phone));
      if (!current) return false;
      Object.assign(current, { status: 'withdrawn', withdrawnAt: at, updatedAt: at });
      return true;
    },
    remove: async (shop, productId, phone) => all.delete(key(shop, productId, phone)),
  };
}

export function createFakeBaskets(): BasketRepository & { all: Map<string, BasketActivity> } {
  const all = new Map<string, BasketActivity>();
  return {
    all,
    get: async (shop, clientId) => {
      const b = all.get(k(shop, clientId));
      return b && stored(b);
    },
    async save(activity, expectedVersion) {
      const current = all.get(k(activity.shop, activity.clientId));
      if (expectedVersion === undefined ? current !== undefined : current?.version !== expectedVersion) return false;
      all.set(k(activity.shop, activity.clientId), stored(activity));
      return true;
    },
  };
}

export function createFakeCounters(): CounterRepository & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const consumeAt = (key: string, limit: number, amount: number): CounterResult => {
    const current = counts.get(key);
    if (amount > limit || (current !== undefined && current > limit - amount)) return { ok: false };
    counts.set(key, (current ?? 0) + amount);
    return { ok: true, count: counts.get(key)! };
  };
  return {
    counts,
    consume: async (shop, name, limit, _expiresAt, amount = 1) => consumeAt(k('shop', shop, name), limit, amount),
    consumeShared: async (subject, name, limit) => consumeAt(k('shared', subject, name), limit, 1),
    async release(shop, name, amount = 1) {
      const current = counts.get(k('shop', shop, name));
      if (current !== undefined && current >= amount) counts.set(k('shop', shop, name), current - amount);
    },
  };
}

/**
 * The few Store operations the storefront use cases call besides their repositories (configuration, jobs, the
 * error log, statistics), in memory. Jobs move only between the states given, like the store's conditional write.
 */
export function createFakeShopStore(initial: {
  shop: Shop;
  settings?: Partial<ShopSettings>;
  templates?: Record<string, MessageTemplate>;
}) {
  const jobs = new Map<string, Job>();
  const errors: ErrorLogEntry[] = [];
  const stats = new Map<string, Record<string, number>>();
  const numbers = new Set<string>();
  const state = { shop: stored(initial.shop), settings: initial.settings, templates: initial.templates ?? {} };
  return {
    jobs,
    errors,
    stats,
    state,
    getShop: async (shop: string) => (shop === state.shop.shop ? stored(state.shop) : undefined),
    getSettings: async () => state.settings && stored(state.settings),
    async loadConfiguration(shop: string): Promise<Awaited<ReturnType<Deps['store']['loadConfiguration']>>> {
      if (shop !== state.shop.shop) return { templates: {}, celebrations: [] };
      return stored({ shop: state.shop, settings: state.settings, templates: state.templates, celebrations: [] });
    },
    async updateShopTokens(shop: string, tokens: ShoperTokens) {
      if (shop === state.shop.shop) state.shop.tokens = stored(tokens);
    },
    async createJob(job: Job): Promise<'created' | 'exists'> {
      if (jobs.has(k(job.shop, job.jobId))) return 'exists';
      jobs.set(k(job.shop, job.jobId), stored(job));
      return 'created';
    },
    getJob: async (shop: string, jobId: string) => {
      const job = jobs.get(k(shop, jobId));
      return job && stored(job);
    },
    listPendingJobs: async (shop: string) =>
      [...jobs.values()].filter((j) => j.shop === shop && ['SCHEDULED', 'QUEUED'].includes(j.state)).map(stored),
    async transitionJob(shop: string, jobId: string, from: JobState[], to: JobState, set: Partial<Job>) {
      const job = jobs.get(k(shop, jobId));
      if (!job || !from.includes(job.state)) return undefined;
      Object.assign(job, stored(set), { state: to });
      return stored(job);
    },
    addError: async (_shop: string, entry: ErrorLogEntry) => void errors.push(stored(entry)),
    async addStats(shop: string, date: string, counters: Record<string, number | undefined>) {
      const day = stats.get(k(shop, date)) ?? (stats.set(k(shop, date), {}), stats.get(k(shop, date))!);
      for (const [name, n] of Object.entries(counters)) if (typeof n === 'number') day[name] = (day[name] ?? 0) + n;
    },
    async rememberNumber(shop: string, phone: string) {
      if (numbers.has(k(shop, phone))) return false;
      numbers.add(k(shop, phone));
      return true;
    },
  };
}

export const TEST_SHOP: Shop = {
  shop: 'unit-shop',
  shopUrl: 'https://unit-shop.example',
  shopName: 'Sklep Testowy',
  status: 'installed',
  installedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  // The cipher below is the identity: these are the tokens as sent.
  tokens: { accessToken: 'access', refreshToken: 'refresh', expiresAt: '2099-01-01T00:00:00.000Z' },
};

/** Answers a Shoper REST path (after /webapi/rest/) with a status and a JSON body. */
export type ShoperRoute = (path: string, url: URL) => { status: number; body: unknown } | undefined;

/**
 * Deps for the storefront and links use cases with every port in memory: the four repositories above, the shop
 * store, a clock the test moves, recorded queue and scheduler calls, and the shop's REST API answered by `shoper`.
 */
export function createStorefrontDeps(options: {
  now: Date;
  settings?: Partial<ShopSettings>;
  templates?: Record<string, MessageTemplate>;
  shoper?: ShoperRoute;
}) {
  const clock = { at: options.now, now: () => clock.at };
  const store = createFakeShopStore({ shop: TEST_SHOP, settings: options.settings, templates: options.templates });
  const shortLinks = createFakeShortLinks();
  const signUps = createFakeSignUps();
  const baskets = createFakeBaskets();
  const counters = createFakeCounters();
  const queued: unknown[] = [];
  const scheduled: { ref: { shop: string; jobId: string; jobIds?: string[] }; at: Date }[] = [];
  const cancelled: { shop: string; jobId: string }[] = [];
  const shoperCalls: string[] = [];
  const logs: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, extra?: Record<string, unknown>) => void logs.push({ level, message, extra });
  // The shop's REST API behind the ShoperHttp port: `shoper` answers each path (query string as a URL's).
  const shoperHttp: ShoperHttp = {
    token: async () => ({ status: 400, body: { error: 'invalid_grant' } }),
    async rest(shopUrl, request) {
      const url = new URL(`${shopUrl.replace(/\/$/, '')}/webapi/rest/${request.path}`);
      for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
      shoperCalls.push(request.path);
      return options.shoper?.(request.path, url) ?? { status: 404, body: { error: 'not_found' } };
    },
  };
  const deps = {
    config: readConfig({ PUBLIC_URL: 'https://sms.example' }),
    secrets: async () => ({ sessionSecret: 'unit-test-secret', shoperClientId: 'id', shoperClientSecret: 'secret' }),
    clock,
    store,
    shortLinks,
    signUps,
    baskets,
    counters,
    // The jobs port's cancel, on the fake store's jobs (the use cases here only cancel waiting jobs).
    jobs: {
      cancel: (shop: string, jobId: string, from: JobState[], at: string, reason: string) =>
        store.transitionJob(shop, jobId, from, 'CANCELLED', { cancelReason: reason, updatedAt: at }),
    },
    sendsQueue: { send: async (message: unknown) => void queued.push(message) },
    scheduler: {
      schedule: async (ref: { shop: string; jobId: string }, at: Date) => void scheduled.push({ ref, at }),
      cancel: async (ref: { shop: string; jobId: string }) => void cancelled.push(ref),
      cancelAllOfShop: async () => 0,
    },
    cipher: { encrypt: async (text: string) => text, decrypt: async (text: string) => text },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    shoperHttp,
  } as unknown as Deps;
  return { deps, clock, store, shortLinks, signUps, baskets, counters, queued, scheduled, cancelled, shoperCalls, logs };
}
