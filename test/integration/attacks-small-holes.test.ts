// The smaller holes of the security review (issue 12, item 9), each attacked over real HTTP: a session outliving
// an uninstall and a reinstall, a malformed percent escape in a storefront path, templates with NUL, half an emoji
// or a bidi override, a template for a status the shop does not have, forged list cursors, and a body typed as
// `application/json-patch+json`. Each refusal has the JSON error shape, a code and a field, and changes nothing.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { adminCall, call, expectRefused, signIn, snapshot } from '../support/attack-kit';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let token: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'holes', name: 'Sklep Dziury' }).licence;
  expect((await rt.shop.install('holes')).status).toBe(200);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS });
  token = await signIn(rt, 'holes');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a session issued before an uninstall stays refused after the app is installed again', async () => {
  rt.shop.createShop({ slug: 'again', name: 'Sklep Znowu' });
  expect((await rt.shop.install('again')).status).toBe(200);
  const old = await signIn(rt, 'again');
  expect((await adminCall(rt, old, 'GET', '/api/settings')).status).toBe(200);
  expect((await rt.shop.uninstall('again')).status).toBe(200);
  await rt.idle();
  await rt.advanceClock(1000);
  expect((await rt.shop.install('again')).status).toBe(200);

  // Still within its lifetime, and signed with the right key: refused because it belongs to the old installation.
  expectRefused(await adminCall(rt, old, 'GET', '/api/settings'), 401, 'SESSION_INVALID');
  expectRefused(await adminCall(rt, old, 'PUT', '/api/settings', { ownerPhone: '+48 538 333 444' }), 401, 'SESSION_INVALID');
  // A session of the new installation works.
  const fresh = await signIn(rt, 'again');
  const settings = await adminCall(rt, fresh, 'GET', '/api/settings');
  expect(settings.status).toBe(200);
  expect(settings.body.ownerPhone).toBeUndefined();
}, 60_000);

