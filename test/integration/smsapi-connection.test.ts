// Connecting an SMSAPI account over real HTTP against the local runtime and the SMSAPI simulator: a pasted API
// token, the OAuth web flow (accept and deny), the sender drop-down, the test SMS, the error log with the
// account problem, delivery reports and the statistics a merchant reads.
import type { LocalRuntime } from '../../local/runtime';
import { createAndDispatch } from '#services/dispatch';
import type { PlannedJob } from '#domain/planning';
import { adminApi, adminApiAs, signIn as signInAs, type AdminApi } from '../support/admin-client';
import { eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
const licences: Record<string, string> = {};

// The shared admin client (test/support/admin-client.ts): a fresh session per call, or one kept across calls.
const signIn = (slug: string) => signInAs(rt, slug);
const api = (slug: string, ...call: Parameters<AdminApi>) => adminApi(rt, slug)(...call);
const apiAs = (token: string, ...call: Parameters<AdminApi>) => adminApiAs(rt, token)(...call);

async function newShop(slug: string, name: string) {
  licences[slug] = rt.shop.createShop({ slug, name }).licence;
  expect((await rt.shop.install(slug)).status).toBe(200);
  return licences[slug]!;
}

const planned = (key: string, phone: string, text: string): PlannedJob => ({
  key,
  kind: 'order-status',
  phone,
  text,
  dueAt: new Date(rt.deps.clock.now().getTime() - 1000),
  source: { event: 'order.status', orderId: key },
});

beforeAll(async () => {
  rt = await startTestRuntime();
  await newShop('konto', 'Sklep Konto');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

describe('connecting with a pasted API token', () => {
  test('a shop without an account is shown as not connected', async () => {
    const res = await api('konto', 'GET', '/api/smsapi');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connected: false, login: null, senders: [] });
  });

  test('a token SMSAPI refuses is 400 SMSAPI_TOKEN_INVALID with the reason, and nothing is stored', async () => {
    const res = await api('konto', 'PUT', '/api/smsapi', { token: 'not-a-real-token-123' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'SMSAPI_TOKEN_INVALID', field: 'token', details: { smsapiCode: 101 } });
    expect(res.body.error.message).toContain('Niepoprawne lub wygasłe dane autoryzacyjne');
    expect(await rt.deps.store.getSmsapi(licences.konto!)).toBeUndefined();
  });

  test('a valid token connects: login, points, only ACTIVE senders, the default chosen, the token never shown', async () => {
    const res = await api('konto', 'PUT', '/api/smsapi', { token: 'sim-token-demo' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: true,
      method: 'token',
      login: 'demo-shop',
      senderName: 'SKLEP 123',
      senderNameActive: true,
    });
    expect(res.body.points).toBeGreaterThan(0);
    expect(res.body.senders).toEqual([
      { name: 'SKLEP 123', isDefault: true },
      { name: 'Sklep Demo', isDefault: false },
      { name: 'SMSAPI', isDefault: false },
    ]);
    expect(res.body.accountProblem).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('sim-token-demo');
    // Stored encrypted, not as typed.
    const stored = await rt.deps.store.getSmsapi(licences.konto!);
    expect(stored?.token).not.toContain('sim-token-demo');
    expect(await rt.deps.cipher.decrypt(stored!.token, licences.konto!)).toBe('sim-token-demo');
  });

  test('an INACTIVE or PENDING sender name is refused with the field named; an ACTIVE one is saved', async () => {
    for (const senderName of ['Promocja', 'Nowy Nadawca', 'Nieznany']) {
      const refused = await api('konto', 'PUT', '/api/smsapi', { senderName });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'SMSAPI_SENDER_NOT_ACTIVE', field: 'senderName' });
    }
    const saved = await api('konto', 'PUT', '/api/smsapi', { senderName: 'SMSAPI', replaceSpecialCharacters: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ senderName: 'SMSAPI', replaceSpecialCharacters: true, method: 'token' });
    expect((await api('konto', 'GET', '/api/smsapi')).body).toMatchObject({ senderName: 'SMSAPI', replaceSpecialCharacters: true });
  });
});

