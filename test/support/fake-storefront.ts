// In-memory twins of the storefront and links repositories (functions/services/storefront-repositories.ts) with the
// same conditional semantics as the DynamoDB adapters (test/integration/storefront-repositories.test.ts runs one
// suite against both), so sign-ups, restocks, opt-outs, link clicks, baskets and the counters behind the
// storefront's limits can be unit-tested in milliseconds without Java.
import type { BasketActivity } from '#domain/baskets';
import { kindCounter, type Attribution, type OptOut } from '#domain/link-results';
import type { ShortLink } from '#domain/short-links';
import type { SignUp } from '#domain/sign-ups';
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
  const day = (shop: string, date: string) => counters.get(k(shop, date)) ?? (counters.set(k(shop, date), {}), counters.get(k(shop, date))!);
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
    async *waiting(shop, productId) {
      for (const s of sorted(shop)) if (s.productId === productId && s.status === 'waiting') yield stored(s);
    },
    listAll: async (shop) => sorted(shop).map(stored),
    async markSent(signUp, jobId, at) {
      const current = all.get(key(signUp.shop, signUp.productId, signUp.phone));
      if (current?.status !== 'waiting' || current.createdAt !== signUp.createdAt) return false;
      Object.assign(current, { status: 'sent', sentAt: at, updatedAt: at, jobId }, signUp.productName ? { productName: signUp.productName } : {});
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
