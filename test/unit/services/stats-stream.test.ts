// Counting the Statistics tab from job changes (no Java): what each change of a job adds, the shop's local day, a
// first SMS to a number, and the exactly-once rules: a stream batch delivered again counts nothing twice, a batch
// that failed half-way counts the rest once, and a batch touching more days than a transaction holds is split into
// ordered commits.
import { readConfig } from '#config';
import type { Job } from '#domain/model';
import { countJobChange } from '#domain/stats-counting';
import type { Deps } from '#services/deps';
import { countJobChanges, type JobChange } from '#services/stats-stream';
import { statsSummary } from '#services/stats';
import { createFakeSendingStore } from '../../support/fake-jobs';
import { createFakeStats } from '../../support/fake-stats';

const SHOP = 'shop-1';
const AT = '2026-03-03T10:00:00.000Z';

function job(state: Job['state'], over: Partial<Job> = {}): Job {
  return {
    shop: SHOP,
    jobId: 'j1',
    kind: 'order-status',
    phone: '+48500100200',
    text: 'Zamówienie 12 wysłane',
    dueAt: AT,
    state,
    attempts: 1,
    createdAt: AT,
    updatedAt: AT,
    source: { event: 'order.status', orderId: '12' },
    ...over,
  };
}
const sent = { sentAt: AT, parts: 2, points: 0.32, smsapiId: '7000' };

describe('what a job change counts', () => {
  test('SENDING -> SENT: one SMS with SMSAPI parts and points, sent per kind, and the customer number', () => {
    expect(countJobChange(job('SENDING'), job('SENT', sent))).toEqual({
      shop: SHOP,
      at: AT,
      counters: { sent: 1, parts: 2, points: 0.32, k_sent_order_status: 1 },
      collect: { phone: '+48500100200', kind: 'order-status' },
    });
    // The owner's own SMS is not a collected customer number.
    expect(
      countJobChange(job('SENDING', { kind: 'owner-new-order' }), job('SENT', { ...sent, kind: 'owner-new-order' }))?.collect,
    ).toBeUndefined();
  });

  test('a report: SENT -> DELIVERED counts the delivery on the done date; UNDELIVERED adds nothing', () => {
    const done = '2026-03-04T08:00:00.000Z';
    expect(countJobChange(job('SENT', sent), job('DELIVERED', { ...sent, deliveredAt: done }))).toEqual({
      shop: SHOP,
      at: done,
      counters: { delivered: 1 },
    });
    expect(countJobChange(job('SENT', sent), job('UNDELIVERED', { ...sent, deliveredAt: done }))).toBeUndefined();
  });

  test('a report that overtook the sender counts the SMS from its text, then the late SENT write adds the figures', () => {
    const overtaken = countJobChange(job('SENDING'), job('DELIVERED', { deliveredAt: AT, smsapiId: '7000' }));
    expect(overtaken).toMatchObject({
      counters: { sent: 1, parts: 1, points: 0, delivered: 1, k_sent_order_status: 1 },
      collect: { phone: '+48500100200' },
    });
    const late = countJobChange(job('DELIVERED', { deliveredAt: AT }), job('DELIVERED', { deliveredAt: AT, ...sent }));
    expect(late).toEqual({ shop: SHOP, at: AT, counters: { points: 0.32, parts: 1 } });
  });

  test('SENDING -> FAILED counts one failure; changes that settle nothing count nothing', () => {
    expect(countJobChange(job('SENDING'), job('FAILED'))).toEqual({ shop: SHOP, at: AT, counters: { failed: 1 } });
    expect(countJobChange(job('QUEUED'), job('SENDING'))).toBeUndefined();
    expect(countJobChange(job('SENT', sent), job('SENT', sent))).toBeUndefined();
    expect(countJobChange(undefined, job('QUEUED'))).toBeUndefined();
    expect(countJobChange(job('SENT', sent), undefined)).toBeUndefined();
  });
});

function setup() {
  const store = createFakeSendingStore({
    settings: { quietHours: { enabled: false, start: '21:00', end: '08:00', timeZone: 'Europe/Warsaw' } },
  });
  const stats = createFakeStats(store);
  const deps = { config: readConfig({}), clock: { now: () => new Date(AT) }, store, stats } as unknown as Deps;
  const totals = () => {
    const t = { sent: 0, parts: 0, delivered: 0, failed: 0, newNumbers: 0 };
    for (const d of store.stats.values()) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += d[k];
    return t;
  };
  return { store, stats, deps, totals };
}

let seq = 0;
const change = (before: Job, after: Job): JobChange => ({ sequenceNumber: String(10n ** 20n + BigInt(++seq)), before, after });

test('a stream batch delivered again counts nothing twice; a longer redelivery counts only its new part', async () => {
  const t = setup();
  const batch = [
    change(job('SENDING'), job('SENT', sent)),
    change(job('SENDING', { jobId: 'j2' }), job('SENT', { ...sent, jobId: 'j2' })),
    change(job('SENT', sent), job('DELIVERED', { ...sent, deliveredAt: AT })),
  ];
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toEqual({ counted: 3, alreadyCounted: 0, commits: 1 });
  expect(t.totals()).toEqual({ sent: 2, parts: 4, delivered: 1, failed: 0, newNumbers: 1 });
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toEqual({ counted: 0, alreadyCounted: 3, commits: 0 });
  const more = change(job('SENDING', { jobId: 'j3', phone: '+48500100300' }), job('FAILED', { jobId: 'j3' }));
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: [...batch, more] })).toEqual({
    counted: 1,
    alreadyCounted: 3,
    commits: 1,
  });
  expect(t.totals()).toEqual({ sent: 2, parts: 4, delivered: 1, failed: 1, newNumbers: 1 });
  // Another shard keeps its own checkpoint.
  expect(
    await countJobChanges(t.deps, { shardId: 's2', changes: [change(job('SENDING', { jobId: 'j4' }), job('FAILED', { jobId: 'j4' }))] }),
  ).toMatchObject({
    counted: 1,
  });
  expect(t.totals().failed).toBe(2);
});

