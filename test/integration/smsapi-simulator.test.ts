// The SMSAPI simulator over real HTTP: what our SMSAPI client and a person at the outbox page would see.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmsapiSimulator, type SmsapiSimulator } from '#local/simulators/smsapi/index';

const DEMO_TOKEN = 'sim-token-demo';

let sim: SmsapiSimulator;
let callbacks: Server;
let callbackUrl: string;
const received: URL[] = [];
let callbackAnswer: () => { status: number; body: string } = () => ({ status: 200, body: 'OK' });

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function send(
  params: Record<string, string>,
  options: { token?: string; base?: string } = {},
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${options.base ?? sim.url}/sms.do`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.token ?? DEMO_TOKEN}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ format: 'json', encoding: 'utf-8', from: 'SKLEP 123', ...params }),
  });
  return { status: res.status, json: await res.json() };
}

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${init.token ?? DEMO_TOKEN}`, ...(init.headers as Record<string, string>) },
  });
}

beforeAll(async () => {
  sim = await startSmsapiSimulator({ port: 0, reportDelayMs: 30 });
  callbacks = createServer((req: IncomingMessage, res) => {
    received.push(new URL(req.url ?? '/', 'http://callback.local'));
    const { status, body } = callbackAnswer();
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
  const address = callbacks.address();
  if (address === null || typeof address === 'string') throw new Error('no callback address');
  callbackUrl = `http://127.0.0.1:${address.port}/smsapi/reports?shop=shop-1`;
});

afterAll(async () => {
  await sim.close();
  callbacks.closeAllConnections();
  await new Promise((resolve) => callbacks.close(resolve));
});

beforeEach(() => {
  sim.reset();
  received.length = 0;
  callbackAnswer = () => ({ status: 200, body: 'OK' });
});

describe('sending', () => {
  it('accepts a single SMS, answers like SMSAPI and puts it in the outbox', async () => {
    const { status, json } = await send({ to: '500 100 200', message: 'Zamówienie 123 wysłane', details: '1' });

    expect(status).toBe(200);
    expect(json).toMatchObject({
      count: 1,
      list: [
        {
          number: '48500100200',
          submitted_number: '500 100 200',
          status: 'QUEUE',
          points: 0.16,
          parts: 1,
          idx: null,
          error: null,
          id: expect.stringMatching(/^[0-9]{19}$/),
          date_sent: expect.any(Number),
        },
      ],
      message: 'Zamówienie 123 wysłane',
      parts: 1,
    });
    expect(sim.outbox()).toEqual([
      expect.objectContaining({
        id: json.list[0].id,
        account: 'demo-shop',
        to: '48500100200',
        from: 'SKLEP 123',
        message: 'Zamówienie 123 wysłane',
        encoding: 'UCS-2',
        parts: 1,
        test: false,
      }),
    ]);
    expect(sim.requests()).toEqual([expect.objectContaining({ path: '/sms.do', method: 'POST' })]);
  });

  it('accepts JSON bodies and the /api/sms.do path too', async () => {
    const res = await fetch(`${sim.url}/api/sms.do`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: ['+48500100200', '0048600100200'], message: 'Hej', format: 'json', details: true }),
    });
    const json = await res.json();
    expect(json.count).toBe(2);
    expect(sim.outbox().map((s) => s.to)).toEqual(['48500100200', '48600100200']);
  });

  it("sends to several recipients with one idx each, as an array parameter (idx[0], idx[1]) like SMSAPI's PHP client", async () => {
    const { json } = await send({ to: '500100200,600100200', message: 'Hej', 'idx[0]': 'job-a', 'idx[1]': 'job-b', check_idx: '1' });

    expect(json.count).toBe(2);
    expect(json.list.map((m: any) => [m.number, m.idx])).toEqual([
      ['48500100200', 'job-a'],
      ['48600100200', 'job-b'],
    ]);
    expect(sim.outbox().map((s) => [s.to, s.idx])).toEqual([
      ['48500100200', 'job-a'],
      ['48600100200', 'job-b'],
    ]);
  });

  it('refuses an idx list that does not match the recipients (error 20); a plain idx with | is one value, not a list', async () => {
    const { json } = await send({ to: '500100200,600100200', message: 'Hej', idx: 'only-one' });
    expect(json.error).toBe(20);
    expect((await send({ to: '500100200,600100200', message: 'Hej', idx: 'job-a|job-b' })).json.error).toBe(20);
    expect((await send({ to: '500100200,600100200', message: 'Hej', 'idx[0]': 'job-a' })).json.error).toBe(20);
    expect(sim.outbox()).toHaveLength(0);
  });

  it('fault injection: the next sms.do calls answer the forced error codes, once each, in order', async () => {
    sim.setFaults({ forcedErrors: [72, 401, 98] });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await send({ to: '500100200', message: 'Hej' })).json.error);
    expect(codes).toEqual([72, 401, 98, undefined]);
    expect(sim.outbox()).toHaveLength(1);
  });

  it('can behave like the older SMSAPI: notify_url with several recipients is refused with 72, with one it is fine', async () => {
    sim.setFaults({ notifyUrlSingleRecipientOnly: true });
    const batch = await send({ to: '500100200,600100200', message: 'Hej', notify_url: callbackUrl });
    expect(batch.json).toMatchObject({ error: 72, message: expect.stringContaining('notify_url') });
    expect((await send({ to: '500100200', message: 'Hej', notify_url: callbackUrl })).json.count).toBe(1);
    expect((await send({ to: '500100200,600100200', message: 'Hej' })).json.count).toBe(2);
  });

  it('refuses a repeated idx with check_idx=1 (error 53) and sends nothing the second time', async () => {
    const first = await send({ to: '500100200', message: 'Hej', idx: 'job-1', check_idx: '1' });
    const second = await send({ to: '500100200', message: 'Hej', idx: 'job-1', check_idx: '1' });

    expect(first.json.count).toBe(1);
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ error: 53, message: expect.any(String) });
    expect(sim.outbox()).toHaveLength(1);
  });

  it('replaces Polish letters (capital Ł included) with normalize=1, so the SMS is GSM-7', async () => {
    await send({ to: '500100200', message: 'Zażółć gęślą jaźń, ŁÓDŹ – „cześć”', normalize: '1' });
    await send({ to: '500100201', message: 'Zażółć' });

    const [normalized, raw] = sim.outbox();
    expect(normalized?.message).toBe('Zazolc gesla jazn, LODZ - "czesc"');
    expect(normalized?.encoding).toBe('GSM-7');
    expect(raw?.encoding).toBe('UCS-2');
  });

  it.each([
    ['160 GSM characters', 'a'.repeat(160), 1],
    ['161 GSM characters', 'a'.repeat(161), 2],
    ['306 GSM characters', 'a'.repeat(306), 2],
    ['307 GSM characters', 'a'.repeat(307), 3],
    ['€ counting two septets', 'a'.repeat(159) + '€', 2],
    ['a two-septet character never split', 'a'.repeat(152) + '€' + 'a'.repeat(152), 3],
    ['70 Polish letters', 'ą'.repeat(70), 1],
    ['71 Polish letters', 'ą'.repeat(71), 2],
    ['an emoji never split across parts', 'ą'.repeat(66) + '😀' + 'ą'.repeat(66), 3],
  ])('counts parts for %s', async (_label, message, parts) => {
    const { json } = await send({ to: '500100200', message, details: '1', test: '1' });
    expect(json.parts).toBe(parts);
    expect(json.list[0].parts).toBe(parts);
    expect(json.list[0].points).toBeCloseTo(0.16 * parts, 6);
  });

  it('refuses more parts than max_parts (error 12)', async () => {
    expect((await send({ to: '500100200', message: 'a'.repeat(7 * 153) })).json.error).toBe(12);
    expect((await send({ to: '500100200', message: 'a'.repeat(400), max_parts: '2' })).json.error).toBe(12);
  });

  it('refuses an empty message (error 11)', async () => {
    expect((await send({ to: '500100200', message: '' })).json.error).toBe(11);
  });

  it('refuses a sender name that is not ACTIVE on the account (error 14)', async () => {
    expect((await send({ to: '500100200', message: 'Hej', from: 'Promocja' })).json.error).toBe(14);
    expect((await send({ to: '500100200', message: 'Hej', from: 'Nowy Nadawca' })).json.error).toBe(14);
    expect((await send({ to: '500100200', message: 'Hej', from: 'Obcy' })).json.error).toBe(14);
    expect(sim.outbox()).toHaveLength(0);
  });

  it('fails a number ending in 13 with error 13 and lists it in invalid_numbers', async () => {
    const { json } = await send({ to: '500100213', message: 'Hej' });
    expect(json).toMatchObject({
      error: 13,
      invalid_numbers: [{ number: '48500100213', submitted_number: '500100213', error_code: 13 }],
    });
    expect(sim.outbox()).toHaveLength(0);
  });

  it('refuses an invalid number with error 13 but sends to the valid ones of a list', async () => {
    expect((await send({ to: '12ab', message: 'Hej' })).json.error).toBe(13);
    const { json } = await send({ to: '500100200,123', message: 'Hej' });
    expect(json.count).toBe(1);
    expect(json.invalid_numbers).toEqual([expect.objectContaining({ submitted_number: '123' })]);
  });

  it('refuses a send the account cannot pay for (error 103)', async () => {
    sim.addAccount({ username: 'poor-shop', token: 'poor-token', points: 0.2 });
    const { json } = await send({ to: '500100200', message: 'a'.repeat(200), from: 'SMSAPI' }, { token: 'poor-token' });
    expect(json.error).toBe(103);
    expect(sim.outbox()).toHaveLength(0);
  });

  it('charges points per part and recipient', async () => {
    sim.addAccount({ username: 'count-shop', token: 'count-token', points: 10 });
    await send({ to: '500100200,600100200', message: 'a'.repeat(200), from: 'SMSAPI' }, { token: 'count-token' });
    const profile = await (await api('/profile', { token: 'count-token' })).json();
    expect(profile.points).toBeCloseTo(10 - 2 * 2 * 0.16, 6);
  });

  it('test=1 validates and counts but sends nothing and charges nothing', async () => {
    const before = (await (await api('/profile')).json()).points;
    const { json } = await send({ to: '500100200', message: 'Hej', test: '1', idx: 'test-idx', check_idx: '1' });
    const after = (await (await api('/profile')).json()).points;

    expect(json.count).toBe(1);
    expect(sim.outbox()).toHaveLength(0);
    expect(after).toBe(before);
    // A test send does not use up the idx.
    expect((await send({ to: '500100200', message: 'Hej', idx: 'test-idx', check_idx: '1' })).json.count).toBe(1);
  });

  it('answers 401 with error 101 for a missing or unknown token', async () => {
    const res = await fetch(`${sim.url}/sms.do`, { method: 'POST', body: new URLSearchParams({ format: 'json' }) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 101, message: 'Authorization failed' });
    expect((await send({ to: '500100200', message: 'Hej' }, { token: 'wrong' })).status).toBe(401);
    expect((await api('/profile', { token: 'wrong' })).status).toBe(401);
  });

  it('keeps a scheduled SMS in QUEUE until its date on the simulator clock', async () => {
    let offsetMs = 0;
    const clocked = await startSmsapiSimulator({ reportDelayMs: 10, now: () => new Date(Date.now() + offsetMs) });
    try {
      const date = Math.floor((Date.now() + 60 * 60 * 1000) / 1000);
      const { json } = await send({ to: '500100200', message: 'Później', date: String(date) }, { base: clocked.url });
      expect(json.list[0].date_sent).toBe(date);
      await new Promise((r) => setTimeout(r, 150));
      expect(clocked.outbox()[0]).toMatchObject({ status: 'QUEUE', scheduledFor: new Date(date * 1000).toISOString() });

      offsetMs = 2 * 60 * 60 * 1000;
      await waitFor(() => clocked.outbox()[0]?.status === 'DELIVERED');
    } finally {
      await clocked.close();
    }
  });
});