describe('the test SMS', () => {
  test('goes at once with the chosen sender and replaced characters, and answers "Wiadomość została wysłana"', async () => {
    const before = rt.smsapi.outbox().length;
    const res = await api('konto', 'POST', '/api/smsapi/test', { phone: '601 222 333' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sent: true, message: 'Wiadomość została wysłana' });
    const sms = rt.smsapi.outbox().slice(before);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      to: '48601222333',
      from: 'SMSAPI',
      // "zakończony" with the replacement on: GSM-7, one part.
      message: 'Test integracji SMSAPI ze sklepem Sklep Konto zakonczony powodzeniem.',
      encoding: 'GSM-7',
    });
  });

  test('a number SMSAPI refuses (ending in 13) is 422 SMSAPI_13 with the Polish reason, and is in the error log', async () => {
    const res = await api('konto', 'POST', '/api/smsapi/test', { phone: '601 222 313' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'SMSAPI_13', details: { smsapiCode: 13 } });
    expect(res.body.error.message).toBe(
      'Brak prawidłowych numerów telefonów (numer błędny, stacjonarny (w przypadku wysyłki SMS) lub znajdujący się na czarnej liście)',
    );
    const log = await api('konto', 'GET', '/api/errors');
    expect(log.body.items[0]).toMatchObject({ code: 13, phone: '+48601222313', place: 'Test integracji' });
  });

  test('a number that is not a mobile number is 400 with the Polish reason before SMSAPI is asked', async () => {
    const calls = rt.smsapi.requests().length;
    const bad = await api('konto', 'POST', '/api/smsapi/test', { phone: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'PHONE_INVALID', field: 'phone', message: 'Nieprawidłowy numer telefonu' });
    const landline = await api('konto', 'POST', '/api/smsapi/test', { phone: '22 123 45 67' });
    expect(landline.body.error).toMatchObject({ code: 'PHONE_NOT_MOBILE', field: 'phone' });
    expect(rt.smsapi.requests().length).toBe(calls);
  });

  test('SMSAPI not answering is 502 SMSAPI_UNAVAILABLE with a Polish explanation', async () => {
    rt.smsapi.setFaults({ transientRate: 1, transientKinds: ['500'] });
    try {
      const res = await api('konto', 'POST', '/api/smsapi/test', { phone: '601 222 444' });
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ code: 'SMSAPI_UNAVAILABLE', details: { smsapiCode: 'HTTP_500' } });
      expect(res.body.error.message).toContain('SMSAPI');
    } finally {
      rt.smsapi.setFaults({ transientRate: 0 });
    }
  });
});

describe('a postpaid SMSAPI account (no points in its profile)', () => {
  test('connects with a pasted token; the state shows the account type instead of a balance, and no account problem', async () => {
    await newShop('abonament', 'Sklep Abonament');
    rt.smsapi.addAccount({
      username: 'firma-abonament',
      token: 'sim-token-postpaid',
      paymentType: 'postpaid',
      points: 0,
      senders: [{ sender: 'FIRMA', status: 'ACTIVE', is_default: true }],
    });
    const profile = await fetch(`${rt.smsapi.url}/profile`, { headers: { authorization: 'Bearer sim-token-postpaid' } });
    expect(await profile.json()).not.toHaveProperty('points');

    const res = await api('abonament', 'PUT', '/api/smsapi', { token: 'sim-token-postpaid' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: true,
      login: 'firma-abonament',
      points: null,
      accountType: 'postpaid',
      senderName: 'FIRMA',
    });
    expect(res.body.accountProblem).toBeUndefined();
    const errors = await api('abonament', 'GET', '/api/errors');
    expect(errors.body.accountProblem).toBeUndefined();
  });
});

