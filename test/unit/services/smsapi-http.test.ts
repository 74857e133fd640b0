// The SMSAPI client: what it sends (every parameter PROTOCOLS.md lists for a send) and how it reads every kind
// of answer — success, an error in an HTTP 200 body, 401, 429/5xx, a timeout — with a fake fetch.
import { createSmsapiGateway } from '#adapters/smsapi-http';
import { apiErrorCode, errorLogCode, failureMessage } from '#domain/smsapi-failure';

type Captured = { url: string; init: RequestInit };

function gateway(answer: (c: Captured) => Response | Promise<Response>, timeoutMs = 1000) {
  const calls: Captured[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    const captured = { url, init };
    calls.push(captured);
    return answer(captured);
  }) as unknown as typeof fetch;
  return { sms: createSmsapiGateway({ baseUrl: 'https://api.example', timeoutMs, fetch: fake }), calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('a send carries idx with check_idx=1, notify_url, from, encoding, format, details and max_parts; not normalize', async () => {
  const { sms, calls } = gateway(() =>
    json(200, { count: 1, list: [{ id: '1001', points: 0.16, number: '48500100200', status: 'QUEUE', idx: 'job1', parts: 1 }] }),
  );
  const result = await sms.send({
    token: 'secret-token',
    to: ['48500100200'],
    message: 'Zamówienie wysłane',
    from: 'SKLEP 123',
    idx: ['job1'],
    notifyUrl: 'https://app.example/smsapi/reports',
    maxParts: 6,
  });
  expect(result).toEqual({
    ok: true,
    messages: [{ id: '1001', number: '48500100200', idx: 'job1', points: 0.16, parts: 1, status: 'QUEUE' }],
  });
  const call = calls[0]!;
  expect(call.url).toBe('https://api.example/sms.do');
  expect(call.init.method).toBe('POST');
  expect((call.init.headers as Record<string, string>).Authorization).toBe('Bearer secret-token');
  const body = Object.fromEntries(new URLSearchParams(String(call.init.body)));
  expect(body).toEqual({
    to: '48500100200',
    message: 'Zamówienie wysłane',
    format: 'json',
    encoding: 'utf-8',
    details: '1',
    from: 'SKLEP 123',
    idx: 'job1',
    check_idx: '1',
    notify_url: 'https://app.example/smsapi/reports',
    max_parts: '6',
  });
});

test("several recipients get one idx each, as an array parameter like SMSAPI's PHP client (idx[0]=…&idx[1]=…)", async () => {
  const { sms, calls } = gateway(() => json(200, { count: 0, list: [] }));
  await sms.send({ token: 't', to: ['48500100200', '48500100201'], message: 'x', idx: ['a1', 'b2'] });
  const raw = String(calls[0]!.init.body);
  const body = new URLSearchParams(raw);
  expect(body.get('to')).toBe('48500100200,48500100201');
  // PHP's http_build_query percent-encodes the brackets; so does URLSearchParams.
  expect(raw).toContain('idx%5B0%5D=a1&idx%5B1%5D=b2');
  expect(body.get('idx')).toBeNull();
  expect(body.get('check_idx')).toBe('1');
});

test('a profile without points (postpaid account) is understood; a 403 is a token without permission (401), not 101', async () => {
  const { sms } = gateway(() =>
    json(200, {
      name: 'Firma',
      email: 'a@b.pl',
      username: 'firma',
      phone_number: '48500100200',
      payment_type: 'postpaid',
      user_type: 'native',
    }),
  );
  expect(await sms.profile('t')).toEqual({
    ok: true,
    value: { username: 'firma', name: 'Firma', email: 'a@b.pl', paymentType: 'postpaid' },
  });
  const forbidden = gateway(() => json(403, { message: 'Forbidden', error: 'insufficient_scope' }));
  expect(await forbidden.sms.senderNames('t')).toMatchObject({ ok: false, code: 401, transport: 'api' });
});

test('an error in an HTTP 200 body is an API failure with its code (53 = already accepted, 13 = bad number)', async () => {
  const { sms } = gateway(() => json(200, { error: 53, message: 'Idx already used' }));
  expect(await sms.send({ token: 't', to: ['1'], message: 'x' })).toMatchObject({ ok: false, code: 53, transport: 'api' });
  const bad = gateway(() => json(200, { error: 13, message: 'No correct phone numbers', invalid_numbers: [{ number: '48500100213' }] }));
  expect(await bad.sms.send({ token: 't', to: ['1'], message: 'x' })).toMatchObject({
    ok: false,
    code: 13,
    transport: 'api',
    invalidNumbers: ['48500100213'],
  });
});

test('HTTP 429 and 5xx are transport failures; a 401 without a numeric code counts as 101', async () => {
  for (const status of [429, 500, 503]) {
    const { sms } = gateway(() => new Response('busy', { status }));
    const result = await sms.send({ token: 't', to: ['1'], message: 'x' });
    expect(result).toMatchObject({ ok: false, code: status, transport: 'http' });
    if (!result.ok) expect(apiErrorCode(result)).toBe('SMSAPI_UNAVAILABLE');
  }
  const refused = gateway(() => json(401, { message: 'Authorization failed', error: 'invalid_token' }));
  expect(await refused.sms.profile('t')).toMatchObject({ ok: false, code: 101, transport: 'api' });
});

test('a timeout is a network failure with code 0, explained in Polish', async () => {
  const { sms } = gateway(
    (c) =>
      new Promise<Response>((_, reject) => {
        c.init.signal?.addEventListener('abort', () => reject(c.init.signal!.reason));
      }),
    100,
  );
  const result = await sms.send({ token: 't', to: ['1'], message: 'x' });
  expect(result).toMatchObject({ ok: false, code: 0, transport: 'network', message: 'SMSAPI timeout' });
  if (!result.ok) {
    expect(errorLogCode(result)).toBe('TIMEOUT');
    expect(failureMessage(result)).toBe('SMSAPI nie odpowiedziało w wyznaczonym czasie lub było nieosiągalne');
  }
});

test('profile and sender names are read from both answer shapes', async () => {
  const { sms } = gateway((c) =>
    c.url.endsWith('/profile')
      ? json(200, { username: 'demo', points: '12.5', payment_type: 'prepaid', email: 'a@b.pl' })
      : json(200, {
          collection: [
            { sender: 'SKLEP', status: 'ACTIVE', is_default: true },
            { sender: 'X', status: 'PENDING' },
          ],
          size: 2,
        }),
  );
  expect(await sms.profile('t')).toEqual({ ok: true, value: { username: 'demo', points: 12.5, email: 'a@b.pl', paymentType: 'prepaid' } });
  expect(await sms.senderNames('t')).toEqual({
    ok: true,
    value: [
      { sender: 'SKLEP', status: 'ACTIVE', isDefault: true },
      { sender: 'X', status: 'PENDING', isDefault: false },
    ],
  });
  const legacy = gateway(() => json(200, [{ sender: 'OLD', status: 'ACTIVE' }]));
  expect(await legacy.sms.senderNames('t')).toEqual({ ok: true, value: [{ sender: 'OLD', status: 'ACTIVE', isDefault: false }] });
});