describe('account endpoints', () => {
  it('returns the profile with points', async () => {
    const profile = await (await api('/profile')).json();
    expect(profile).toMatchObject({ username: 'demo-shop', payment_type: 'prepaid', user_type: 'native' });
    expect(typeof profile.points).toBe('number');
  });

  it('lists sender names as {collection, size} with their statuses', async () => {
    const body = await (await api('/sms/sendernames')).json();
    expect(body.size).toBe(5);
    expect(body.collection).toEqual(
      expect.arrayContaining([
        { sender: 'SKLEP 123', is_default: true, status: 'ACTIVE', created_at: expect.any(String) },
        expect.objectContaining({ sender: 'Promocja', status: 'INACTIVE' }),
        expect.objectContaining({ sender: 'Nowy Nadawca', status: 'PENDING' }),
      ]),
    );
  });

  it('blocks a blacklisted number (error 57) until it is removed from the blacklist', async () => {
    const added = await api('/blacklist/phone_numbers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone_number: '48500100201' }),
    });
    expect(added.status).toBe(201);
    const list = await (await api('/blacklist/phone_numbers')).json();
    expect(list.collection.map((e: any) => e.phone_number)).toContain('48500100201');

    const blocked = await send({ to: '500100201', message: 'Hej' });
    expect(blocked.json).toMatchObject({ error: 57, invalid_numbers: [{ number: '48500100201', error_code: 57 }] });

    expect((await api('/blacklist/phone_numbers?phone_number=48500100201', { method: 'DELETE' })).status).toBe(204);
    expect((await send({ to: '500100201', message: 'Hej' })).json.count).toBe(1);
  });
});

