// A hard stop: the local runtime runs in its own process and is killed with SIGKILL mid-run, while SMSAPI hangs on
// some sends (so jobs are queued, being sent, accepted by SMSAPI with the answer lost) and delayed jobs are
// scheduled. A new process on the same tables takes over: 80 seconds pass (in the queue's 5-second steps, as real
// time would, so the dead sender's leases run out), then the clock goes past the schedules. Every job goes out
// exactly once.
// Shoper and SMSAPI are other parties: their simulators run here in the test process and survive the kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { LOCAL_SECRETS } from '#local/runtime';
import { startShopSimulator, type ShopSimulator } from '#local/simulators/shop/index';
import { startSmsapiSimulator, type SmsapiSimulator } from '#local/simulators/smsapi/index';
import { createLocalQueue } from '#local/queue';
import { createLocalScheduler } from '#local/scheduler';
import { createDocumentClient, type DocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import type { Job } from '#domain/model';
import { eventually } from '../support/runtime';
import { leaseDynamoDbLocal } from '../support/dynamo-pool';
import { LOAD_TEXTS, loadNumber, setupLoadShop, type LoadShop } from '../support/load-shops';
import { compareOutbox, fill, type ExpectedSms } from '../support/load-scenario';
import { freePort, startChildRuntime, type ChildRuntime } from '../support/load-child';

const ORDERS_BEFORE = 30;
const ORDERS_BURST = 20;

let smsapi: SmsapiSimulator;
let shopSim: ShopSimulator;
let child: ChildRuntime | undefined;
let env: Record<string, string>;
let dataDir: string;
/** The test reads the child's tables directly: jobs from the app's table, queues and schedules from the runtime's. */
let doc: DocumentClient;
let dynamo: Awaited<ReturnType<typeof leaseDynamoDbLocal>> | undefined;
let shop: LoadShop;
/** The child's clock offset, mirrored here so the shop signs its iframe parameters for the app's "now". */
let clockOffsetMs = 0;

/** The app's clock as the child has moved it, for the shop's signatures and for reading its queues. */
const appClock = { now: () => new Date(Date.now() + clockOffsetMs) };

async function advanceChildClock(ms: number) {
  const res = await fetch(`${child!.url}/local/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ minutes: ms / 60_000 }),
  });
  expect(res.status).toBe(200);
  clockOffsetMs = ((await res.json()) as { offsetMs: number }).offsetMs;
}

beforeAll(async () => {
  dynamo = await leaseDynamoDbLocal();
  const endpoint = dynamo.endpoint;
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  smsapi = await startSmsapiSimulator({ reportDelayMs: 3_600_000 });
  shopSim = await startShopSimulator({
    appUrl,
    appstoreSecret: LOCAL_SECRETS.APPSTORE_SECRET,
    clientId: LOCAL_SECRETS.SHOPER_CLIENT_ID,
    clientSecret: LOCAL_SECRETS.SHOPER_CLIENT_SECRET,
    now: () => appClock.now(),
  });
  dataDir = mkdtempSync(join(tmpdir(), 'hard-stop-'));
  doc = createDocumentClient({ endpoint });
  env = {
    DYNAMODB_ENDPOINT: endpoint,
    LOAD_CHILD_PORT: String(port),
    LOAD_CHILD_TABLE: `t-${randomUUID().slice(0, 8)}`,
    LOAD_CHILD_RUNTIME_TABLE: `rt-${randomUUID().slice(0, 8)}`,
    LOAD_CHILD_DATA_DIR: dataDir,
    SMSAPI_URL: smsapi.url,
    SMSAPI_OAUTH_URL: smsapi.oauthUrl,
  };
  child = await startChildRuntime(env);
  shop = await setupLoadShop({ url: appUrl, shop: shopSim, smsapi }, 0, { celebrations: false, backInStock: false });
  // Status 4 goes a day later: those jobs wait as schedules.
  const delayed = await shop.api('PUT', '/api/templates/order-status/4', { enabled: true, delayDays: 1, text: LOAD_TEXTS.status['4'] });
  expect(delayed.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await child?.kill();
  await shopSim?.close();
  await smsapi?.close();
  doc?.destroy();
  await dynamo?.release();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('killed with SIGKILL mid-run and started again: queued, in-flight and scheduled jobs each go out once', async () => {
  const store = createStore(doc, env.LOAD_CHILD_TABLE!);
  const jobs = () => store.listJobs(shop.licence);
  const count = (list: Job[], state: Job['state']) => list.filter((j) => j.state === state).length;
  const expected: ExpectedSms[] = [];
  const sim = shopSim.shop(shop.slug);

  // SMSAPI hangs on 40% of the sends (half of those after accepting the SMS); our client gives up after 5 s.
  smsapi.setFaults({
    transientRate: 0.4,
    transientKinds: ['accepted-then-timeout', 'timeout'],
    timeoutMs: 20_000,
    seed: 5,
    failingSuffixes: {},
    undeliveredSuffixes: [],
  });
  const order = async (i: number) => {
    const sum = 20 + i;
    const { orderId, deliveries } = await shopSim.placeOrder(shop.slug, { userId: null, phone: loadNumber(0, 2, i), sum });
    expect(deliveries).toEqual([200]);
    expected.push({
      to: shop.ownerNumber,
      message: fill(LOAD_TEXTS.owner, { order_id: String(orderId), sum: `${sum},00`, currency: 'PLN' }),
    });
    return orderId;
  };
  for (let i = 0; i < ORDERS_BEFORE; i++) {
    const orderId = await order(i);
    const statusId = i % 2 === 0 ? 2 : 4;
    expect((await shopSim.changeStatus(shop.slug, orderId, statusId)).deliveries).toEqual([200]);
    const name = sim.statuses.find((s) => s.statusId === statusId)!.names.pl_PL;
    const text = LOAD_TEXTS.status[String(statusId)]!;
    expected.push({
      to: `48${loadNumber(0, 2, i)}`,
      message: fill(text, { order_id: String(orderId), shop_name: shop.name, status_name: name }),
    });
  }
  const scheduled = ORDERS_BEFORE / 2;
  expect(await eventually(async () => count(await jobs(), 'SCHEDULED') === scheduled, 30_000)).toBe(true);

  // A burst of new orders, then the kill as soon as they are accepted and a send is hanging.
  await Promise.all(Array.from({ length: ORDERS_BURST }, (_, i) => order(ORDERS_BEFORE + i)));
  expect(await eventually(async () => count(await jobs(), 'SENDING') > 0, 15_000, 10)).toBe(true);
  await child!.kill();
  child = undefined;

  const atKill = await jobs();
  const outboxAtKill = smsapi.outbox();
  const runtimeTable = env.LOAD_CHILD_RUNTIME_TABLE!;
  const queue = (name: string) => createLocalQueue(doc, runtimeTable, appClock, { name, visibilityTimeoutMs: 5_000, maxReceiveCount: 10 });
  const [eventsAtKill, sendsAtKill, schedulesAtKill] = await Promise.all([
    queue('events').depth(),
    queue('sends').depth(),
    createLocalScheduler(doc, runtimeTable, appClock, queue('sends')).list(),
  ]);
  const acceptedNotRecorded = outboxAtKill.filter((m) => atKill.find((j) => j.jobId === m.idx && j.state !== 'SENT'));
  const unplannedEvents = eventsAtKill.visible + eventsAtKill.inFlight;
  const snapshot = {
    jobs: atKill.length,
    sent: count(atKill, 'SENT'),
    queued: count(atKill, 'QUEUED'),
    sending: count(atKill, 'SENDING'),
    scheduled: count(atKill, 'SCHEDULED'),
    eventsNotPlanned: unplannedEvents,
    sendsOnQueue: sendsAtKill.visible + sendsAtKill.inFlight,
    schedules: schedulesAtKill.length,
    acceptedBySmsapiNotRecorded: acceptedNotRecorded.length,
  };
  console.log(`Hard stop: at the SIGKILL ${JSON.stringify(snapshot)}`);
  // The kill really hit work in progress: jobs waiting, being sent, and scheduled (or events not yet planned).
  expect(snapshot.scheduled).toBe(scheduled);
  expect(snapshot.schedules).toBe(scheduled);
  expect(snapshot.sending).toBeGreaterThan(0);
  expect(snapshot.queued + snapshot.sending + unplannedEvents).toBeGreaterThan(1);
  expect(snapshot.sent).toBeLessThan(expected.length - scheduled);

  // SMSAPI is well again; a new process on the same tables.
  smsapi.setFaults({ transientRate: 0 });
  child = await startChildRuntime(env);
  // 80 seconds pass, 5 s (the sends queue's visibility timeout) at a time, each step only once the runtime has
  // taken every message that became visible: jobs whose sender died hold a lease that runs out meanwhile, and
  // their queue messages come back again and again until then, as they would in real time.
  const sends = queue('sends');
  for (let s = 0; s < 16; s++) {
    await eventually(async () => (await sends.depth()).visible === 0, 30_000, 50);
    await new Promise((r) => setTimeout(r, 100));
    await advanceChildClock(5_000);
  }
  // Everything but the schedules has gone (a job still SENDING here would have lost its queue message).
  const pending = async () => (await jobs()).filter((j) => !['SENT', 'SCHEDULED'].includes(j.state)).map((j) => `${j.jobId} ${j.state}`);
  await eventually(async () => (await pending()).length === 0, 30_000, 200);
  expect(await pending()).toEqual([]);
  expect(await sends.deadLetters()).toEqual([]);
  expect(count(await jobs(), 'SENT')).toBe(expected.length - scheduled);
  expect(count(await jobs(), 'SCHEDULED')).toBe(scheduled);

  // Past the schedules: the delayed messages go too.
  await advanceChildClock(24 * 3600 * 1000);
  expect(await eventually(async () => count(await jobs(), 'SENT') === expected.length, 60_000, 200)).toBe(true);
  // A moment for anything that would wrongly go twice.
  await new Promise((r) => setTimeout(r, 1_000));

  const outbox = smsapi.outbox();
  const diff = compareOutbox(expected, outbox);
  expect(diff).toEqual({ missing: [], unexpected: [], extraCopies: [] });
  const final = await jobs();
  expect(final).toHaveLength(expected.length);
  for (const job of final) expect(outbox.filter((m) => m.idx === job.jobId)).toHaveLength(1);
  // Those SMSAPI had accepted before the kill were recognised on retry (check_idx -> 53), not sent again.
  for (const m of acceptedNotRecorded) expect(final.find((j) => j.jobId === m.idx)?.state).toBe('SENT');
  expect(await queue('events').deadLetters()).toEqual([]);
  expect(await queue('sends').deadLetters()).toEqual([]);
}, 240_000);
