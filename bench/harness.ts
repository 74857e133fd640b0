// The bench's own local stack: DynamoDB Local in memory on a free port, the local runtime against it with fast
// polling, and shops set up the way a merchant would through the admin API. Everything on loopback.
import { request } from 'node:http';
import { createServer } from 'node:net';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime';
import { adminApi, installWithSmsapi, type AdminApi } from '../test/support/demo-seed';
import { installMeter, total, type Meter } from './meter';

export interface Stack {
  rt: LocalRuntime;
  meter: Meter;
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startStack(): Promise<Stack> {
  const dynamo: DynamoDbLocal = await startDynamoDbLocal({ port: await freePort() });
  let rt: LocalRuntime;
  try {
    rt = await startLocalRuntime({
      port: 0,
      shopPort: 0,
      smsapiPort: 0,
      dynamoEndpoint: dynamo.endpoint,
      tableName: 'bench-app',
      runtimeTable: 'bench-runtime',
      quiet: true,
      pollIntervalMs: 100,
      senderConcurrency: 2,
      // Long enough that a restock of 100,000 numbers (BENCH_SIGN_UPS) is never handed to a second planner mid-way.
      eventsVisibilityTimeoutMs: 3_600_000,
      sendsVisibilityTimeoutMs: 60_000,
      // Reports come back a second after each SMS (SMSAPI's take seconds to minutes), not before the sender is done.
      smsapiReportDelayMs: 1000,
    });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  // Shoper's REST rate limit would only make the bench wait; the app's own storefront limits stay as they are.
  rt.shop.setRateLimit(false);
  // The simulator refuses numbers ending in 13 and reports those ending in 99 undelivered by default: the bench
  // counts requests, not failures, so every number it uses is a good one.
  rt.smsapi.setFaults({ failingSuffixes: {}, undeliveredSuffixes: [] });
  // The demo account's 1,000 points last ~6,000 SMS: a 10,000 or 100,000-number restock would end in error 103.
  rt.smsapi.addAccount({ username: 'demo-shop', token: 'sim-token-demo', points: 10_000_000 });
  const meter = installMeter(rt);
  return {
    rt,
    meter,
    stop: async () => {
      await rt.stop();
      await dynamo.stop();
    },
  };
}

async function expectOk(what: string, call: Promise<{ status: number; body: unknown }>) {
  const res = await call;
  if (res.status >= 300) throw new Error(`BENCH_${what}_FAILED ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * A shop as a merchant sets it up: app installed, SMSAPI connected, owner's phone. Quiet hours are off so the
 * figures do not depend on the time of day the bench runs (with them on, some SMS would only be scheduled).
 */
export async function setUpShop(
  rt: LocalRuntime,
  slug: string,
  settings: Record<string, unknown> = {},
): Promise<{ licence: string; api: AdminApi }> {
  const { licence } = await installWithSmsapi(rt, slug, `Sklep ${slug}`);
  const api = adminApi(rt, slug);
  await expectOk('SETTINGS', api('PUT', '/api/settings', { ownerPhone: '+48 538 506 896', quietHours: { enabled: false }, ...settings }));
  return { licence, api };
}

export async function enableTemplate(api: AdminApi, key: string, text: string, delayDays = 0) {
  await expectOk(`TEMPLATE_${key}`, api('PUT', `/api/templates/${key}`, { enabled: true, delayDays, text }));
}

export async function addCelebration(api: AdminApi, event: string, text: string, delayDays: number) {
  await expectOk(`CELEBRATION_${event}`, api('POST', '/api/celebrations', { event, delayDays, text, active: true }));
}

/**
 * Waits until everything a webhook set off has finished: the queues are empty and the delivery reports (sent by
 * the SMSAPI simulator shortly after each SMS) have been applied, i.e. no DynamoDB request for a while.
 */
export async function settle(stack: Stack): Promise<void> {
  const requests = () => total(stack.meter.snapshot(), (f) => f.ddbRequests);
  const awaitingReport = () => stack.rt.smsapi.outbox().some((sms) => sms.status === 'QUEUE' || sms.status === 'SENT');
  for (let round = 0; round < 2_000; round++) {
    await stack.rt.idle(300_000);
    const before = requests();
    await sleep(200);
    await stack.rt.idle(300_000);
    if (requests() === before && !awaitingReport()) return;
  }
  throw new Error('BENCH_NOT_SETTLING: the runtime kept working for too long');
}

/** A POST from a given loopback address (127.x.y.z): the storefront sees a different visitor per address. */
export function postFrom(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  localAddress: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRNOTAVAIL'
          ? new Error(
              `BENCH_LOOPBACK_ADDRESS: cannot send from ${localAddress}; the bench plays storefront visitors from 127.x.y.z addresses, which Linux routes to loopback (on macOS add them with: sudo ifconfig lo0 alias ${localAddress})`,
            )
          : error,
      ),
    );
    req.end(payload);
  });
}

/** Signs `phones` up for a product through the public storefront endpoint, `perAddress` sign-ups per visitor. */
export async function signUpMany(
  rt: LocalRuntime,
  slug: string,
  licence: string,
  productId: number,
  phones: string[],
  options: { addressBlock: number; perAddress: number; concurrency: number },
): Promise<void> {
  const origin = new URL(rt.shop.shop(slug).url).origin;
  let next = 0;
  const worker = async () => {
    while (next < phones.length) {
      const i = next++;
      const visitor = Math.floor(i / options.perAddress);
      const address = `127.${options.addressBlock}.${Math.floor(visitor / 250)}.${(visitor % 250) + 1}`;
      const res = await postFrom(
        `${rt.url}/storefront/${licence}/subscriptions`,
        { productId: String(productId), phone: phones[i], consent: true, consentTextVersion: 'v1', locale: 'pl', website: '' },
        { origin },
        address,
      );
      if (res.status !== 201) throw new Error(`BENCH_SIGN_UP_FAILED ${res.status} ${res.text}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/** Sold out in the simulated shop, without a webhook (Shoper's product page just shows it unavailable). */
export function soldOut(rt: LocalRuntime, slug: string, productId: number) {
  const product = rt.shop.shop(slug).products.find((p) => p.productId === productId);
  if (!product) throw new Error(`BENCH_NO_PRODUCT ${productId}`);
  product.stock = 0;
}

/** Distinct valid Polish mobile numbers. */
export const phones = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+48 601${String(from + i).padStart(6, '0')}`);
