// Behind CloudFront every shopper near one edge server arrives on that server's connection. With the viewer
// address header configured (as the stack does in AWS), each shopper gets their own per-IP limits, and a looser
// per-connection limit still holds whatever the (forgeable) header says.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { requestAddresses } from '#handlers/storefront';
import { STOREFRONT_LIMITS } from '#services/rate-limit';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let origin: string;
let licence: string;

const post = (path: string, body: unknown, viewer: string) =>
  fetch(`${rt.url}/storefront/${licence}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'cloudfront-viewer-address': viewer },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  rt = await startTestRuntime({ env: { VIEWER_ADDRESS_HEADER: 'cloudfront-viewer-address' } });
  origin = new URL(rt.shop.url).origin;
  licence = rt.shop.createShop({ slug: 'edge', name: 'Sklep Edge' }).licence;
  expect((await rt.shop.install('edge')).status).toBe(200);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
}, 60_000);

afterAll(async () => rt?.stop());

test('the viewer address is the header before the port, IPv4 and IPv6; without a usable header, the connection', () => {
  const event = (headers: Record<string, string>) => ({ headers, requestContext: { http: { sourceIp: '198.51.100.7' } } }) as never;
  expect(requestAddresses(event({ 'cloudfront-viewer-address': '192.0.2.10:46532' }), 'cloudfront-viewer-address')).toEqual({
    connection: '198.51.100.7',
    viewer: '192.0.2.10',
  });
  expect(requestAddresses(event({ 'cloudfront-viewer-address': '2001:db8::1:443' }), 'cloudfront-viewer-address').viewer).toBe(
    '2001:db8::1',
  );
  expect(requestAddresses(event({ 'cloudfront-viewer-address': 'not an address' }), 'cloudfront-viewer-address').viewer).toBe(
    '198.51.100.7',
  );
  // Not configured (locally): the header is not trusted at all.
  expect(requestAddresses(event({ 'cloudfront-viewer-address': '192.0.2.10:1' }), undefined).viewer).toBe('198.51.100.7');
});

test('two shoppers behind one edge connection each get their own sign-up limit', async () => {
  const signUp = (phone: string) => ({ productId: 3, phone, consent: true, consentTextVersion: 'v1', locale: 'pl' });
  const statuses = async (viewer: string, prefix: string) => {
    const out: number[] = [];
    for (let i = 0; i < 11; i++) out.push((await post('subscriptions', signUp(`${prefix}${String(100 + i)}`), viewer)).status);
    return out;
  };
  const first = await statuses('192.0.2.10:50000', '605 300 ');
  const second = await statuses('192.0.2.11:50001', '605 400 ');
  for (const s of [first, second]) {
    expect(s.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(s[10]).toBe(429);
  }
}, 60_000);

test('a forged viewer address on every request is still cut off by the per-connection limit', async () => {
  const limit = STOREFRONT_LIMITS.perConnectionHour.limit;
  let refused: Response | undefined;
  // 20 requests at a time (the counter is atomic): a busy machine running the whole suite still gets through 600.
  for (let i = 0; i < limit + 5 && !refused; i += 20) {
    const batch = Array.from({ length: Math.min(20, limit + 5 - i) }, (_, j) => i + j);
    const answers = await Promise.all(batch.map((n) => post('config', { locale: 'pl' }, `203.0.113.${n % 250}:${1000 + n}`)));
    for (const res of answers) {
      if (res.status === 429 && !refused) refused = res;
      else await res.arrayBuffer();
    }
  }
  expect(refused).toBeDefined();
  expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
}, 120_000);