test('a malformed percent escape in a storefront path is 400 PATH_INVALID, and nothing is logged as a crash', async () => {
  const origin = new URL(rt.shop.url).origin;
  const logged = rt.logs.length;
  for (const bad of ['%E0%A4%A', '%', 'abc%zz', '%C0%80']) {
    const res = await call(`${rt.url}/storefront/${bad}/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: '{}',
    });
    expectRefused(res, 400, 'PATH_INVALID');
    expect(res.body.error.field).toBe('shop');
    expect(res.text).not.toMatch(/URIError|at .*\.ts/);
  }
  const crashes = rt.logs.slice(logged).filter((l) => l.level === 'error' || JSON.stringify(l).includes('URIError'));
  expect(crashes).toEqual([]);
});

describe('templates refuse characters that have no place in an SMS', () => {
  const forbidden: [string, string, string][] = [
    ['NUL', 'Zamówienie {order_id}\u0000 gotowe', 'U+0000'],
    ['a lone high surrogate (half an emoji)', 'Zamówienie {order_id} \uD83D gotowe', 'U+D83D'],
    ['a lone low surrogate', '\uDE00 Zamówienie {order_id}', 'U+DE00'],
    ['a right-to-left override', 'Zamówienie {order_id} \u202Eotowe\u202C', 'U+202E'],
    ['a first-strong isolate', 'Zamówienie \u2068{order_id}\u2069', 'U+2068'],
  ];

  test.each(forbidden)('%s: 400 TEMPLATE_FORBIDDEN_CHARACTER naming "Treść wiadomości", nothing saved', async (_name, text, codePoint) => {
    const before = await snapshot(rt, licence);
    for (const [path, body] of [
      ['/api/templates/owner-new-order', { enabled: true, delayDays: 0, text }],
      ['/api/templates/order-status/2', { enabled: true, delayDays: 0, text }],
    ] as const) {
      const res = await adminCall(rt, token, 'PUT', path, body);
      expectRefused(res, 400, 'TEMPLATE_FORBIDDEN_CHARACTER');
      expect(res.body.error.field).toBe('text');
      expect(res.body.error.message).toContain('Treść wiadomości');
      expect(res.body.error.message).toContain(codePoint);
    }
    const rule = await adminCall(rt, token, 'POST', '/api/celebrations', { event: 'order-shipped', delayDays: 1, text, active: true });
    expectRefused(rule, 400, 'TEMPLATE_FORBIDDEN_CHARACTER');
    expect((await snapshot(rt, licence)).items).toEqual(before.items);
  });

  test('emoji, Polish letters and line breaks are still fine', async () => {
    const res = await adminCall(rt, token, 'PUT', '/api/templates/order-status/2', {
      enabled: true,
      delayDays: 0,
      text: 'Zamówienie {order_id} gotowe 😀\nŻółć i łódź',
    });
    expect(res.status).toBe(200);
  });
});

test('a template for a status the shop does not have is 404 STATUS_NOT_FOUND; nothing is saved', async () => {
  const before = await snapshot(rt, licence);
  const res = await adminCall(rt, token, 'PUT', '/api/templates/order-status/999', {
    enabled: true,
    delayDays: 0,
    text: 'Status {order_id}',
  });
  expectRefused(res, 404, 'STATUS_NOT_FOUND');
  expect(res.body.error.message).toContain('999');
  const after = await snapshot(rt, licence);
  expect(after.items.filter((i) => String(i.sk).startsWith('CFG#TPL#'))).toEqual(
    before.items.filter((i) => String(i.sk).startsWith('CFG#TPL#')),
  );
  // One the shop has is saved.
  expect(
    (await adminCall(rt, token, 'PUT', '/api/templates/order-status/3', { enabled: true, delayDays: 0, text: 'Status {order_id}' })).status,
  ).toBe(200);
});

test('a template address with a status that is not a number, or an unknown kind, is refused in Polish naming the parameter', async () => {
  const body = { enabled: true, delayDays: 0, text: 'Status {order_id}' };
  const status = await adminCall(rt, token, 'PUT', '/api/templates/order-status/abc', body);
  expectRefused(status, 400, 'FIELD_INVALID');
  expect(status.body.error).toMatchObject({ field: 'statusId', message: expect.stringContaining('musi być liczbą') });
  const kind = await adminCall(rt, token, 'PUT', '/api/templates/not-a-kind', body);
  expectRefused(kind, 400, 'FIELD_INVALID');
  expect(kind.body.error).toMatchObject({ field: 'kind', message: expect.stringContaining('Nieznany rodzaj szablonu') });
});

test('a garbage cursor is 400 CURSOR_INVALID on every paged list, not silently the first page', async () => {
  const lists = ['/api/jobs?state=all', '/api/celebrations', '/api/subscriptions', '/api/errors'];
  const garbage = [
    'garbage',
    '!!!',
    Buffer.from('{"o":-5}').toString('base64url'),
    Buffer.from('{"o":"1"}').toString('base64url'),
    Buffer.from('["x"]').toString('base64url'),
    Buffer.from('JOB#0123').toString('base64url'),
    'x'.repeat(500),
  ];
  for (const list of lists) {
    for (const cursor of garbage) {
      const res = await adminCall(rt, token, 'GET', `${list}${list.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`);
      expectRefused(res, 400, 'CURSOR_INVALID');
      expect(res.body.error.field).toBe('cursor');
    }
  }
});

test('a real cursor still pages: the second page of the error log follows the first', async () => {
  for (let i = 0; i < 3; i++) {
    await rt.deps.store.addError(licence, {
      id: `e${i}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      code: 'X',
      message: `błąd ${i}`,
      place: 'Test',
    });
  }
  const first = await adminCall(rt, token, 'GET', '/api/errors?limit=2');
  expect(first.status).toBe(200);
  expect(first.body.cursor).toEqual(expect.any(String));
  const second = await adminCall(rt, token, 'GET', `/api/errors?limit=2&cursor=${first.body.cursor}`);
  expect(second.status).toBe(200);
  expect(second.body.items.map((e: { message: string }) => e.message)).toEqual(['błąd 0']);
});

test('application/json-patch+json (and other types that merely start like JSON) are 415, not read as JSON', async () => {
  const before = await snapshot(rt, licence);
  for (const type of ['application/json-patch+json', 'application/jsonp', 'application/json-seq']) {
    const res = await call(`${rt.url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: JSON.stringify({ ownerPhone: '+48 538 333 444' }),
    });
    expectRefused(res, 415, 'CONTENT_TYPE_UNSUPPORTED');
  }
  // The plain type, with or without parameters, is still JSON.
  for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
    const res = await call(`${rt.url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: JSON.stringify({ cancelStaleStatusMessages: true }),
    });
    expect(res.status).toBe(200);
  }
  expect((await snapshot(rt, licence)).items.find((i) => i.sk === 'CFG#SETTINGS')?.ownerPhone).toBe(
    before.items.find((i) => i.sk === 'CFG#SETTINGS')?.ownerPhone,
  );
});
