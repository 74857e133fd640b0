// In-memory twins of the shop side's storage ports (functions/services/shop-store.ts, shop-repositories.ts) with
// the conditional semantics of the DynamoDB adapters, sharing one item map per shop (keyed like the table's sort
// keys) and the jobs of test/support/fake-jobs.ts, so the purge finds everything a shop has. With them, the
// planner and the App Store lifecycle are unit-tested in milliseconds without Java.
import type { Celebration, DailyStats, ErrorLogEntry, Job, MessageTemplate, Shop, ShopSettings, SmsapiConnection } from '#domain/model';
import type { AccountCheck, LongestProductName, ShopConfiguration, SmsapiChoices } from '#domain/shop-data';
import type { StaffAlerts } from '#domain/staff-alerts';
import type { ShopPurgeRepository, SmsapiAccountRepository, StaffAlertsRepository } from '#services/shop-repositories';
import type { ShopStore } from '#services/shop-store';
import { createFakeJobs } from './fake-jobs';

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

/** What DynamoDB throws when a write's condition fails and the adapter does not catch it. */
const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

const PENDING = new Set<Job['state']>(['SCHEDULED', 'QUEUED']);

export function createFakeShopWorld() {
  /** shop -> sort key -> item, as the table holds them under pk = SHOP#<shop>. */
  const items = new Map<string, Map<string, unknown>>();
  const jobs = createFakeJobs();
  const of = (shop: string) => items.get(shop) ?? (items.set(shop, new Map()), items.get(shop)!);
  const read = <T>(shop: string, sk: string) => clone(items.get(shop)?.get(sk) as T | undefined);
  const write = (shop: string, sk: string, value: unknown) => void of(shop).set(sk, clone(value));
  const jobsOf = (shop: string) => [...jobs.jobs.values()].filter((j) => j.shop === shop).map(clone);
  const prefixed = <T>(shop: string, prefix: string) =>
    [...(items.get(shop) ?? new Map<string, unknown>()).entries()]
      .filter(([sk]) => sk.startsWith(prefix))
      .map(([sk, v]) => [sk, clone(v) as T] as const);

  const store: ShopStore = {
    getShop: async (shop) => read<Shop>(shop, 'CFG#META'),
    putShop: async (shop) => write(shop.shop, 'CFG#META', shop),
    async updateShopTokens(shop, tokens) {
      const current = read<Shop>(shop, 'CFG#META');
      if (!current) throw conditionFailed();
      write(shop, 'CFG#META', { ...current, tokens });
    },
    async updateShop(shop, set, options = {}) {
      const current = read<Shop>(shop, 'CFG#META');
      if (!current) return false;
      if (options.installId !== undefined && current.setup?.installId !== options.installId) return false;
      if (options.uninstallId !== undefined && (current.status !== 'uninstalling' || current.uninstall?.id !== options.uninstallId))
        return false;
      const next: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(set)) if (v !== undefined) next[k] = v;
      for (const k of options.remove ?? []) delete next[k];
      write(shop, 'CFG#META', next);
      return true;
    },
    async startWebhookMigration(shop, setup, notBefore) {
      const current = read<Shop>(shop, 'CFG#META');
      if (!current || current.status !== 'installed' || current.webhookEvents) return false;
      if (current.setup && current.setup.state !== 'done' && !(current.setup.startedAt < notBefore)) return false;
      write(shop, 'CFG#META', { ...current, setup });
      return true;
    },
    async loadConfiguration(shop) {
      const config: ShopConfiguration = {
        shop: read<Shop>(shop, 'CFG#META'),
        smsapi: read<SmsapiConnection>(shop, 'CFG#SMSAPI'),
        settings: read<Partial<ShopSettings>>(shop, 'CFG#SETTINGS'),
        staffAlerts: read<Partial<StaffAlerts>>(shop, 'CFG#STAFF'),
        templates: Object.fromEntries(prefixed<MessageTemplate>(shop, 'CFG#TPL#').map(([sk, t]) => [sk.slice('CFG#TPL#'.length), t])),
        celebrations: await store.listCelebrations(shop),
      };
      for (const k of ['shop', 'smsapi', 'settings', 'staffAlerts'] as const) if (config[k] === undefined) delete config[k];
      return config;
    },
    async saveCatalogue(shop, catalogue, readAt) {
      const current = read<Shop>(shop, 'CFG#META');
      if (!current) throw conditionFailed();
      const next: Record<string, unknown> = { ...current, catalogueReadAt: readAt };
      for (const [k, v] of Object.entries(catalogue)) if (v !== undefined) next[k] = v;
      write(shop, 'CFG#META', next);
    },
    getLongestProductName: async (shop) => read<LongestProductName>(shop, 'CAT#LONGEST-PRODUCT'),
    putLongestProductName: async (shop, value) => write(shop, 'CAT#LONGEST-PRODUCT', value),

    getSmsapi: async (shop) => read<SmsapiConnection>(shop, 'CFG#SMSAPI'),
    putSmsapi: async (shop, value) => write(shop, 'CFG#SMSAPI', value),
    deleteSmsapi: async (shop) => void items.get(shop)?.delete('CFG#SMSAPI'),
    getSettings: async (shop) => read<Partial<ShopSettings>>(shop, 'CFG#SETTINGS'),
    putSettings: async (shop, value) => write(shop, 'CFG#SETTINGS', value),
    getSendingSetup: async (shop) => ({
      smsapi: read<SmsapiConnection>(shop, 'CFG#SMSAPI'),
      settings: read<Partial<ShopSettings>>(shop, 'CFG#SETTINGS'),
    }),

    getTemplate: async (shop, key) => read<MessageTemplate>(shop, `CFG#TPL#${key}`),
    putTemplate: async (shop, key, value) => write(shop, `CFG#TPL#${key}`, value),
    listTemplates: async (shop) =>
      Object.fromEntries(prefixed<MessageTemplate>(shop, 'CFG#TPL#').map(([sk, t]) => [sk.slice('CFG#TPL#'.length), t])),

    listCelebrations: async (shop) =>
      prefixed<Celebration>(shop, 'CFG#EVENT#')
        .map(([, c]) => c)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    getCelebration: async (shop, id) => read<Celebration>(shop, `CFG#EVENT#${id}`),
    putCelebration: async (shop, value) => write(shop, `CFG#EVENT#${value.id}`, value),
    deleteCelebration: async (shop, id) => items.get(shop)?.delete(`CFG#EVENT#${id}`) ?? false,

    putEvent: async (shop, id, at, event, body) => write(shop, `EVT#${id}`, { event, body, at }),

    async createJob(job) {
      if (await jobs.get(job.shop, job.jobId)) return 'exists';
      jobs.put(job);
      return 'created';
    },
    getJob: (shop, jobId) => jobs.get(shop, jobId),
    async listJobs(shop, filter = {}) {
      let list = jobsOf(shop);
      if (filter.states) list = list.filter((j) => filter.states!.includes(j.state));
      if (filter.search) {
        const q = filter.search.toLowerCase();
        list = list.filter((j) => j.phone.includes(q) || j.text.toLowerCase().includes(q) || j.source.orderId === q);
      }
      return list;
    },
    findJobShop: async (jobId) => [...jobs.jobs.values()].find((j) => j.jobId === jobId)?.shop,
    listOrderJobs: async (shop, orderId) => jobsOf(shop).filter((j) => j.source.orderId === orderId),
    listPendingJobs: async (shop) =>
      jobsOf(shop)
        .filter((j) => PENDING.has(j.state))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),

    addError: async (shop, entry) => write(shop, `ERR#${entry.at}#${entry.id}`, entry),
    deleteError: async (shop, at, id) => void items.get(shop)?.delete(`ERR#${at}#${id}`),
    async listErrors(shop, { limit, cursor }) {
      const all = prefixed<ErrorLogEntry>(shop, 'ERR#').sort(([a], [b]) => b.localeCompare(a));
      const after = cursor ? Buffer.from(cursor, 'base64url').toString() : undefined;
      const rest = after ? all.filter(([sk]) => sk < after) : all;
      const page = rest.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(([, e]) => e),
        cursor: rest.length > limit && last ? Buffer.from(last[0]).toString('base64url') : undefined,
      };
    },

    async addStats(shop, date, counters) {
      const day = read<Record<string, unknown>>(shop, `STAT#${date}`) ?? {};
      for (const [k, v] of Object.entries(counters)) if (typeof v === 'number' && v !== 0) day[k] = Number(day[k] ?? 0) + v;
      write(shop, `STAT#${date}`, { ...day, date });
    },
    async listStats(shop, fromDate, toDate) {
      return prefixed<Record<string, unknown>>(shop, 'STAT#')
        .filter(([sk]) => sk >= `STAT#${fromDate}` && sk <= `STAT#${toDate}`)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([, i]): DailyStats => ({
            date: String(i.date),
            sent: Number(i.sent ?? 0),
            parts: Number(i.parts ?? 0),
            points: Number(i.points ?? 0),
            failed: Number(i.failed ?? 0),
            delivered: Number(i.delivered ?? 0),
            newNumbers: Number(i.newNumbers ?? 0),
          }),
        );
    },
    async rememberNumber(shop, phone, at, source) {
      if (items.get(shop)?.has(`NUM#${phone}`)) return false;
      write(shop, `NUM#${phone}`, { phone, at, source });
      return true;
    },
  };

  const shopPurge: ShopPurgeRepository = {
    hasShopData: async (shop) => (items.get(shop)?.size ?? 0) > 0 || jobsOf(shop).length > 0,
    async deleteShopItems(shop, limit) {
      const keys = [...(items.get(shop)?.keys() ?? [])].filter((sk) => sk !== 'CFG#META').slice(0, limit);
      for (const sk of keys) items.get(shop)!.delete(sk);
      const jobKeys = [...jobs.jobs.entries()].filter(([, j]) => j.shop === shop).slice(0, limit - keys.length);
      for (const [k] of jobKeys) jobs.jobs.delete(k);
      const deleted = keys.length + jobKeys.length;
      // As the adapter: a step that found something says `more`; the next finds nothing.
      return { deleted, more: deleted > 0 };
    },
    async finishUninstall(shop, uninstallId) {
      const current = read<Shop>(shop, 'CFG#META');
      if (current?.status !== 'uninstalling' || current.uninstall?.id !== uninstallId) return 'stale';
      if (!current.pendingInstall) {
        items.get(shop)!.delete('CFG#META');
        if (items.get(shop)!.size === 0) items.delete(shop);
        return 'deleted';
      }
      if (!current.pendingInstall.setup) return 'stale';
      write(shop, 'CFG#META', current.pendingInstall);
      return 'reinstalled';
    },
  };

  const smsapiAccount: SmsapiAccountRepository = {
    recordCheck: async (shop, check) => write(shop, 'SMSAPI#CHECK', check),
    latestCheck: async (shop) => read<AccountCheck>(shop, 'SMSAPI#CHECK'),
    deleteCheck: async (shop) => void items.get(shop)?.delete('SMSAPI#CHECK'),
    rememberChoices: async (shop, choices) => write(shop, 'SMSAPI#LAST', choices),
    lastChoices: async (shop) => read<SmsapiChoices>(shop, 'SMSAPI#LAST'),
    async newestErrorWithCode(shop, since, codes) {
      const found = prefixed<ErrorLogEntry>(shop, 'ERR#')
        .filter(([sk, e]) => sk >= `ERR#${since}` && codes.includes(Number(e.code)))
        .sort(([a], [b]) => b.localeCompare(a));
      return found[0]?.[1];
    },
    async updateSettings(shop, settings) {
      const current = read<SmsapiConnection>(shop, 'CFG#SMSAPI');
      if (!current) return false;
      const next: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(settings)) if (v !== undefined) next[k] = v;
      write(shop, 'CFG#SMSAPI', next);
      return true;
    },
    async replaceTokens(shop, expected, token, refreshToken) {
      const current = read<SmsapiConnection>(shop, 'CFG#SMSAPI');
      if (current?.token !== expected) return false;
      write(shop, 'CFG#SMSAPI', { ...current, token, refreshToken });
      return true;
    },
    async saveOAuthState(shop, nonce, session, expiresAt) {
      if (items.get(shop)?.has(`OAUTH#${nonce}`)) throw conditionFailed();
      write(shop, `OAUTH#${nonce}`, { session, validUntil: expiresAt.toISOString() });
    },
    async consumeOAuthState(shop, nonce, session, now) {
      const state = read<{ session: string; validUntil: string }>(shop, `OAUTH#${nonce}`);
      if (!state || state.session !== session || !(state.validUntil > now.toISOString())) return false;
      items.get(shop)!.delete(`OAUTH#${nonce}`);
      return true;
    },
  };

  const staffAlerts: StaffAlertsRepository = {
    get: async (shop) => read<Partial<StaffAlerts>>(shop, 'CFG#STAFF'),
    put: async (shop, value) => write(shop, 'CFG#STAFF', value),
    async openRunOut(shop, productId, eventKey, at) {
      const marker = read<{ state: string; openedBy?: string }>(shop, `STOCK#${productId}`);
      if (!marker || marker.state === 'in') {
        write(shop, `STOCK#${productId}`, { ...marker, state: 'out', openedBy: eventKey, openedAt: at });
        return true;
      }
      return marker.openedBy === eventKey;
    },
    async closeRunOut(shop, productId, at) {
      const marker = read<{ state: string }>(shop, `STOCK#${productId}`);
      if (marker?.state === 'out') write(shop, `STOCK#${productId}`, { ...marker, state: 'in', closedAt: at });
    },
  };

  return { items, jobs, store, shopPurge, smsapiAccount, staffAlerts };
}

export type FakeShopWorld = ReturnType<typeof createFakeShopWorld>;
