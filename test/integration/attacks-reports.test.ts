// Attacks on SMSAPI's delivery-report door (issue 12, item 1), over real HTTP against the local runtime: a report
// needs the notify_url token of its shop, carries at most five reports, and settles a job only with the MsgId SMSAPI
// gave us for it. Queued, sending and failed jobs cannot be cancelled, faked as delivered or flipped by a report;
// job ids cannot be computed from public data; one shop's token settles nothing of another shop.
import { JOB_ID } from '#domain/job-id';
import type { LocalRuntime } from '../../local/runtime';
import type { Job } from '#domain/model';
import { jobIdFor } from '#domain/planning';
import { reportsUrl } from '#services/delivery-reports';
import { sendJob } from '#services/send-job';
import { call, snapshot } from '../support/attack-kit';
import { connectDemoSmsapi, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let other: string;
let seq = 0;

async function storedJob(shop: string, state: Job['state'] = 'QUEUED', extra: Partial<Job> = {}): Promise<Job> {
  const at = rt.deps.clock.now().toISOString();
  const job: Job = {
    shop,
    jobId: `rep${Date.now().toString(36)}${++seq}`,
    kind: 'order-status',
    phone: `+48603${String(seq).padStart(6, '0')}`,
    text: `Raport ${seq}`,
    dueAt: at,
    state,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    source: { event: 'order.status', orderId: String(seq) },
    ...extra,
  };
  expect(await rt.deps.store.createJob(job)).toBe('created');
  return job;
}

/** The report URL SMSAPI was given for a shop, with SMSAPI's fields appended. */
const reportFor = async (shop: string, fields: string) => `${await reportsUrl(rt.deps, shop)}&${fields}`;

beforeAll(async () => {
  // Reports of genuinely sent SMS arrive only when a test waits for them.
  rt = await startTestRuntime({ smsapiReportDelayMs: 3_600_000 });
  licence = rt.shop.createShop({ slug: 'raporty', name: 'Sklep Raporty' }).licence;
  other = rt.shop.createShop({ slug: 'raporty-obcy', name: 'Sklep Obcy' }).licence;
  expect((await rt.shop.install('raporty')).status).toBe(200);
  expect((await rt.shop.install('raporty-obcy')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  await connectDemoSmsapi(rt, other);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a report without the token, with a forged one, or with another shop’s token is 401 and changes nothing', async () => {
  const job = await storedJob(licence, 'SENT', { smsapiId: '7074294081650020450' });
  const before = await snapshot(rt, licence);
  const fields = `MsgId=7074294081650020450&status=404&idx=${job.jobId}&donedate=1700000000`;
  const otherUrl = new URL(await reportsUrl(rt.deps, other));
  for (const url of [
    `${rt.url}/smsapi/reports?${fields}`,
    `${rt.url}/smsapi/reports?shop=${licence}&${fields}`,
    `${rt.url}/smsapi/reports?shop=${licence}&t=${'A'.repeat(32)}&${fields}`,
    // Another shop's valid token, with this shop's name: the token binds the shop.
    `${rt.url}/smsapi/reports?shop=${licence}&t=${otherUrl.searchParams.get('t')}&${fields}`,
  ]) {
    const res = await call(url);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).error.code).toBe('REPORT_TOKEN_INVALID');
  }
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items });
});

test('six reports in one call are refused (400): SMSAPI sends at most five', async () => {
  const ids = Array.from({ length: 6 }, (_, i) => String(9000 + i));
  const res = await call(await reportFor(licence, `MsgId=${ids.join(',')}&status=${ids.map(() => 404).join(',')}`));
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text).error.code).toBe('REPORTS_TOO_MANY');
  const five = await call(await reportFor(licence, `MsgId=${ids.slice(0, 5).join(',')}&status=404,404,404,404,404`));
  expect(five.status).toBe(200);
  expect(five.text).toBe('OK');
});

