// Deps for unit tests of the shop side's use cases, from the in-memory twins (fake-shop.ts, fake-jobs.ts,
// fake-shoper.ts): a settable clock, queues and a scheduler that record what they were given, a reversible cipher.
import { readConfig, type Secrets } from '#config';
import type { Deps } from '#services/deps';
import type { EventsQueueMessage, JobRef } from '#services/ports';
import { createFakeSendLimits } from './fake-jobs';
import { createFakeShopWorld } from './fake-shop';
import { createFakeShoper, type FakeShoperOptions } from './fake-shoper';
import { createFakeStats } from './fake-stats';
import { createFakeBaskets, createFakeCounters, createFakeShortLinks, createFakeSignUps } from './fake-storefront';

export const UNIT_SECRETS: Secrets = {
  appstoreSecret: 'appstore-secret',
  shoperClientId: 'client-id',
  shoperClientSecret: 'client-secret',
  smsapiClientId: '',
  smsapiClientSecret: '',
  sessionSecret: 'unit-test-session-secret',
  webhookSecretKey: 'unit-test-webhook-key',
};

export function createUnitDeps(options: { now: Date; shoper?: FakeShoperOptions }) {
  const world = createFakeShopWorld();
  const shoper = createFakeShoper(options.shoper ?? { authCode: 'auth-code' });
  let now = options.now;
  const events: { message: EventsQueueMessage; delaySeconds?: number }[] = [];
  const sends: JobRef[] = [];
  const schedules = new Map<string, { ref: JobRef; at: Date }>();
  const logs: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, extra?: Record<string, unknown>) => void logs.push({ level, message, extra });
  const deps: Deps = {
    config: readConfig({}),
    secrets: async () => UNIT_SECRETS,
    clock: { now: () => now },
    store: world.store,
    jobs: world.jobs,
    sendLimits: createFakeSendLimits(),
    stats: createFakeStats(world.store),
    shopPurge: world.shopPurge,
    smsapiAccount: world.smsapiAccount,
    staffAlerts: world.staffAlerts,
    shortLinks: createFakeShortLinks(),
    signUps: createFakeSignUps(),
    baskets: createFakeBaskets(),
    counters: createFakeCounters(),
    eventsQueue: { send: async (message, o) => void events.push({ message: structuredClone(message), delaySeconds: o?.delaySeconds }) },
    sendsQueue: { send: async (ref) => void sends.push({ ...ref }) },
    scheduler: {
      schedule: async (ref, at) => void schedules.set(`${ref.shop}/${ref.jobId}`, { ref: { ...ref }, at }),
      cancel: async (ref) => void schedules.delete(`${ref.shop}/${ref.jobId}`),
      async cancelAllOfShop(shop, max = Number.POSITIVE_INFINITY) {
        const mine = [...schedules.keys()].filter((k) => k.startsWith(`${shop}/`)).slice(0, max);
        for (const k of mine) schedules.delete(k);
        return mine.length;
      },
    },
    cipher: {
      encrypt: async (text, shop) => `sealed(${shop}):${text}`,
      decrypt: async (text, shop) => text.replace(`sealed(${shop}):`, ''),
    },
    sms: {
      send: async () => ({ ok: false, code: 0, message: 'no SMS in these tests', transport: 'network' }),
      profile: async () => ({ ok: false, code: 0, message: 'none' }),
      senderNames: async () => ({ ok: false, code: 0, message: 'none' }),
    },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    shoperHttp: shoper.http,
    smsapiOAuth: { token: async () => ({ status: 503, body: undefined }) },
  };
  return { deps, world, shoper, events, sends, schedules, logs, setNow: (at: Date) => void (now = at) };
}
