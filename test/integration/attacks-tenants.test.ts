// One shop's session must never reach another shop's data. Shop A's token is used on EVERY /api route (the list
// is ADMIN_ROUTES itself, so a new route is covered or this file fails asking for its id), with shop B's real ids
// in the path and the body: each answer is A's own or a 404, never B's data, and B's partition is unchanged item
// by item. Every non-public route answers 401 without a token, or with an expired, forged, re-signed, unsigned or
// wrong-purpose token, and a session outlives neither its expiry nor the app's uninstallation.
import { JOB_ID } from '#domain/job-id';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { ADMIN_ROUTES } from '#handlers/admin';
import { installWithSmsapi, signUpForProduct, type AdminApi } from '../support/demo-seed';
import { adminCall, expectRefused, nowSeconds, signIn, snapshot, type ShopSnapshot } from '../support/attack-kit';
import { eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licenceB: string;
let apiB: AdminApi;
const B = { celebration: '', job: '', subscription: '', oauthState: '' };
/** Strings only shop B's data contains: none may appear in an answer to shop A. */
const B_MARKERS = ['BETA-TAJNE', '538111222', '698222333', '512222333', 'Sklep Beta'];

const privateRoutes = () => ADMIN_ROUTES.filter((r) => !r.public);

/** The route's path with B's ids: a route with an id nobody mapped fails here, so it cannot go untested. */
function pathWithIdsOfB(path: string): string {
  return path.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    if (name === 'statusId') return '7';
    if (name === 'kind') return 'back-in-stock';
    if (name === 'id' && path.startsWith('/api/celebrations/')) return B.celebration;
    if (name === 'id' && path.startsWith('/api/jobs/')) return B.job;
    if (name === 'id' && path.startsWith('/api/subscriptions/')) return encodeURIComponent(B.subscription);
    throw new Error(`No id of shop B for {${name}} in ${path}: add one to attacks-tenants.test.ts`);
  });
}

/** A body each route accepts, naming B's ids wherever the route takes ids. */
function bodyWithIdsOfB(method: string, path: string): unknown {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  const bodies: Record<string, unknown> = {
    'PUT /api/templates/order-status/{statusId}': { enabled: false, delayDays: 0, text: 'A' },
    'PUT /api/templates/{kind}': { enabled: false, delayDays: 0, text: 'A' },
    'PUT /api/settings': { quietHours: { enabled: false } },
    'POST /api/celebrations': { event: 'order-shipped', delayDays: 1, text: 'A', active: false },
    'PUT /api/celebrations/{id}': { active: false, text: 'przejęte' },
    'POST /api/jobs/delete': { ids: [B.job] },
    'POST /api/subscriptions/delete': { ids: [B.subscription] },
    'PUT /api/smsapi': { replaceSpecialCharacters: true },
    'POST /api/smsapi/test': { phone: '+48 538 111 222' },
  };
  return bodies[`${method} ${path}`] ?? {};
}

const withoutCounters = (s: ShopSnapshot) => ({ items: s.items, schedules: s.schedules });