test('the idx of a QUEUED job cannot cancel it, nor mark SENDING or FAILED jobs delivered; the queued one is still sent', async () => {
  const queued = await storedJob(licence, 'QUEUED');
  const sending = await storedJob(licence, 'SENDING');
  const failed = await storedJob(licence, 'FAILED', { error: { code: 'TIMEOUT', message: 'timeout' } });
  const before = await snapshot(rt, licence);
  for (const job of [queued, sending, failed]) {
    for (const status of [404, 405]) {
      const res = await call(
        await reportFor(licence, `MsgId=6500000000000000000&status=${status}&idx=${job.jobId}&to=${job.phone.slice(1)}`),
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('OK');
    }
  }
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items });
  expect(await rt.deps.store.getJob(licence, failed.jobId)).toMatchObject({ state: 'FAILED' });

  // The queued job still goes out, and SMSAPI's genuine report (no idx, as SMSAPI sends it) settles it by MsgId.
  expect((await sendJob(rt.deps, queued)).result).toBe('sent');
  const sms = rt.smsapi.outbox().find((m) => m.idx === queued.jobId)!;
  const genuine = await call(
    await reportFor(licence, `MsgId=${sms.id}&status=404&donedate=1700000000&username=demo-shop&points=0.16&from=SKLEP%20123&to=${sms.to}`),
  );
  expect(genuine.text).toBe('OK');
  expect(await rt.deps.store.getJob(licence, queued.jobId)).toMatchObject({
    state: 'DELIVERED',
    smsapiId: sms.id,
    reportStatus: 'DELIVERED',
  });
});

test('a report whose MsgId is not the one stored for the job changes nothing, whatever its idx says', async () => {
  const sent = await storedJob(licence, 'QUEUED');
  expect((await sendJob(rt.deps, sent)).result).toBe('sent');
  const sms = rt.smsapi.outbox().find((m) => m.idx === sent.jobId)!;
  const decoy = await storedJob(licence, 'SENT', { smsapiId: '111' });
  const before = await snapshot(rt, licence);
  // Another MsgId with this job's idx; and this job's MsgId with another job's idx (the cross-check).
  for (const fields of [
    `MsgId=999999&status=405&idx=${sent.jobId}`,
    `MsgId=${sms.id}&status=405&idx=${decoy.jobId}`,
    `MsgId=111&status=405`,
  ]) {
    expect((await call(await reportFor(licence, fields))).text).toBe('OK');
  }
  expect(await rt.deps.store.getJob(licence, sent.jobId)).toMatchObject({ state: 'SENT', smsapiId: sms.id });
  // A job whose id SMSAPI never gave us (not stored by the sender's SENT write) is not settled by that id either.
  expect(await rt.deps.store.getJob(licence, decoy.jobId)).toMatchObject({ state: 'SENT' });
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items });
});

test('cross-shop: another shop’s valid report URL cannot settle this shop’s message', async () => {
  const job = await storedJob(licence, 'QUEUED');
  expect((await sendJob(rt.deps, job)).result).toBe('sent');
  const sms = rt.smsapi.outbox().find((m) => m.idx === job.jobId)!;
  const res = await call(await reportFor(other, `MsgId=${sms.id}&status=405&idx=${job.jobId}`));
  expect(res.text).toBe('OK');
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'SENT' });
});

test('job ids are keyed with a server secret: the public licence and order number do not give them away', async () => {
  // What an attacker can compute without the secret is not what the app uses.
  const { jobIdKey } = await import('#services/dispatch');
  const real = jobIdFor(licence, 'owner-new-order:5001', await jobIdKey(rt.deps));
  expect(jobIdFor(licence, 'owner-new-order:5001', '')).not.toBe(real);
  expect(real).toMatch(JOB_ID);
});

test('garbage in an authenticated call is ignored with OK and changes nothing', async () => {
  const before = await snapshot(rt, licence);
  for (const fields of [
    '',
    'MsgId=',
    'MsgId=1&status=abc&idx=../../etc',
    `MsgId=${'Z'.repeat(5000)}&status=404`,
    'MsgId=%00%01&status=404',
  ]) {
    const res = await call(await reportFor(licence, fields));
    expect(res.status).toBe(200);
    expect(res.text).toBe('OK');
  }
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items });
});

test('a report for a message finished just now whose MsgId is not stored yet asks SMSAPI to call again (503), and settles on the repeat', async () => {
  const job = await storedJob(licence, 'SENDING');
  const now = Math.floor(rt.deps.clock.now().getTime() / 1000);
  const early = await call(await reportFor(licence, `MsgId=8080808080&status=404&donedate=${now}`));
  expect(early.status).toBe(503);
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'SENDING' });
  // Our write of SMSAPI's answer (SENT with its MsgId) lands; SMSAPI's repeat settles the job.
  const { recordSent } = await import('#services/send-job');
  await recordSent(rt.deps, job, 'Europe/Warsaw', { smsapiId: '8080808080', parts: 1, points: 0.16 });
  const repeat = await call(await reportFor(licence, `MsgId=8080808080&status=404&donedate=${now}`));
  expect(repeat.text).toBe('OK');
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'DELIVERED', smsapiId: '8080808080' });
});