describe('connecting with OAuth', () => {
  /** The merchant's path: start in the app (one session), consent at SMSAPI, back through our callback. */
  async function authorize(decision: 'accept' | 'deny', token: string) {
    const start = await apiAs(token, 'GET', '/api/smsapi/oauth/start');
    expect(start.status).toBe(200);
    const url = new URL(start.body.url as string);
    expect(`${url.origin}${url.pathname}`).toBe(`${rt.smsapi.oauthUrl}/oauth/access`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'sim-client',
      redirect_uri: `${rt.url}/smsapi/oauth/callback`,
      scope: 'sms,profile,sms_sender',
    });
    // The merchant sees SMSAPI's consent page and clicks Akceptuj or Odmów.
    const page = await fetch(url);
    expect(await page.text()).toContain('Akceptuj');
    const form = new URLSearchParams({ ...Object.fromEntries(url.searchParams), username: 'demo-shop', decision });
    const consent = await fetch(`${rt.smsapi.oauthUrl}/oauth/access`, { method: 'POST', body: form, redirect: 'manual' });
    expect(consent.status).toBeGreaterThanOrEqual(300);
    const callback = new URL(consent.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${rt.url}/smsapi/oauth/callback`);
    const back = await fetch(callback, { redirect: 'manual' });
    return { status: back.status, location: new URL(back.headers.get('location')!), state: url.searchParams.get('state')! };
  }

  test('without SMSAPI_CLIENT_ID the admin API says OAuth is not offered; with it, it is', async () => {
    expect((await api('konto', 'GET', '/api/smsapi')).body.oauthAvailable).toBe(true);
    const unconfigured = {
      ...rt.deps,
      secrets: async () => ({ ...(await rt.deps.secrets()), smsapiClientId: '', smsapiClientSecret: '' }),
    };
    const { connectionState } = await import('#services/smsapi-connection');
    expect((await connectionState(unconfigured, licences.konto!)).oauthAvailable).toBe(false);
  });

  test('Odmów sends the merchant back to the app and changes nothing', async () => {
    const before = await rt.deps.store.getSmsapi(licences.konto!);
    const back = await authorize('deny', await signIn('konto'));
    expect(back.status).toBe(302);
    expect(back.location.toString()).toBe(`${rt.url}/app/?smsapi=denied`);
    expect(await rt.deps.store.getSmsapi(licences.konto!)).toEqual(before);
  });

  test('Akceptuj: the callback connects nothing; the app window completes with its session and the account is connected', async () => {
    const session = await signIn('konto');
    const back = await authorize('accept', session);
    expect(back.status).toBe(302);
    expect(`${back.location.origin}${back.location.pathname}`).toBe(`${rt.url}/app/`);
    expect(back.location.searchParams.get('smsapi')).toBe('authorized');
    const code = back.location.searchParams.get('code')!;
    expect(back.location.searchParams.get('state')).toBe(back.state);
    const before = await rt.deps.store.getSmsapi(licences.konto!);
    expect(before?.method).not.toBe('oauth');

    const done = await apiAs(session, 'POST', '/api/smsapi/oauth/complete', { code, state: back.state });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ connected: true, method: 'oauth', login: 'demo-shop', senderName: 'SMSAPI' });
    const stored = await rt.deps.store.getSmsapi(licences.konto!);
    expect(stored?.refreshToken).toBeDefined();
    expect(await rt.deps.cipher.decrypt(stored!.token, licences.konto!)).toMatch(/^sim-oauth-/);
  });

  test('attack: a replayed state is refused (single use), even with a fresh code', async () => {
    const session = await signIn('konto');
    const first = await authorize('accept', session);
    const ok = await apiAs(session, 'POST', '/api/smsapi/oauth/complete', {
      code: first.location.searchParams.get('code'),
      state: first.state,
    });
    expect(ok.status).toBe(200);
    const replay = await apiAs(session, 'POST', '/api/smsapi/oauth/complete', {
      code: first.location.searchParams.get('code'),
      state: first.state,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SMSAPI_OAUTH_STATE_INVALID');
  });

  test('attack: a link made in one admin session cannot be completed by another session (of the same or another shop)', async () => {
    await newShop('obcy', 'Sklep Obcy');
    const attacker = await signIn('konto');
    // The attacker starts the flow and sends the link; the victim accepts; the victim's browser gets the code.
    const link = await authorize('accept', attacker);
    const code = link.location.searchParams.get('code');
    await new Promise((r) => setTimeout(r, 1100)); // another session token (issued in another second)
    const otherSession = await signIn('konto');
    expect(otherSession).not.toBe(attacker);
    const stolen = await apiAs(otherSession, 'POST', '/api/smsapi/oauth/complete', { code, state: link.state });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error.code).toBe('SMSAPI_OAUTH_STATE_INVALID');
    const otherShop = await api('obcy', 'POST', '/api/smsapi/oauth/complete', { code, state: link.state });
    expect(otherShop.status).toBe(401);
    expect(await rt.deps.store.getSmsapi(licences.obcy!)).toBeUndefined();
    // The callback alone never connected anything, and a forged or missing state is refused.
    const forged = await apiAs(attacker, 'POST', '/api/smsapi/oauth/complete', { code: 'abc', state: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
    expect(forged.status).toBe(401);
    const missing = await apiAs(attacker, 'POST', '/api/smsapi/oauth/complete', { code: 'abc' });
    expect(missing.status).toBe(400);
  });

  test('an expired state (over 15 minutes) is refused', async () => {
    const session = await signIn('konto');
    const back = await authorize('accept', session);
    const later = { ...rt.deps, clock: { now: () => new Date(rt.deps.clock.now().getTime() + 16 * 60_000) } };
    const { completeOAuth } = await import('#services/smsapi-connection');
    const { sessionBinding } = await import('#services/smsapi-oauth');
    await expect(
      completeOAuth(later, licences.konto!, sessionBinding(session), { code: back.location.searchParams.get('code')!, state: back.state }),
    ).rejects.toMatchObject({ status: 401, code: 'SMSAPI_OAUTH_STATE_INVALID' });
  });

  test('an expired OAuth access token is refreshed once and the call succeeds (state, and a job)', async () => {
    const licence = licences.konto!;
    const stored = (await rt.deps.store.getSmsapi(licence))!;
    // An access token SMSAPI no longer accepts (101), with the refresh token still valid.
    await rt.deps.store.putSmsapi(licence, { ...stored, token: await rt.deps.cipher.encrypt('sim-oauth-expired', licence) });
    const state = await api('konto', 'GET', '/api/smsapi');
    expect(state.body).toMatchObject({ connected: true, method: 'oauth' });
    expect(state.body.accountProblem).toBeUndefined();
    expect(state.body.points).toBeGreaterThan(0);
    const refreshed = (await rt.deps.store.getSmsapi(licence))!;
    expect(await rt.deps.cipher.decrypt(refreshed.token, licence)).toMatch(/^sim-oauth-[0-9a-f]+$/);
    expect(refreshed.refreshToken).not.toBe(stored.refreshToken);

    await rt.deps.store.putSmsapi(licence, { ...refreshed, token: await rt.deps.cipher.encrypt('sim-oauth-expired', licence) });
    const [job] = await createAndDispatch(rt.deps, licence, [planned('refresh-1', '+48601555001', 'Po odświeżeniu tokenu')]);
    const sent = await eventually(async () => {
      const j = await rt.deps.store.getJob(licence, job!.jobId);
      return j && ['SENT', 'DELIVERED'].includes(j.state) ? j : undefined;
    });
    expect(sent).toBeDefined();
    expect(rt.smsapi.outbox().filter((m) => m.idx === job!.jobId)).toHaveLength(1);
  }, 20_000);

  test('DELETE disconnects: the state is empty and the tokens are gone', async () => {
    const res = await api('konto', 'DELETE', '/api/smsapi');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connected: false });
    expect(await rt.deps.store.getSmsapi(licences.konto!)).toBeUndefined();
  });

  test('"Odłącz konto", then the same account with a pasted token: the sender name and the replacement option stay', async () => {
    rt.smsapi.addAccount({
      username: 'powrot',
      token: 'sim-token-powrot',
      senders: [
        { sender: 'DOMYSLNY', status: 'ACTIVE', is_default: true },
        { sender: 'SKLEP POW', status: 'ACTIVE', is_default: false },
      ],
    });
    await newShop('powrot', 'Sklep Powrót');
    expect((await api('powrot', 'PUT', '/api/smsapi', { token: 'sim-token-powrot' })).status).toBe(200);
    expect((await api('powrot', 'PUT', '/api/smsapi', { senderName: 'SKLEP POW', replaceSpecialCharacters: true })).status).toBe(200);
    expect((await api('powrot', 'DELETE', '/api/smsapi')).body).toMatchObject({ connected: false });
    const again = await api('powrot', 'PUT', '/api/smsapi', { token: 'sim-token-powrot' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ connected: true, login: 'powrot', senderName: 'SKLEP POW', replaceSpecialCharacters: true });
  });
});

describe('account problems, the error log and delivery reports', () => {
  test('an account with no points is flagged on the state and in the error log after a failed send', async () => {
    rt.smsapi.addAccount({
      username: 'pusty',
      token: 'sim-token-pusty',
      points: 0,
      senders: [{ sender: 'PUSTY', status: 'ACTIVE', is_default: true }],
    });
    const licence = await newShop('pusty', 'Sklep Pusty');
    const connected = await api('pusty', 'PUT', '/api/smsapi', { token: 'sim-token-pusty' });
    expect(connected.status).toBe(200);
    expect(connected.body.accountProblem).toMatchObject({ code: 103, message: 'Brak wystarczającej liczby punktów na koncie SMSAPI' });

    const [job] = await createAndDispatch(rt.deps, licence, [planned('no-points', '+48601555002', 'Bez punktów')]);
    const failed = await eventually(async () => {
      const j = await rt.deps.store.getJob(licence, job!.jobId);
      return j?.state === 'FAILED' ? j : undefined;
    });
    // A permanent error fails at once: one attempt, no retry.
    expect(failed).toMatchObject({ attempts: 1, error: { code: 103 } });
    const log = await api('pusty', 'GET', '/api/errors');
    expect(log.body.accountProblem).toMatchObject({ code: 103 });
    expect(log.body.items[0]).toMatchObject({
      code: 103,
      phone: '+48601555002',
      place: 'Zmiana statusu zamówienia',
      message: 'Brak wystarczającej liczby punktów na koncie SMSAPI',
      jobId: job!.jobId,
    });
  }, 20_000);

  test('a refused token (101) seen by the sender is shown prominently until a new token proves the account fine', async () => {
    const licence = await newShop('zly', 'Sklep Zły Token');
    await rt.deps.store.putSmsapi(licence, {
      token: await rt.deps.cipher.encrypt('token-revoked-in-panel', licence),
      method: 'token',
      login: 'demo-shop',
      senderName: 'SKLEP 123',
      replaceSpecialCharacters: false,
      connectedAt: new Date().toISOString(),
    });
    const [job] = await createAndDispatch(rt.deps, licence, [planned('revoked', '+48601555003', 'Token odwołany')]);
    await eventually(async () => (await rt.deps.store.getJob(licence, job!.jobId))?.state === 'FAILED');
    const log = await api('zly', 'GET', '/api/errors');
    expect(log.body.accountProblem).toMatchObject({ code: 101, message: 'Niepoprawne lub wygasłe dane autoryzacyjne (token)' });
    expect(log.body.items[0]).toMatchObject({ code: 101, jobId: job!.jobId });

    const state = await api('zly', 'GET', '/api/smsapi');
    expect(state.body).toMatchObject({ connected: true, accountProblem: { code: 101 } });

    expect((await api('zly', 'PUT', '/api/smsapi', { token: 'sim-token-demo' })).body.accountProblem).toBeUndefined();
    const after = await api('zly', 'GET', '/api/errors');
    expect(after.body.accountProblem).toBeUndefined();
    // The entry itself stays in the log.
    expect(after.body.items[0]).toMatchObject({ code: 101 });
  }, 20_000);

  test('the error log pages newest first with a cursor, and a bad cursor or limit is a 400', async () => {
    const licence = await newShop('bledy', 'Sklep Błędy');
    expect((await api('bledy', 'PUT', '/api/smsapi', { token: 'sim-token-demo' })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      await createAndDispatch(rt.deps, licence, [planned(`bad-${i}`, `+48601555${i}13`, `Błąd ${i}`)]);
      // One after another, so that their times differ.
      await eventually(async () => (await rt.deps.store.listJobs(licence, { states: ['FAILED'] })).length === i + 1);
    }
    const seen: any[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api('bledy', 'GET', `/api/errors?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(5);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(new Set(seen.map((e) => e.jobId)).size).toBe(5);
    expect(seen.every((e) => e.code === 13 && e.place === 'Zmiana statusu zamówienia')).toBe(true);
    expect((await api('bledy', 'GET', '/api/errors?limit=500')).status).toBe(400);
    expect((await api('bledy', 'GET', '/api/errors?cursor=%%%')).status).toBe(400);
  }, 30_000);

  test('delivery reports make jobs DELIVERED or UNDELIVERED, and the statistics add up', async () => {
    const licence = await newShop('staty', 'Sklep Staty');
    expect((await api('staty', 'PUT', '/api/smsapi', { token: 'sim-token-demo' })).status).toBe(200);
    const jobs = await createAndDispatch(rt.deps, licence, [
      planned('s1', '+48601555201', 'Pierwsza wiadomość'),
      planned('s2', '+48601555202', 'Druga'),
      // The same number again: it is collected once.
      planned('s3', '+48601555201', 'Trzecia'),
      // Numbers ending in 99 are UNDELIVERED in the simulator.
      planned('s4', '+48601555299', 'Czwarta'),
      // Ending in 13: refused by SMSAPI (error 13), FAILED.
      planned('s5', '+48601555213', 'Piąta'),
    ]);
    const settled = await eventually(async () => {
      const all = await Promise.all(jobs.map((j) => rt.deps.store.getJob(licence, j.jobId)));
      return all.every((j) => j && ['DELIVERED', 'UNDELIVERED', 'FAILED'].includes(j.state)) ? all : undefined;
    }, 15_000);
    expect(settled?.map((j) => j!.state)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'UNDELIVERED', 'FAILED']);
    expect(settled![0]).toMatchObject({ reportStatus: 'DELIVERED' });
    expect(settled![0]!.deliveredAt).toBeDefined();

    // The statistics are counted from the table's stream: read once it is counted.
    expect(await rt.idle()).toBe(true);
    const stats = await api('staty', 'GET', '/api/stats');
    expect(stats.status).toBe(200);
    // "Pierwsza wiadomość" has ś: UCS-2, still one part; 0.16 points a part in the simulator.
    const expected = { sent: 4, parts: 4, failed: 1, delivered: 3 };
    expect(stats.body.today).toMatchObject(expected);
    expect(stats.body.week).toMatchObject(expected);
    expect(stats.body.month).toMatchObject(expected);
    expect(stats.body.today.points).toBeCloseTo(0.64, 4);
    expect(stats.body.numbersCollected).toBe(3);
    expect(stats.body.numbersAdded).toEqual({ today: 3, week: 3, month: 3 });
    expect(stats.body.weeklyGrowth).toEqual({ thisWeek: 3, lastWeek: 0, percent: null });
    expect(stats.body.daily).toHaveLength(30);
    expect(stats.body.daily[29]).toMatchObject({ sent: 4, delivered: 3, failed: 1, newNumbers: 3 });
    expect(stats.body.daily.slice(0, 29).every((d: any) => d.sent === 0)).toBe(true);
  }, 30_000);

  test('a forged report with a known idx but another message id changes nothing; unknown ones are ignored with OK', async () => {
    const licence = licences.staty!;
    const [job] = await rt.deps.store.listJobs(licence, { states: ['DELIVERED'] });
    const before = await rt.deps.store.getJob(licence, job!.jobId);
    // The reports URL the shop's SMS carry (SMSAPI appends its fields to it).
    const notifyUrl = rt.smsapi.outbox().find((m) => m.idx === job!.jobId)!.notifyUrl!;
    expect(new URL(notifyUrl).searchParams.get('shop')).toBe(licence);
    const res = await fetch(`${notifyUrl}&MsgId=999&status=405&idx=${job!.jobId}&donedate=1700000000`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(await rt.deps.store.getJob(licence, job!.jobId)).toEqual(before);
    const unknown = await fetch(`${notifyUrl}&MsgId=1,2&status=404,404&idx=nope,${'f'.repeat(32)}`);
    expect(await unknown.text()).toBe('OK');
    // Without the URL's token nothing is even read.
    expect((await fetch(`${rt.url}/smsapi/reports?MsgId=999&status=405&idx=${job!.jobId}`)).status).toBe(401);
  });
});
