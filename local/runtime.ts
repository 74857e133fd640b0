// The whole product on one machine: DynamoDB Local, the same Lambda handlers behind one HTTP server, the local
// queues and scheduler running the planner and sender, and the Shoper and SMSAPI simulators. Used by
// `npm start` and by the integration tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { readConfig } from '#config';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import type { Deps } from '#services/deps';
import { matchPublicRoute } from '#contracts/public-routes';
import { makeHandler as makeWebhooks } from '#handlers/webhooks';
import { makeHandler as makePlanner } from '#handlers/planner';
import { makeHandler as makeSender } from '#handlers/sender';
import { makeHandler as makeAdmin } from '#handlers/admin';
import { makeHandler as makeAppstore } from '#handlers/appstore';
import { makeHandler as makeReports } from '#handlers/reports';
import { makeHandler as makeStorefront } from '#handlers/storefront';
import { makeHandler as makeLinks } from '#handlers/links';
import { makeHandler as makeStats } from '#handlers/stats';
import { startSmsapiSimulator, type SmsapiSimulator } from './simulators/smsapi';
import { startShopSimulator, type ShopSimulator } from './simulators/shop';
import { ensureTables, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb';
import { createLocalDeps, createLocalLogger, type LocalDeps, type LogLine } from './composition';
import { lambdaContext, readBody, toEvent, writeResult } from './api-gateway';
import type { LocalQueue } from './queue';
import { serveStatic } from './static';
import { startStreamConsumer } from './stream';
import { enforceTableRights } from './table-rights';
import { createShortLinkRepository } from '#adapters/dynamodb/short-links';

export interface LocalRuntimeOptions {
  /** App port (0 = any free port). */
  port?: number;
  shopPort?: number;
  smsapiPort?: number;
  dynamoPort?: number;
  /** Use an already running DynamoDB (e.g. the test suite's) instead of starting one. */
  dynamoEndpoint?: string;
  /** Where data survives restarts (.local); undefined keeps everything in memory. */
  dataDir?: string;
  tableName?: string;
  /** The local queue/scheduler/clock table (tests use one each). */
  runtimeTable?: string;
  quiet?: boolean;
  /** Environment overrides (defaults: the simulators' values). */
  env?: Record<string, string>;
  sendsVisibilityTimeoutMs?: number;
  eventsVisibilityTimeoutMs?: number;
  senderConcurrency?: number;
  pollIntervalMs?: number;
  smsapiReportDelayMs?: number;
}

export interface LocalRuntime {
  url: string;
  shop: ShopSimulator;
  smsapi: SmsapiSimulator;
  deps: LocalDeps;
  logs: LogLine[];
  /** Moves the clock forward and runs whatever became due. */
  advanceClock(ms: number): Promise<void>;
  /** Resolves when the queues are empty, nothing is in flight and the table stream is counted (or after timeoutMs). */
  idle(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Which Lambda function the code running now belongs to (webhooks, planner, sender, …): each handler call runs
 * inside its own context, so the benchmark can count DynamoDB requests per function and per invocation.
 */
export const currentFunction = new AsyncLocalStorage<{ name: string }>();

export const LOCAL_SECRETS = {
  APPSTORE_SECRET: 'local-appstore-secret',
  SHOPER_CLIENT_ID: 'local-sms-app',
  SHOPER_CLIENT_SECRET: 'local-sms-app-secret',
  SMSAPI_CLIENT_ID: 'sim-client',
  SMSAPI_CLIENT_SECRET: 'sim-secret',
  SESSION_SECRET: 'local-session-secret-change-me-0123456789',
  /** The webhook key a publisher enters in the App Store panel (signs panel-configured webhooks). */
  WEBHOOK_SECRET_KEY: 'local-webhook-key',
};

function cipherKey(dataDir: string | undefined): Buffer {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'cipher.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** The queue consumers' timeouts as the stack sets them (lib/sms-notifications-stack.ts): the planner's time budget reads them. */
const QUEUE_CONSUMER_TIMEOUT_MS: Record<string, number> = { planner: 60_000, sender: 30_000 };

type HttpLambda = (event: ReturnType<typeof toEvent>, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const logs: LogLine[] = [];
  const logger = createLocalLogger({ quiet: options.quiet ?? false, sink: logs });
  let dynamo: DynamoDbLocal | undefined;
  const endpoint =
    options.dynamoEndpoint ??
    (dynamo = await startDynamoDbLocal({
      port: options.dynamoPort ?? 8321,
      dataDir: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined,
    })).endpoint;

  let deps: LocalDeps | undefined;
  const getDeps = async (): Promise<Deps> => {
    if (!deps) throw new Error('LOCAL_RUNTIME_STARTING');
    return deps;
  };
  let itemByItem: Deps['shortLinks'] | undefined;
  const storefrontShortLinks = () => (itemByItem ??= createShortLinkRepository(deps!.store.doc, deps!.config.TABLE_NAME, { bulk: false }));
  const http = {
    webhooks: makeWebhooks(getDeps) as unknown as HttpLambda,
    admin: makeAdmin(getDeps) as unknown as HttpLambda,
    appstore: makeAppstore(getDeps) as unknown as HttpLambda,
    reports: makeReports(getDeps) as unknown as HttpLambda,
    // As in AWS (functions/handlers/storefront.ts): its short links item by item, a public function has no bulk rights.
    storefront: makeStorefront(async () => ({ ...(await getDeps()), shortLinks: storefrontShortLinks() })) as unknown as HttpLambda,
    links: makeLinks(getDeps) as unknown as HttpLambda,
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error('local server error', { error: String(error) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'local server error' } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/local/')) return localControl(req, res, url);
    // The same public-route table the CDK stack gives API Gateway.
    const route = matchPublicRoute(method, url.pathname);
    if (route) {
      const body = await readBody(req);
      if (body === 'too-large') {
        res.writeHead(413, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 'BODY_TOO_LARGE', message: 'Payload too large' } }));
      }
      const result = await currentFunction.run({ name: route.fn }, () =>
        http[route.fn](toEvent(req, body, `${method} ${url.pathname}`), lambdaContext(route.fn)),
      );
      return writeResult(res, result as never);
    }
    if (await serveStatic(req, res, url.pathname, runtime)) return;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'ROUTE_NOT_FOUND', message: `No route ${method} ${url.pathname}` } }));
  }

  async function localControl(req: IncomingMessage, res: ServerResponse, url: URL) {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/local/clock' && req.method === 'GET') {
      return reply(200, { now: deps!.clock.now().toISOString(), offsetMs: deps!.clock.offsetMs() });
    }
    if (url.pathname === '/local/clock/advance' && req.method === 'POST') {
      const body = await readBody(req, 10_000);
      let input: { days?: number; hours?: number; minutes?: number } = {};
      try {
        input = JSON.parse(body === 'too-large' ? '{}' : body.toString() || '{}');
      } catch {
        return reply(400, { error: { code: 'BODY_INVALID_JSON', message: 'Send {"days": N}' } });
      }
      const ms = ((input.days ?? 0) * 24 * 60 + (input.hours ?? 0) * 60 + (input.minutes ?? 0)) * 60_000;
      if (!Number.isFinite(ms) || ms <= 0)
        return reply(400, { error: { code: 'FIELD_INVALID', field: 'days', message: 'Give a positive number of days, hours or minutes' } });
      await runtime.advanceClock(ms);
      return reply(200, { now: deps!.clock.now().toISOString(), offsetMs: deps!.clock.offsetMs() });
    }
    return reply(404, { error: { code: 'ROUTE_NOT_FOUND', message: 'Unknown local control route' } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await ensureTables(endpoint, options.tableName ?? 'sms-notifications', options.runtimeTable);
  const smsapi = await startSmsapiSimulator({
    port: options.smsapiPort ?? 0,
    now: () => (deps ? deps.clock.now() : new Date()),
    reportDelayMs: options.smsapiReportDelayMs ?? 1000,
    stateFile: options.dataDir ? join(options.dataDir, 'smsapi-simulator.json') : undefined,
  });
  const config = readConfig({
    TABLE_NAME: options.tableName ?? 'sms-notifications',
    PUBLIC_URL: url,
    APP_URL: `${url}/app`,
    SMSAPI_URL: smsapi.url,
    SMSAPI_OAUTH_URL: smsapi.oauthUrl,
    SMSAPI_TIMEOUT_MS: '5000',
    ...LOCAL_SECRETS,
    ...pickEnv(process.env),
    ...options.env,
  });
  deps = await createLocalDeps({
    config,
    dynamoEndpoint: endpoint,
    runtimeTable: options.runtimeTable,
    cipherKey: cipherKey(options.dataDir),
    logger,
    sendsVisibilityTimeoutMs: options.sendsVisibilityTimeoutMs,
    eventsVisibilityTimeoutMs: options.eventsVisibilityTimeoutMs,
  });
  // Each function may send only the table actions the stack grants it, as in AWS.
  enforceTableRights(deps.store.doc, config.TABLE_NAME, () => currentFunction.getStore()?.name);
  const secrets = await deps.secrets();
  const simulator = await startShopSimulator({
    port: options.shopPort ?? 0,
    appUrl: url,
    adminAppUrl: `${config.APP_URL}/`,
    appstoreSecret: secrets.appstoreSecret,
    clientId: secrets.shoperClientId,
    clientSecret: secrets.shoperClientSecret,
    now: () => deps!.clock.now(),
    stateFile: options.dataDir ? join(options.dataDir, 'shop-simulator.json') : undefined,
    webhookSecretKey: secrets.webhookSecretKey || undefined,
    // In derived mode the app registers no webhooks: the publisher configured them in the App Store panel.
    appstore: config.WEBHOOK_SECRET_MODE === 'derived' ? { panelWebhookEvents: [...SUPPORTED_EVENTS] } : undefined,
  });
  // `install` as a person experiences it: the App Store's answer, then the app finishing its setup from the queue
  // (the panel's "Trwa konfiguracja sklepu…"). `sendLifecycle(slug, 'install')` stays the bare App Store call.
  const setupSettled = async (licence: string, timeoutMs = 30_000) => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const stored = await deps!.store.getShop(licence);
      if (stored?.setup?.state !== 'setting-up') return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const shop: ShopSimulator = {
    ...simulator,
    async install(slug) {
      const answer = await simulator.install(slug);
      if (answer.status === 200) await setupSettled(simulator.shop(slug).licence);
      return answer;
    },
  };

  // Queue consumers: the planner on `events`, the sender on `sends`, and the scheduler's poller.
  const planner = makePlanner(getDeps) as unknown as (e: SQSEvent, c: unknown) => Promise<SQSBatchResponse>;
  const sender = makeSender(getDeps) as unknown as (e: SQSEvent, c: unknown) => Promise<SQSBatchResponse>;
  let running = true;
  let busy = 0;
  const poll = options.pollIntervalMs ?? 100;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const consume = async <T>(queue: LocalQueue<T>, fn: typeof planner, batch: number, name: string) => {
    while (running) {
      let handled = false;
      try {
        const messages = await queue.receive(batch);
        if (messages.length > 0) {
          handled = true;
          busy++;
          try {
            const event: SQSEvent = {
              Records: messages.map((m) => ({
                messageId: m.id,
                receiptHandle: m.receipt,
                body: m.body,
                attributes: {
                  ApproximateReceiveCount: String(m.receiveCount),
                  SentTimestamp: String(m.sentAt ?? 0),
                  SenderId: 'local',
                  ApproximateFirstReceiveTimestamp: '0',
                },
                messageAttributes: {},
                md5OfBody: '',
                eventSource: 'aws:sqs',
                eventSourceARN: `arn:aws:sqs:local:000000000000:${queue.name}`,
                awsRegion: 'local',
              })),
            };
            const result = await currentFunction.run({ name }, () =>
              fn(event, lambdaContext(name, QUEUE_CONSUMER_TIMEOUT_MS[name] ?? 30_000)),
            );
            const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
            for (const m of messages) if (!failed.has(m.id)) await queue.remove(m.receipt);
          } finally {
            busy--;
          }
        }
      } catch (error) {
        if (running) logger.error('local consumer error', { queue: queue.name, error: String(error) });
      }
      if (!handled) await sleep(poll);
    }
  };
  // The stats function on the table's stream, as its event source mapping runs it in AWS.
  const stats = makeStats(getDeps);
  const stream = await startStreamConsumer({
    endpoint,
    tableName: config.TABLE_NAME,
    handler: (event) => currentFunction.run({ name: 'stats' }, () => stats(event, lambdaContext('stats') as never)),
    logger,
    // The background read only keeps `npm start`'s Statistics tab fresh; idle() reads the stream to its end itself.
    pollIntervalMs: Math.max(poll, 1000),
  });
  const loops: Promise<void>[] = [];
  loops.push(consume(deps.eventsQueue, planner, 10, 'planner'));
  for (let i = 0; i < (options.senderConcurrency ?? 4); i++) loops.push(consume(deps.sendsQueue, sender, 5, 'sender'));
  loops.push(
    (async () => {
      while (running) {
        try {
          await deps!.scheduler.fireDue();
        } catch (error) {
          if (running) logger.error('local scheduler error', { error: String(error) });
        }
        await sleep(Math.max(poll, 200));
      }
    })(),
  );

  const runtime: LocalRuntime = {
    url,
    shop,
    smsapi,
    deps,
    logs,
    async advanceClock(ms) {
      await deps!.clock.advance(ms);
      await deps!.scheduler.fireDue();
    },
    async idle(timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      let quietRounds = 0;
      while (Date.now() < end) {
        const [e, s] = await Promise.all([deps!.eventsQueue.depth(), deps!.sendsQueue.depth()]);
        const empty = e.visible + e.inFlight + s.visible + s.inFlight === 0 && busy === 0;
        quietRounds = empty ? quietRounds + 1 : 0;
        // The queues are done: what they wrote is counted once the stream is read to its end.
        if (quietRounds >= 3) return stream.drain(Math.max(0, end - Date.now()));
        await sleep(50);
      }
      return false;
    },
    async stop() {
      running = false;
      await Promise.allSettled([...loops, stream.stop()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await simulator.close();
      await smsapi.close();
      await dynamo?.stop();
    },
  };
  return runtime;
}

/** Only the configuration names the app reads pass from the environment. */
function pickEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = [
    'APPSTORE_SECRET',
    'SHOPER_CLIENT_ID',
    'SHOPER_CLIENT_SECRET',
    'SMSAPI_URL',
    'SMSAPI_OAUTH_URL',
    'SMSAPI_OAUTH_AUTHORIZE_URL',
    'SMSAPI_OAUTH_TOKEN_URL',
    'SMSAPI_OAUTH_SCOPE',
    'SMSAPI_CLIENT_ID',
    'SMSAPI_CLIENT_SECRET',
    'SESSION_SECRET',
    'WEBHOOK_SECRET_MODE',
    'WEBHOOK_SECRET_KEY',
  ];
  return Object.fromEntries(names.filter((n) => env[n]).map((n) => [n, env[n]!]));
}
