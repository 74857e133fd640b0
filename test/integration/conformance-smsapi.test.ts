// Conformance with SMSAPI as public sources show it (test/fixtures/platforms/smsapi, each file naming its source):
// every answer goes through the real SMSAPI client (what the sender and the account tab read from it), and the
// delivery-report GET goes through the real reports handler over HTTP, matched by MsgId without idx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRuntime } from '../../local/runtime';
import type { Job } from '#domain/model';
import { createSmsapiGateway } from '#adapters/smsapi-http';
import { failureMessage, isAccountProblem } from '#domain/smsapi-failure';
import { smsapiErrorClass } from '#domain/smsapi-codes';
import { rememberMessageId, reportsUrl } from '#services/delivery-reports';
import { startTestRuntime } from '../support/runtime';

const DIR = join(__dirname, '../fixtures/platforms/smsapi');
const fixture = (name: string) => {
  const { _source: source, _status: status, ...body } = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
  expect(typeof source).toBe('string');
  return { body, status: typeof status === 'number' ? status : 200 };
};

/** The real client, answered by one fixture. */
function answeredBy(name: string) {
  const { body, status } = fixture(name);
  const fake = (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
  return createSmsapiGateway({ baseUrl: 'https://api.smsapi.pl', timeoutMs: 1000, fetch: fake });
}

describe('SMSAPI answers through the real client', () => {
  test('send-success.json: one accepted SMS with its id, points and parts', async () => {
    const result = await answeredBy('send-success.json').send({ token: 't', to: ['48327201200'], message: 'Example' });
    expect(result).toEqual({
      ok: true,
      messages: [{ id: '7074294081650020450', number: '48327201200', idx: undefined, points: 0.165, parts: 1, status: 'QUEUE' }],
    });
  });

  test('send-success-two-recipients.json: each SMS keeps its own id and idx', async () => {
    const result = await answeredBy('send-success-two-recipients.json').send({
      token: 't', to: ['48500000000', '48500000001'], message: 'Example', idx: ['job-a', 'job-b'],
    });
    expect(result.ok && result.messages.map((m) => [m.id, m.idx])).toEqual([['7074294081650020451', 'job-a'], ['7074294081650020452', 'job-b']]);
  });

  test.each([
    ['send-error-invalid-numbers.json', 13, 'permanent', 'Brak prawidłowych numerów telefonów'],
    ['send-error-72.json', 72, 'permanent', 'tylko przy jednym odbiorcy'],
    ['send-error-401-permission.json', 401, 'account', 'nie ma uprawnień'],
    ['send-error-98-restricted.json', 98, 'account', 'Konto SMSAPI jest ograniczone'],
  ])('%s: an API error (HTTP 200) with its code, class and Polish explanation', async (name, code, kind, polish) => {
    const result = await answeredBy(name).send({ token: 't', to: ['48500100200'], message: 'x' });
    expect(result).toMatchObject({ ok: false, code, transport: 'api' });
    if (result.ok) return;
    expect(smsapiErrorClass(result.code)).toBe(kind);
    expect(failureMessage(result)).toContain(polish);
    expect(isAccountProblem(result)).toBe(kind === 'account');
  });

  test('send-error-invalid-numbers.json: the refused numbers are read', async () => {
    const result = await answeredBy('send-error-invalid-numbers.json').send({ token: 't', to: ['48500100200'], message: 'x' });
    expect(result).toMatchObject({ invalidNumbers: ['48500100200'] });
  });

  test('profile-prepaid.json and profile-postpaid.json: the login, and points only when the account has them', async () => {
    expect(await answeredBy('profile-prepaid.json').profile('t')).toEqual({
      ok: true,
      value: { username: 'someUsername', points: 1, name: 'someName', email: 'someEmail', paymentType: 'prepaid' },
    });
    expect(await answeredBy('profile-postpaid.json').profile('t')).toEqual({
      ok: true,
      value: { username: 'firma-abonament', name: 'Firma Abonament', email: 'biuro@example.com', paymentType: 'postpaid' },
    });
  });

  test('rest-error.json: a REST 401 is a refused token (101)', async () => {
    expect(await answeredBy('rest-error.json').profile('t')).toMatchObject({ ok: false, code: 101, transport: 'api' });
  });
});

describe('the delivery-report GET through the real reports handler', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ smsapiReportDelayMs: 3_600_000 });
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  test('delivery-report.query: two reports without idx settle their jobs by MsgId; the answer is OK', async () => {
    const licence = rt.shop.createShop({ slug: 'zgodnosc', name: 'Sklep Zgodność' }).licence;
    expect((await rt.shop.install('zgodnosc')).status).toBe(200);
    const at = rt.deps.clock.now().toISOString();
    const sent = (jobId: string, smsapiId: string, phone: string): Job => ({
      shop: licence, jobId, kind: 'order-status', phone, text: 'Zgodność', dueAt: at, state: 'SENT', attempts: 1,
      createdAt: at, updatedAt: at, sentAt: at, smsapiId, parts: 1, points: 0.165, source: { event: 'order.status', orderId: jobId },
    });
    const jobs = [sent('conf1', '7074294081650020450', '+48327201200'), sent('conf2', '7074294081650020451', '+48500000001')];
    for (const job of jobs) {
      expect(await rt.deps.store.createJob(job)).toBe('created');
      await rememberMessageId(rt.deps, job, job.smsapiId!);
    }
    const query = readFileSync(join(DIR, 'delivery-report.query'), 'utf8').trim();
    expect(query).not.toMatch(/(^|&)idx=/);
    const res = await fetch(`${await reportsUrl(rt.deps, licence)}&${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(await rt.deps.store.getJob(licence, 'conf1')).toMatchObject({ state: 'DELIVERED', reportStatus: 'DELIVERED', deliveredAt: new Date(1712570400_000).toISOString() });
    expect(await rt.deps.store.getJob(licence, 'conf2')).toMatchObject({ state: 'UNDELIVERED', reportStatus: 'UNDELIVERED' });
  }, 30_000);
});
