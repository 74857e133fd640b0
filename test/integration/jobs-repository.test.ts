// One contract, two implementations: the same tests run against the in-memory jobs repository the unit tests use
// (test/support/fake-jobs.ts) and the DynamoDB adapter on DynamoDB Local, so the fake cannot drift from the real one.
import type { Job } from '#domain/model';
import type { JobsRepository } from '#services/jobs-repository';
import type { LocalRuntime } from '../../local/runtime';
import { createFakeJobs } from '../support/fake-jobs';
import { startTestRuntime } from '../support/runtime';

const SHOP = 'contract-shop';
const T0 = '2026-03-03T10:00:00.000Z';
const T1 = '2026-03-03T10:01:00.000Z';
const LATER = '2026-03-03T10:05:00.000Z';

const job = (jobId: string, over: Partial<Job> = {}): Job => ({
  shop: SHOP,
  jobId,
  kind: 'order-status',
  phone: '+48500100200',
  text: 'Zamówienie 12 wysłane',
  dueAt: T0,
  state: 'QUEUED',
  attempts: 0,
  createdAt: T0,
  updatedAt: T0,
  source: { event: 'order.status', orderId: '12' },
  ...over,
});

interface Subject {
  repo: JobsRepository;
  seed(job: Job): Promise<void>;
}

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

const subjects: [string, () => Subject][] = [
  [
    'in-memory fake',
    () => {
      const repo = createFakeJobs();
      return { repo, seed: async (j) => repo.put(j) };
    },
  ],
  ['DynamoDB Local', () => ({ repo: rt.deps.jobs, seed: async (j) => void (await rt.deps.store.createJob(j)) })],
];