beforeAll(async () => {
  rt = await startTestRuntime();
  rt.shop.createShop({ slug: 'alfa', name: 'Sklep Alfa' }).licence;
  expect((await rt.shop.install('alfa')).status).toBe(200);
  ({ licence: licenceB, api: apiB } = await installWithSmsapi(rt, 'beta', 'Sklep Beta'));
  const ok = async (call: Promise<{ status: number; body: any }>) => {
    const res = await call;
    expect(res.status).toBeLessThan(300);
    return res.body;
  };
  await ok(apiB('PUT', '/api/settings', { ownerPhone: '+48 538 111 222' }));
  await ok(apiB('PUT', '/api/templates/order-status/7', { enabled: true, delayDays: 2, text: 'BETA-TAJNE {order_id}' }));
  await ok(apiB('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: 'BETA-TAJNE {product_name}' }));
  B.celebration = (
    await ok(apiB('POST', '/api/celebrations', { event: 'order-shipped', delayDays: 4, text: 'BETA-TAJNE dziękujemy', active: true }))
  ).id;
  const order = await rt.shop.placeOrder('beta', { phone: '698 222 333' });
  await rt.shop.changeStatus('beta', order.orderId, 7);
  await signUpForProduct(rt, licenceB, 3, '+48 512 222 333');
  await rt.idle();
  B.job = (await eventually(async () => (await ok(apiB('GET', '/api/jobs?state=scheduled'))).items[0]?.jobId)) as string;
  B.subscription = (await ok(apiB('GET', '/api/subscriptions'))).items[0].id;
  B.oauthState = new URL((await ok(apiB('GET', '/api/smsapi/oauth/start'))).url).searchParams.get('state')!;
  expect(B).toEqual({
    celebration: expect.any(String),
    job: expect.stringMatching(JOB_ID),
    subscription: expect.any(String),
    oauthState: expect.any(String),
  });
}, 90_000);

afterAll(async () => {
  await rt?.stop();
});

test("shop A's token on every /api route with shop B's ids: A's own answer or 404, never B's data; B unchanged", async () => {
  const before = await snapshot(rt, licenceB);
  const tokenA = await signIn(rt, 'alfa');
  const seen: string[] = [];
  for (const route of privateRoutes()) {
    const path = pathWithIdsOfB(route.path);
    const res = await adminCall(rt, tokenA, route.method, path, bodyWithIdsOfB(route.method, route.path));
    seen.push(`${route.method} ${route.path} -> ${res.status}`);
    for (const marker of B_MARKERS) {
      if (res.text.includes(marker))
        throw new Error(`${route.method} ${path} answered shop A with shop B's "${marker}": ${res.text.slice(0, 300)}`);
    }
    if (/\{id\}/.test(route.path)) expectRefused(res, [403, 404]);
    else if (res.status >= 400) expectRefused(res, [400, 403, 404, 409, 422]);
    if (route.path.endsWith('/delete')) {
      // Bulk deletes answer per id: B's ids are not A's, so nothing was deleted.
      expect(JSON.stringify(res.body)).not.toMatch(/"cancelled":\["|"deleted":[1-9]/);
    }
  }
  expect(seen.length).toBe(privateRoutes().length);
  expect(withoutCounters(await snapshot(rt, licenceB))).toEqual(withoutCounters(before));
  // B's own session still sees all of it.
  expect((await apiB('GET', '/api/jobs?state=scheduled')).body.items.map((j: { jobId: string }) => j.jobId)).toEqual([B.job]);
}, 90_000);

describe('tokens that are not a session of the shop', () => {
  const key = new TextEncoder().encode(LOCAL_SECRETS.SESSION_SECRET);
  const now = () => nowSeconds(rt);
  const forgedTokens = async (): Promise<[string, string | undefined][]> => {
    const tokenA = await signIn(rt, 'alfa');
    const [header, , signature] = tokenA.split('.');
    const claimsOfB = { ...decodeJwt(tokenA), sub: licenceB };
    const reSigned = (claims: Record<string, unknown>, secret = key) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    return [
      ['no authorization header', undefined],
      ['an empty bearer', ''],
      ['garbage', 'not-a-token'],
      [
        "A's token with the subject changed to B, signature kept",
        `${header}.${Buffer.from(JSON.stringify(claimsOfB)).toString('base64url')}.${signature}`,
      ],
      [
        "B's claims signed with a guessed secret",
        await reSigned(claimsOfB, new TextEncoder().encode('guessed-session-secret-0123456789abcdef')),
      ],
      ["B's claims unsigned (alg none)", new UnsecuredJWT(claimsOfB).encode()],
      ["B's claims, right key, HS512 header", await new SignJWT(claimsOfB).setProtectedHeader({ alg: 'HS512' }).sign(key)],
      ['an expired session of B (right key)', await reSigned({ ...claimsOfB, iat: now() - 7200, exp: now() - 3600 })],
      ['a session of B issued in the future', await reSigned({ ...claimsOfB, iat: now() + 3600, nbf: now() + 3600, exp: now() + 7200 })],
      ["B's claims without the admin audience", await reSigned({ sub: licenceB, iat: now(), exp: now() + 600 })],
      ["B's SMSAPI OAuth state (same key, other purpose)", B.oauthState],
      ['right key, no subject', await reSigned({ aud: 'admin', iat: now(), exp: now() + 600 })],
    ];
  };

  test('every non-public route answers 401 to each of them, and B is unchanged', async () => {
    const before = await snapshot(rt, licenceB);
    const tokens = await forgedTokens();
    for (const route of privateRoutes()) {
      const path = pathWithIdsOfB(route.path);
      const answers = await Promise.all(
        tokens.map(async ([name, token]) => {
          const res = await adminCall(rt, token, route.method, path, bodyWithIdsOfB(route.method, route.path));
          return { name, res };
        }),
      );
      for (const { name, res } of answers) {
        if (res.status !== 401) throw new Error(`${route.method} ${path} with ${name}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
        expectRefused(res, 401, /^SESSION_(MISSING|INVALID)$/);
      }
    }
    expect(withoutCounters(await snapshot(rt, licenceB))).toEqual(withoutCounters(before));
  }, 120_000);

  test('a session ends with the app: after uninstalling, its still-fresh token reads and writes nothing', async () => {
    const licence = rt.shop.createShop({ slug: 'gamma', name: 'Sklep Gamma' }).licence;
    expect((await rt.shop.install('gamma')).status).toBe(200);
    const token = await signIn(rt, 'gamma');
    expect((await adminCall(rt, token, 'GET', '/api/settings')).status).toBe(200);
    expect((await rt.shop.uninstall('gamma')).status).toBe(200);
    expect((await snapshot(rt, licence)).items).toEqual([]);

    expectRefused(await adminCall(rt, token, 'PUT', '/api/settings', { ownerPhone: '+48 538 333 444' }), [401, 404]);
    expectRefused(
      await adminCall(rt, token, 'POST', '/api/celebrations', {
        event: 'order-shipped',
        delayDays: 1,
        text: 'po odinstalowaniu',
        active: true,
      }),
      [401, 404],
    );
    expectRefused(
      await adminCall(rt, token, 'PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: 'po odinstalowaniu' }),
      [401, 404],
    );
    expectRefused(await adminCall(rt, token, 'GET', '/api/settings'), [401, 404]);
    // Uninstall promised to leave nothing behind: it still holds.
    expect((await snapshot(rt, licence)).items).toEqual([]);
  }, 30_000);

  test('a real session stops working once its lifetime has passed', async () => {
    const token = await signIn(rt, 'beta');
    expect((await adminCall(rt, token, 'GET', '/api/settings')).status).toBe(200);
    await rt.advanceClock((rt.deps.config.SESSION_TTL_SECONDS + 60) * 1000);
    expectRefused(await adminCall(rt, token, 'GET', '/api/settings'), 401, 'SESSION_INVALID');
    expectRefused(await adminCall(rt, token, 'PUT', '/api/settings', { ownerPhone: '+48 538 999 999' }), 401, 'SESSION_INVALID');
    expect((await apiB('GET', '/api/settings')).body.ownerPhone).toBe('+48538111222');
  }, 30_000);
});