describe('OAuth web flow', () => {
  const redirectUri = 'http://127.0.0.1:3000/smsapi/oauth/callback';

  async function decide(decision: 'accept' | 'deny', username = 'demo-shop'): Promise<URL> {
    const res = await fetch(`${sim.oauthUrl}/oauth/access`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'sim-client',
        redirect_uri: redirectUri,
        scope: 'sms,profile,sms_sender',
        state: 'signed-state',
        username,
        decision,
      }),
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  async function token(params: Record<string, string>): Promise<Response> {
    return fetch(`${sim.oauthUrl}/api/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'sim-client', client_secret: 'sim-secret', ...params }),
    });
  }

  it('shows the Polish consent page with the scopes and both buttons', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'sim-client',
      redirect_uri: redirectUri,
      scope: 'sms,sms_sender',
      state: 's',
    });
    const res = await fetch(`${sim.oauthUrl}/oauth/access?${query}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Shoper wymaga dostępu do Twojego konta SMSAPI');
    expect(html).toContain('SMS - Dostęp do wysyłki SMS');
    expect(html).toContain('Pola nadawcy - Dostęp do zarządzania polami nadawcy SMS');
    expect(html).toContain('Odmów');
    expect(html).toContain('Akceptuj');
    expect(html).toContain('demo-shop');
  });

  it('refuses an unknown client on the consent page', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: 'nobody', redirect_uri: redirectUri });
    expect((await fetch(`${sim.oauthUrl}/oauth/access?${query}`)).status).toBe(400);
  });

  it('refuses an authorize request without response_type=code, as an OAuth server does', async () => {
    const query = new URLSearchParams({ client_id: 'sim-client', redirect_uri: redirectUri, scope: 'sms', state: 's' });
    const res = await fetch(`${sim.oauthUrl}/oauth/access?${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('response_type=code');
  });

  it('Akceptuj redirects with a code that buys tokens working as that account', async () => {
    const location = await decide('accept');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('signed-state');
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(res.status).toBe(200);
    const tokens = await res.json();
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number), scope: 'sms,profile,sms_sender' });

    const profile = await (await api('/profile', { token: tokens.access_token })).json();
    expect(profile.username).toBe('demo-shop');
    expect((await send({ to: '500100200', message: 'OAuth' }, { token: tokens.access_token })).json.count).toBe(1);

    // A code works once.
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).status).toBe(400);

    // The refresh token renews the pair; the old access token stops working.
    const refreshed = await (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json();
    expect((await api('/profile', { token: refreshed.access_token })).status).toBe(200);
    expect((await api('/profile', { token: tokens.access_token })).status).toBe(401);
  });

  it('refuses a wrong client secret', async () => {
    const code = (await decide('accept')).searchParams.get('code') ?? '';
    const res = await token({ grant_type: 'authorization_code', code, client_secret: 'guess' });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
  });

  it('Odmów redirects back with error=access_denied and the state', async () => {
    const location = await decide('deny');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('signed-state');
    expect(location.searchParams.has('code')).toBe(false);
  });
});

describe('delivery reports', () => {
  it('calls notify_url with the documented fields (no idx), several reports comma-separated in one call', async () => {
    const { json } = await send({
      to: '500100200,500100299',
      message: 'Hej',
      'idx[0]': 'job-1',
      'idx[1]': 'job-2',
      notify_url: callbackUrl,
    });

    const report = await waitFor(() => received[0]);
    expect(received).toHaveLength(1);
    expect(report.pathname).toBe('/smsapi/reports');
    expect(report.searchParams.get('shop')).toBe('shop-1');
    expect(report.searchParams.get('MsgId')).toBe(`${json.list[0].id},${json.list[1].id}`);
    expect(report.searchParams.get('status')).toBe('404,405');
    expect(report.searchParams.has('idx')).toBe(false);
    expect(report.searchParams.get('username')).toBe('demo-shop,demo-shop');
    expect(report.searchParams.get('from')).toBe('SKLEP 123,SKLEP 123');
    expect(report.searchParams.get('points')).toMatch(/^[0-9.]+,[0-9.]+$/);
    expect(report.searchParams.get('to')).toBe('48500100200,48500100299');
    expect(report.searchParams.get('donedate')).toMatch(/^[0-9]{10},[0-9]{10}$/);
    expect(sim.outbox().map((s) => s.status)).toEqual(['DELIVERED', 'UNDELIVERED']);
  });

  it('adds idx to the reports only when asked to (reportIdx)', async () => {
    sim.setFaults({ reportIdx: true });
    await send({ to: '500100200', message: 'Hej', idx: 'job-9', notify_url: callbackUrl });
    const report = await waitFor(() => received[0]);
    expect(report.searchParams.get('idx')).toBe('job-9');
  });

  it('answers a profile without points for a postpaid account', async () => {
    sim.addAccount({ username: 'abonament', token: 'sim-token-abo', paymentType: 'postpaid' });
    const profile = await (await api('/profile', { token: 'sim-token-abo' })).json();
    expect(profile).toMatchObject({ username: 'abonament', payment_type: 'postpaid' });
    expect(profile).not.toHaveProperty('points');
    // Billed afterwards: never refused for points.
    expect((await send({ to: '500100200', message: 'Hej', from: 'SMSAPI' }, { token: 'sim-token-abo' })).json.count).toBe(1);
  });

  it('batches at most five reports per call', async () => {
    const numbers = Array.from({ length: 7 }, (_, i) => `50010020${i}`);
    await send({ to: numbers.join(','), message: 'Hej', notify_url: callbackUrl });
    await waitFor(() => received.length >= 2);
    const sizes = received.map((u) => (u.searchParams.get('MsgId') ?? '').split(',').length).sort();
    expect(sizes).toEqual([2, 5]);
  });

  it('retries a callback that did not answer OK', async () => {
    let calls = 0;
    callbackAnswer = () => (++calls === 1 ? { status: 500, body: 'oops' } : { status: 200, body: 'OK' });
    await send({ to: '500100200', message: 'Hej', notify_url: callbackUrl });
    await waitFor(() => received.length >= 2, 4000);
    expect(received[0]?.searchParams.get('MsgId')).toBe(received[1]?.searchParams.get('MsgId'));
  });
});

describe('faults', () => {
  it('accepted-then-timeout: the SMS is taken but the answer is lost; the retry with check_idx gets 53', async () => {
    sim.setFaults({ transientRate: 1, transientKinds: ['accepted-then-timeout'], timeoutMs: 100 });
    await expect(send({ to: '500100200', message: 'Hej', idx: 'job-crash', check_idx: '1' })).rejects.toThrow();

    sim.setFaults({ transientRate: 0 });
    const retry = await send({ to: '500100200', message: 'Hej', idx: 'job-crash', check_idx: '1' });
    expect(retry.json.error).toBe(53);
    expect(sim.outbox()).toHaveLength(1);
    expect(sim.outbox()[0]?.idx).toBe('job-crash');
  });

  it('timeout: the socket dies and nothing is accepted', async () => {
    sim.setFaults({ transientRate: 1, transientKinds: ['timeout'], timeoutMs: 100 });
    await expect(send({ to: '500100200', message: 'Hej', idx: 'job-t', check_idx: '1' })).rejects.toThrow();
    expect(sim.outbox()).toHaveLength(0);
  });

  it('answers HTTP 500, HTTP 429 and error 203 when told to', async () => {
    sim.setFaults({ transientRate: 1, transientKinds: ['500'] });
    expect((await fetch(`${sim.url}/sms.do`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).status).toBe(500);
    sim.setFaults({ transientKinds: ['429'] });
    expect((await send({ to: '500100200', message: 'Hej' })).status).toBe(429);
    sim.setFaults({ transientKinds: ['203'] });
    expect((await send({ to: '500100200', message: 'Hej' })).json.error).toBe(203);
    expect(sim.outbox()).toHaveLength(0);
  });

  it('with a seed, a partial failure rate fails the same requests every run', async () => {
    const run = async () => {
      sim.reset();
      sim.setFaults({ transientRate: 0.5, transientKinds: ['203'], seed: 42 });
      const results: number[] = [];
      for (let i = 0; i < 10; i++) results.push((await send({ to: '500100200', message: `n${i}` })).json.error ?? 0);
      return results;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first).toContain(203);
    expect(first).toContain(0);
  });

  it('accepts fault settings from the page as JSON and refuses nonsense', async () => {
    const ok = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ undeliveredSuffixes: ['77'] }),
    });
    expect((await ok.json()).undeliveredSuffixes).toEqual(['77']);
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ transientRate: 3 }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('SIM_FAULTS_INVALID');
  });
});

describe('pages', () => {
  it('serves the outbox page and the outbox as JSON', async () => {
    await send({ to: '500100200', message: 'Widać mnie' });
    const html = await (await fetch(`${sim.url}/`)).text();
    expect(html).toContain('Symulator SMSAPI');
    expect(html).toContain('action="/__sim/faults"');
    const outbox = await (await fetch(`${sim.url}/__sim/outbox.json`)).json();
    expect(outbox).toEqual([expect.objectContaining({ message: 'Widać mnie', to: '48500100200' })]);
  });
});

describe('persistence', () => {
  it('keeps outbox, points and idx memory across a restart with the same stateFile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsapi-sim-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startSmsapiSimulator({ stateFile });
      await send({ to: '500100200', message: 'Przed restartem', idx: 'job-p', check_idx: '1' }, { base: first.url });
      const pointsBefore = (await (await fetch(`${first.url}/profile`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).json())
        .points;
      await first.close();

      const second = await startSmsapiSimulator({ stateFile });
      try {
        expect(second.outbox()).toEqual([expect.objectContaining({ message: 'Przed restartem', idx: 'job-p' })]);
        const again = await send({ to: '500100200', message: 'Przed restartem', idx: 'job-p', check_idx: '1' }, { base: second.url });
        expect(again.json.error).toBe(53);
        const pointsAfter = (await (await fetch(`${second.url}/profile`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).json())
          .points;
        expect(pointsAfter).toBe(pointsBefore);
        expect(pointsAfter).toBeCloseTo(1000 - 0.16, 6);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