test('a batch redelivered out of order counts each change once and leaves none below the checkpoint uncounted', async () => {
  const t = setup();
  const [a, b, c] = [1, 2, 3].map((n) =>
    change(job('SENDING', { jobId: `o${n}`, phone: `+4850010030${n}` }), job('FAILED', { jobId: `o${n}` })),
  );
  // The last position arrives first: counting it alone must not move the checkpoint past the two before it.
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: [c!, a!, b!] })).toMatchObject({ counted: 3 });
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: [b!, c!] })).toMatchObject({ counted: 0, alreadyCounted: 2 });
  expect(t.totals().failed).toBe(3);
});

test("a dead-lettered batch replayed as '<shard>#replay' counts its customer's first SMS, which its failed try recorded", async () => {
  const t = setup();
  const batch = [change(job('SENDING', { phone: '+48500100999' }), job('SENT', { ...sent, phone: '+48500100999' }))];
  t.stats.failCommits = 1;
  await expect(countJobChanges(t.deps, { shardId: 's9', changes: batch })).rejects.toThrow('SIMULATED_CRASH');
  // The operator's replay (docs/operator.md, StatsDlqNotEmpty) under a name of its own.
  expect(await countJobChanges(t.deps, { shardId: 's9#replay', changes: batch })).toMatchObject({ counted: 1 });
  expect(t.totals()).toMatchObject({ sent: 1, newNumbers: 1 });
  // The same replay again counts nothing.
  expect(await countJobChanges(t.deps, { shardId: 's9#replay', changes: batch })).toMatchObject({ counted: 0 });
  expect(t.totals()).toMatchObject({ sent: 1, newNumbers: 1 });
});

test('a shop uninstalled before its batch is counted keeps nothing: no counts, no customer number outliving the purge', async () => {
  const t = setup();
  t.store.state.uninstalled = new Set(['gone-shop']);
  const gone = (n: number) => job('SENDING', { shop: 'gone-shop', jobId: `g${n}`, phone: `+4850020000${n}` });
  const batch = [
    change(gone(1), { ...gone(1), ...sent, state: 'SENT' }),
    change(job('SENDING', { jobId: 'k1' }), job('SENT', { ...sent, jobId: 'k1' })),
    change(gone(2), { ...gone(2), ...sent, state: 'SENT' }),
  ];
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toMatchObject({ counted: 1, commits: 1 });
  expect(t.totals()).toMatchObject({ sent: 1, newNumbers: 1 });
  expect([...t.store.stats.keys()].every((k) => k.startsWith(`${SHOP}\u0000`))).toBe(true);
  expect(await t.stats.knownNumbers('gone-shop', ['+48500200001', '+48500200002'])).toEqual(new Map());
  // Delivered again: nothing more.
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toMatchObject({ counted: 0 });
  expect(t.totals()).toMatchObject({ sent: 1, newNumbers: 1 });
});

test("a day is the shop's local day: 23:30 UTC on 3 March is 4 March in Warsaw", async () => {
  const t = setup();
  const late = '2026-03-03T23:30:00.000Z';
  await countJobChanges(t.deps, { shardId: 's1', changes: [change(job('SENDING'), job('SENT', { ...sent, sentAt: late }))] });
  expect([...t.store.stats.values()].map((d) => d.date)).toEqual(['2026-03-04']);
});

test('a batch that failed after recording a first number counts it once on retry; the Statistics tab shows it', async () => {
  const t = setup();
  const batch = [change(job('SENDING'), job('SENT', sent))];
  t.stats.failCommits = 1;
  await expect(countJobChanges(t.deps, { shardId: 's1', changes: batch })).rejects.toThrow('SIMULATED_CRASH');
  expect(t.totals().sent).toBe(0);
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toMatchObject({ counted: 1, commits: 1 });
  expect(t.totals()).toMatchObject({ sent: 1, newNumbers: 1 });
  const summary = await statsSummary(t.deps, SHOP);
  expect(summary).toMatchObject({ today: { sent: 1, parts: 2, points: 0.32 }, numbersCollected: 1, numbersAdded: { today: 1 } });
});

test('a batch touching more days than one transaction holds commits in order; a crash between commits counts the rest once', async () => {
  const t = setup();
  // 150 failures on 150 different days: 99 days in the first transaction, 51 in the second.
  const batch = Array.from({ length: 150 }, (_, i) => {
    const at = new Date(Date.parse(AT) - i * 86_400_000).toISOString();
    return change(job('SENDING', { jobId: `f${i}` }), job('FAILED', { jobId: `f${i}`, updatedAt: at }));
  });
  t.stats.failCommits = 0;
  const commit = t.stats.commitCounts;
  let calls = 0;
  t.stats.commitCounts = async (...args) => {
    if (++calls === 2) throw new Error('SIMULATED_CRASH');
    return commit(...args);
  };
  await expect(countJobChanges(t.deps, { shardId: 's1', changes: batch })).rejects.toThrow('SIMULATED_CRASH');
  expect(t.totals().failed).toBe(99);
  expect(t.stats.checkpoints.get('s1')).toBe(batch[98]!.sequenceNumber.padStart(40, '0'));
  expect(await countJobChanges(t.deps, { shardId: 's1', changes: batch })).toEqual({ counted: 51, alreadyCounted: 99, commits: 1 });
  expect(t.totals().failed).toBe(150);
  expect(t.stats.commits.map((c) => c.length)).toEqual([99, 51]);
});
