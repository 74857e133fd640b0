// The local composition root: the same use cases, with each port's local twin (DynamoDB Local-backed queue
// and scheduler, AES cipher, fast-forwardable clock) and the simulators' URLs as configuration.
import type { Config } from '#config';
import { secretsFromEnv } from '#config';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createStore, type Store } from '#adapters/dynamodb/store';
import { createUninstallRepository } from '#adapters/dynamodb/uninstall';
import { createSmsapiAccountRepository } from '#adapters/dynamodb/smsapi-account';
import { createStaffAlertsRepository } from '#adapters/dynamodb/staff-alerts';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { createShortLinkRepository } from '#adapters/dynamodb/short-links';
import { createSignUpRepository } from '#adapters/dynamodb/subscriptions';
import { createBasketRepository } from '#adapters/dynamodb/carts';
import { createCounterRepository } from '#adapters/dynamodb/rate-limits';
import { createStatsRepository } from '#adapters/dynamodb/stats';
import { createAesCipher } from '#adapters/aes-cipher';
import { createSmsapiGateway } from '#adapters/smsapi-http';
import { createShoperHttp } from '#adapters/shoper-http';
import { createSmsapiOAuthHttp } from '#adapters/smsapi-oauth-http';
import type { Deps } from '#services/deps';
import type { EventsQueueMessage, JobRef, Logger } from '#services/ports';
import { createLocalClock, type LocalClock } from './clock';
import { createLocalQueue, type LocalQueue } from './queue';
import { createLocalScheduler, type LocalScheduler } from './scheduler';
import { RUNTIME_TABLE } from './dynamodb';

export interface LocalDeps extends Deps {
  /** The DynamoDB store itself (the ShopStore port plus the raw client): tests and benchmarks inspect the table. */
  store: Store;
  clock: LocalClock;
  eventsQueue: LocalQueue<EventsQueueMessage>;
  sendsQueue: LocalQueue<JobRef>;
  scheduler: LocalScheduler;
}

export interface LogLine {
  level: string;
  message: string;
  [key: string]: unknown;
}

/** Structured logs; kept in memory (for tests that read them) and printed unless quiet. */
export function createLocalLogger(options: { quiet: boolean; sink?: LogLine[] }): Logger {
  const write = (level: string) => (message: string, extra?: Record<string, unknown>) => {
    const line = { level, message, ...extra, timestamp: new Date().toISOString() };
    options.sink?.push(line);
    if (!options.quiet || level === 'error') process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  return { debug: () => undefined, info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}

/**
 * A job whose sender died keeps its lease (one job: max(60 s, 4 × SMSAPI timeout); a batch: 2 min) and its `sends`
 * message keeps coming back until the lease runs out. With the local queue's short visibility timeout, 10 receives
 * were over before that (5 s × 10 < 60 s): after a hard stop and a quick restart the message went to the DLQ and
 * the job stayed SENDING forever. AWS gives it 10 × 180 s; here: receives enough to outlast twice the longest lease.
 */
function sendsMaxReceiveCount(visibilityTimeoutMs: number, smsapiTimeoutMs: number): number {
  const longestLeaseMs = Math.max(120_000, 4 * smsapiTimeoutMs);
  return Math.max(10, Math.ceil((2 * longestLeaseMs) / visibilityTimeoutMs));
}

export async function createLocalDeps(options: {
  config: Config;
  dynamoEndpoint: string;
  runtimeTable?: string;
  cipherKey: Buffer;
  logger: Logger;
  sendsVisibilityTimeoutMs?: number;
  eventsVisibilityTimeoutMs?: number;
}): Promise<LocalDeps> {
  const doc = createDocumentClient({ endpoint: options.dynamoEndpoint });
  const runtimeTable = options.runtimeTable ?? RUNTIME_TABLE;
  const clock = await createLocalClock(doc, runtimeTable);
  const eventsQueue = createLocalQueue<EventsQueueMessage>(doc, runtimeTable, clock, {
    name: 'events',
    visibilityTimeoutMs: options.eventsVisibilityTimeoutMs ?? 5_000,
    maxReceiveCount: 5,
  });
  const sendsVisibilityTimeoutMs = options.sendsVisibilityTimeoutMs ?? 5_000;
  const sendsQueue = createLocalQueue<JobRef>(doc, runtimeTable, clock, {
    name: 'sends',
    visibilityTimeoutMs: sendsVisibilityTimeoutMs,
    maxReceiveCount: sendsMaxReceiveCount(sendsVisibilityTimeoutMs, options.config.SMSAPI_TIMEOUT_MS),
  });
  const secrets = secretsFromEnv(options.config);
  const store = createStore(doc, options.config.TABLE_NAME);
  return {
    config: options.config,
    secrets: async () => secrets,
    clock,
    store,
    // The shop side's repositories, on the DynamoDB store.
    shopPurge: createUninstallRepository(store),
    smsapiAccount: createSmsapiAccountRepository(store),
    staffAlerts: createStaffAlertsRepository(store),
    jobs: createJobsRepository(doc, options.config.TABLE_NAME),
    sendLimits: createSendLimitsRepository(store),
    // Storefront and links storage, straight from the document client.
    shortLinks: createShortLinkRepository(doc, options.config.TABLE_NAME),
    signUps: createSignUpRepository(doc, options.config.TABLE_NAME),
    baskets: createBasketRepository(doc, options.config.TABLE_NAME),
    counters: createCounterRepository(doc, options.config.TABLE_NAME),
    stats: createStatsRepository(store),
    eventsQueue,
    sendsQueue,
    scheduler: createLocalScheduler(doc, runtimeTable, clock, sendsQueue),
    cipher: createAesCipher(options.cipherKey),
    sms: createSmsapiGateway({ baseUrl: options.config.SMSAPI_URL, timeoutMs: options.config.SMSAPI_TIMEOUT_MS }),
    logger: options.logger,
    shoperHttp: createShoperHttp(),
    smsapiOAuth: createSmsapiOAuthHttp(),
  };
}