describe.each(subjects)('jobs repository: %s', (_name, make) => {
  let s: Subject;
  let n = 0;
  let id: (name: string) => string;
  beforeEach(() => {
    s = make();
    const run = ++n;
    id = (name) => `${name}${run}x${Math.random().toString(36).slice(2, 8)}`;
  });

  test('claiming takes a waiting job once, with one more attempt and a lease; a busy one says who holds it', async () => {
    const a = id('a');
    await s.seed(job(a));
    const first = await s.repo.claimForSending(SHOP, a, { at: T0, leaseUntil: T1 });
    expect(first).toMatchObject({ claimed: true, job: { state: 'SENDING', attempts: 1, leaseUntil: T1 } });
    expect(await s.repo.claimForSending(SHOP, a, { at: T0, leaseUntil: T1 })).toEqual({ claimed: false, state: 'SENDING' });
    // The lease ran out (the worker died): another claim takes it over.
    expect(await s.repo.claimForSending(SHOP, a, { at: LATER, leaseUntil: '2026-03-03T10:10:00.000Z' })).toMatchObject({
      claimed: true,
      job: { attempts: 2 },
    });
    expect(await s.repo.claimForSending(SHOP, id('missing'), { at: T0, leaseUntil: T1 })).toEqual({ claimed: false });
    await s.repo.markSent(SHOP, a, T1, { parts: 1, points: 0 });
    expect(await s.repo.claimForSending(SHOP, a, { at: LATER, leaseUntil: LATER })).toEqual({ claimed: false, state: 'SENT' });
  });

  test('SENT, FAILED, SKIPPED, requeue and postpone apply only to a SENDING job and drop its lease', async () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(id) as [string, string, string, string, string];
    for (const x of [a, b, c, d, e]) {
      await s.seed(job(x));
      await s.repo.claimForSending(SHOP, x, { at: T0, leaseUntil: T1 });
    }
    const sent = await s.repo.markSent(SHOP, a, T1, { smsapiId: '7001', parts: 2, points: 0.32 });
    expect(sent).toMatchObject({ state: 'SENT', sentAt: T1, smsapiId: '7001', parts: 2, points: 0.32 });
    expect(sent?.leaseUntil).toBeUndefined();
    expect(await s.repo.markSent(SHOP, a, T1, { parts: 1, points: 0 })).toBeUndefined();
    expect(await s.repo.markFailed(SHOP, a, T1, { code: 13, message: 'x' })).toBe(false);

    expect(await s.repo.markFailed(SHOP, b, T1, { code: 13, message: 'Nieprawidłowy numer' })).toBe(true);
    expect(await s.repo.get(SHOP, b)).toMatchObject({ state: 'FAILED', error: { code: 13 } });

    expect(await s.repo.skip(SHOP, c, T1, { code: 'EXPIRED', message: 'Wygasła' })).toBe(true);
    expect(await s.repo.get(SHOP, c)).toMatchObject({ state: 'SKIPPED', skipReason: { code: 'EXPIRED' } });

    expect(await s.repo.requeueForRetry(SHOP, d, T1, { code: 0, message: 'timeout' })).toBe(true);
    const requeued = await s.repo.get(SHOP, d);
    expect(requeued).toMatchObject({ state: 'QUEUED', attempts: 1, error: { code: 0 } });
    expect(requeued?.leaseUntil).toBeUndefined();

    const wait = { code: 'HOLIDAY', message: 'Niedziela' };
    expect(await s.repo.postpone(SHOP, e, T1, { dueAt: LATER, shiftedFrom: T0, waitReason: wait })).toBe(true);
    expect(await s.repo.get(SHOP, e)).toMatchObject({ state: 'SCHEDULED', dueAt: LATER, shiftedFrom: T0, waitReason: wait });
    expect(await s.repo.requeueForRetry(SHOP, e, T1)).toBe(false);
  });

  test('a report settles only the job SMSAPI accepted that message for; one that overtook the sender says so', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map(id) as [string, string, string];
    for (const x of [a, b, c]) {
      await s.seed(job(x));
      await s.repo.claimForSending(SHOP, x, { at: T0, leaseUntil: T1 });
    }
    await s.repo.markSent(SHOP, a, T1, { smsapiId: '100', parts: 1, points: 0.16 });
    const report = { outcome: 'DELIVERED' as const, deliveredAt: T1, reportStatus: 'DELIVERED', at: LATER };
    expect(await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '999' })).toBeUndefined();
    const settled = await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '100' });
    expect(settled).toMatchObject({ overtook: false, job: { state: 'DELIVERED', smsapiId: '100', deliveredAt: T1, parts: 1 } });
    expect(await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '100' })).toBeUndefined();

    // b is still SENDING: the report overtook the sender's SENT write.
    const overtaken = await s.repo.settleFromReport(SHOP, b, { ...report, outcome: 'UNDELIVERED', reportStatus: 'UNDELIVERED', msgId: '200' });
    expect(overtaken).toMatchObject({ overtook: true, job: { state: 'UNDELIVERED', smsapiId: '200' } });
    expect((await s.repo.get(SHOP, b))?.leaseUntil).toBeUndefined();
    expect(await s.repo.markSent(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBeUndefined();
    expect(await s.repo.completeAfterReport(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBe('UNDELIVERED');
    expect(await s.repo.completeAfterReport(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBeUndefined();
    expect(await s.repo.get(SHOP, b)).toMatchObject({ state: 'UNDELIVERED', sentAt: LATER, points: 0.16 });

    // A cancelled job is never settled by a report.
    expect(await s.repo.cancel(SHOP, c, ['SENDING'], T1, 'ORDER_CANCELLED')).toMatchObject({ state: 'CANCELLED', cancelReason: 'ORDER_CANCELLED' });
    expect(await s.repo.settleFromReport(SHOP, c, { ...report, msgId: '300' })).toBeUndefined();
  });

  test('the message lookup keeps the job and the time zone it was counted in', async () => {
    const msg = id('m');
    expect(await s.repo.findMessage(SHOP, msg)).toBeUndefined();
    await s.repo.rememberMessage(SHOP, msg, { jobId: 'j1', acceptedAt: T0, timeZone: 'Europe/Warsaw' }, new Date(LATER));
    expect(await s.repo.findMessage(SHOP, msg)).toEqual({ jobId: 'j1', acceptedAt: T0, timeZone: 'Europe/Warsaw' });
    expect(await s.repo.findMessage('another-shop', msg)).toBeUndefined();
  });
});
