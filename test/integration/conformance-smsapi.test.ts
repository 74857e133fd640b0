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
import { reportsUrl } from '#services/delivery-reports';
import { startTestRuntime } from '../support/runtime';
import { startSmsapiSimulator, type SmsapiSimulator } from '#local/simulators/smsapi/index';

const DIR = join(__dirname, '../fixtures/platforms/smsapi');
const fixture = (name: string) => {
  const { _source: source, _status: status, ...body } = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
  expect(typeof source).toBe('string');
  return { body, status: typeof status === 'number' ? status : 200 };
};

/** The real client, answered by one fixture. */
function answeredBy(name: string) {
  const { body, status } = fixture(name);
  const fake = (async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
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
      token: 't',
      to: ['48500000000', '48500000001'],
      message: 'Example',
      idx: ['job-a', 'job-b'],
    });
    expect(result.ok && result.messages.map((m) => [m.id, m.idx])).toEqual([
      ['7074294081650020451', 'job-a'],
      ['7074294081650020452', 'job-b'],
    ]);
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
    const sending = (jobId: string, smsapiId: string, phone: string) => ({
      job: {
        shop: licence,
        jobId,
        kind: 'order-status',
        phone,
        text: 'Zgodność',
        dueAt: at,
        state: 'SENDING',
        attempts: 1,
        createdAt: at,
        updatedAt: at,
        source: { event: 'order.status', orderId: jobId },
      } satisfies Job,
      smsapiId,
    });
    const jobs = [sending('conf1', '7074294081650020450', '+48327201200'), sending('conf2', '7074294081650020451', '+48500000001')];
    for (const { job, smsapiId } of jobs) {
      expect(await rt.deps.store.createJob(job)).toBe('created');
      // The sender's SENT write stores SMSAPI's MsgId: what the report is matched by.
      expect(await rt.deps.jobs.markSent(licence, job.jobId, at, { smsapiId, parts: 1, points: 0.165 })).toMatchObject({ state: 'SENT' });
    }
    const query = readFileSync(join(DIR, 'delivery-report.query'), 'utf8').trim();
    expect(query).not.toMatch(/(^|&)idx=/);
    const res = await fetch(`${await reportsUrl(rt.deps, licence)}&${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(await rt.deps.store.getJob(licence, 'conf1')).toMatchObject({
      state: 'DELIVERED',
      reportStatus: 'DELIVERED',
      deliveredAt: new Date(1712570400_000).toISOString(),
    });
    expect(await rt.deps.store.getJob(licence, 'conf2')).toMatchObject({ state: 'UNDELIVERED', reportStatus: 'UNDELIVERED' });
  }, 30_000);
});

describe('per-recipient parameters (send-params-two-recipients.json)', () => {
  interface ParamsFixture {
    _source: string;
    request: Record<string, string>;
    pipeRequest: Record<string, string>;
    texts: string[];
    parts: number[];
    answer: unknown;
    wrongCount: { error: number; message: string };
  }
  const fx = JSON.parse(readFileSync(join(DIR, 'send-params-two-recipients.json'), 'utf8')) as ParamsFixture;
  let sim: SmsapiSimulator;
  beforeAll(async () => {
    sim = await startSmsapiSimulator({ port: 0, reportDelayMs: 3_600_000 });
    sim.setFaults({ failingSuffixes: {}, undeliveredSuffixes: [] });
  });
  afterAll(async () => {
    await sim?.close();
  });
  const post = async (form: Record<string, string>) => {
    const res = await fetch(`${sim.url}/sms.do`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sim-token-demo', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ format: 'json', encoding: 'utf-8', from: 'SKLEP 123', details: '1', ...form }),
    });
    return (await res.json()) as { error?: number; list?: { number: string; parts: number; points: number; idx: string }[] };
  };

  test('our client sends param1…param4 as array parameters, one value per recipient, and reads parts per recipient', async () => {
    expect(fx._source).toContain('smsapi-php-client');
    let sent: URLSearchParams | undefined;
    const recording = (async (_url: string, init: RequestInit) => {
      sent = new URLSearchParams(String(init.body));
      return new Response(JSON.stringify(fx.answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const gateway = createSmsapiGateway({ baseUrl: 'https://api.smsapi.pl', timeoutMs: 1000, fetch: recording });
    const result = await gateway.send({
      token: 't',
      to: fx.request.to!.split(','),
      message: fx.request.message!,
      idx: ['job-a', 'job-b'],
      params: [
        [fx.request['param1[0]']!, fx.request['param2[0]']!],
        [fx.request['param1[1]']!, fx.request['param2[1]']!],
      ],
    });
    for (const [key, value] of Object.entries(fx.request)) expect([key, sent?.get(key)]).toEqual([key, value]);
    expect(result.ok && result.messages.map((m) => [m.idx, m.parts])).toEqual([
      ['job-a', 1],
      ['job-b', 2],
    ]);
  });

  test.each(['request', 'pipeRequest'] as const)(
    "the simulator substitutes each recipient's values (%s) and counts its parts",
    async (form) => {
      const before = sim.outbox().length;
      const answer = await post(fx[form]);
      expect(answer.error).toBeUndefined();
      expect(answer.list?.map((m) => m.parts)).toEqual(fx.parts);
      // Points follow each recipient's own parts.
      expect(answer.list![1]!.points).toBeCloseTo(answer.list![0]!.points * 2);
      const outbox = sim.outbox().slice(before);
      expect(outbox.map((sms) => [sms.idx, sms.message, sms.parts])).toEqual([
        ['job-a', fx.texts[0], fx.parts[0]],
        ['job-b', fx.texts[1], fx.parts[1]],
      ]);
    },
  );

  test('a parameter count that does not match the recipients is error 18 and sends nothing', async () => {
    const before = sim.outbox().length;
    const { 'param2[1]': _dropped, ...short } = fx.request;
    expect(await post({ ...short, 'idx[0]': 'job-c', 'idx[1]': 'job-d' })).toMatchObject({ error: fx.wrongCount.error });
    expect(await post({ ...fx.pipeRequest, param2: fx.request['param2[0]']!, 'idx[0]': 'job-e', 'idx[1]': 'job-f' })).toMatchObject({
      error: 18,
    });
    expect(sim.outbox().length).toBe(before);
  });
});
