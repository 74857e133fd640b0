// Test helpers over the local runtime: start it on free ports, each runtime on a fresh DynamoDB Local from the
// run's pool (test/support/dynamo-pool.ts: one shared instance slows down with every table stream it has held).
import { createHash, randomUUID } from 'node:crypto';
import type { Job } from '#domain/model';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime';
import { leaseDynamoDbLocal } from './dynamo-pool';

export type TestRuntime = LocalRuntime & {
  /** The runtime's own DynamoDB Local (for tests that read the table or its stream directly). */
  dynamoEndpoint: string;
};

export async function startTestRuntime(options: LocalRuntimeOptions = {}): Promise<TestRuntime> {
  const dynamo = await leaseDynamoDbLocal();
  let rt: LocalRuntime;
  try {
    rt = await startLocalRuntime({
      port: 0,
      shopPort: 0,
      smsapiPort: 0,
      dynamoEndpoint: dynamo.endpoint,
      tableName: `t-${randomUUID().slice(0, 8)}`,
      runtimeTable: `rt-${randomUUID().slice(0, 8)}`,
      quiet: true,
      pollIntervalMs: 20,
      sendsVisibilityTimeoutMs: 300,
      eventsVisibilityTimeoutMs: 300,
      smsapiReportDelayMs: 50,
      ...options,
    });
  } catch (error) {
    await dynamo.release();
    throw error;
  }
  const stopRuntime = rt.stop;
  return Object.assign(rt, {
    dynamoEndpoint: dynamo.endpoint,
    async stop() {
      try {
        await stopRuntime();
      } finally {
        await dynamo.release();
      }
    },
  });
}

/** Polls until `check` returns a truthy value (or fails with the last value after timeoutMs). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Connects the SMSAPI simulator's demo account (sender SKLEP 123) straight through the store: for tests whose
 * subject is not the connection itself (that goes through the API in smsapi-connection.test.ts).
 */
export async function connectDemoSmsapi(rt: LocalRuntime, licence: string): Promise<void> {
  await rt.deps.store.putSmsapi(licence, {
    token: await rt.deps.cipher.encrypt('sim-token-demo', licence),
    method: 'token',
    login: 'demo-shop',
    senderName: 'SKLEP 123',
    replaceSpecialCharacters: false,
    connectedAt: new Date().toISOString(),
  });
}

/**
 * The webhook the app registered in a simulated shop for one event (one per event), as Shoper knows it: id and
 * secret. Tests that play Shoper sign with these, read from the shop's side (the app stores its copy encrypted).
 */
export function registeredWebhook(rt: LocalRuntime, slug: string, event: string): { id: string; secret: string } {
  const hook = rt.shop.shop(slug).webhooks.find((w) => w.url === `${rt.url}/shoper/webhooks` && w.events.includes(event));
  if (!hook) throw new Error(`NO_WEBHOOK: shop ${slug} has no webhook registered for ${event}`);
  return { id: String(hook.webhookId), secret: hook.secret };
}

let storedJobs = 0;

/**
 * A QUEUED order-status job written straight to the table and not put on the queue: the test decides who delivers
 * its reference, and when. Its id is one the sends queue accepts (domain/job-id.ts JOB_ID: 32 hex).
 */
export async function storeQueuedJob(rt: LocalRuntime, shop: string, phone: string, text = `Wiadomość ${storedJobs + 1}`): Promise<Job> {
  const n = ++storedJobs;
  const at = rt.deps.clock.now().toISOString();
  const job: Job = {
    shop,
    jobId: createHash('sha256').update(`stored:${randomUUID()}`).digest('hex').slice(0, 32),
    kind: 'order-status',
    phone,
    text,
    dueAt: at,
    state: 'QUEUED',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    source: { event: 'order.status', orderId: String(n) },
  };
  const created = await rt.deps.store.createJob(job);
  if (created !== 'created') throw new Error(`STORED_JOB_NOT_CREATED: ${created}`);
  return job;
}
