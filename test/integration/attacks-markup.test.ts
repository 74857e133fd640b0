// Markup in what merchants and customers type is text, everywhere: the API stores and returns it byte for byte
// (JSON needs no HTML escaping), and the admin SPA in headless Chromium shows it literally and runs none of it —
// in "Celebrowanie dat" and "Zaplanowane wysyłki" (where a customer's own name, from Shoper, lands in the text)
// and the message history. The template tabs are covered by test/e2e/admin-templates.test.ts.
import type { LocalRuntime } from '../../local/runtime';
import { installWithSmsapi, type AdminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let api: AdminApi;

const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned = 2">';
/** A customer's first name as a hostile customer would register it in the shop. */
const NAME = '<svg onload="window.__pwned = 3">';

const pwned = () => ui.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
const injected = () => ui.page.locator('#tab-panel script, #tab-panel img, #tab-panel svg[onload]').count();

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  ({ api } = await installWithSmsapi(rt, 'demo'));
  ui = await openAdmin(rt);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('the API keeps markup as typed: saved and returned byte for byte, as JSON', async () => {
  const text = `${SCRIPT}${IMG} & "cudzysłów" 'apostrof'`;
  expect((await api('PUT', '/api/templates/abandoned-cart', { enabled: false, delayDays: 1, text })).status).toBe(200);
  const items = (await api('GET', '/api/templates')).body.items as { key: string; text: string }[];
  expect(items.find((t) => t.key === 'abandoned-cart')?.text).toBe(text);
});

test('"Celebrowanie dat": a rule whose text is markup is listed as text and runs nothing', async () => {
  const text = `${SCRIPT}${IMG} {shop_name}`;
  const created = await api('POST', '/api/celebrations', { event: 'order-shipped', delayDays: 4, text, active: true });
  expect(created.status).toBe(201);
  expect(created.body.text).toBe(text);

  await ui.open('demo', 'celebrowanie');
  const row = ui.page.locator('table.list-table tbody tr', { hasText: '<script>' });
  await row.waitFor();
  expect(await row.textContent()).toContain(`${SCRIPT}${IMG}`);
  expect(await injected()).toBe(0);
  expect(await pwned()).toBeUndefined();

  // Opening it for editing puts it in the box as text too.
  await row.getByRole('button', { name: 'Edytuj' }).click();
  expect(await ui.page.getByLabel('Wiadomość:').inputValue()).toBe(text);
  expect(await injected()).toBe(0);
  expect(await pwned()).toBeUndefined();
}, 60_000);

test('"Zaplanowane wysyłki" and the history: a customer\'s hostile name and a hostile template show as text', async () => {
  expect((await api('PUT', '/api/templates/order-status/7', { enabled: true, delayDays: 2, text: `{name}: ${SCRIPT}${IMG}` })).status).toBe(
    200,
  );
  const order = await rt.shop.placeOrder('demo', { phone: '698 111 222', firstname: NAME });
  await rt.shop.changeStatus('demo', order.orderId, 7);
  await rt.idle();
  const scheduled = (await api('GET', '/api/jobs?state=scheduled')).body.items as { text: string }[];
  expect(scheduled.map((j) => j.text)).toContain(`${NAME}: ${SCRIPT}${IMG}`);

  await ui.open('demo', 'zaplanowane');
  const row = ui.page.locator('tbody tr', { hasText: '<svg' });
  await row.waitFor();
  expect(await row.textContent()).toContain(`${NAME}: ${SCRIPT}${IMG}`);
  expect(await injected()).toBe(0);
  expect(await pwned()).toBeUndefined();

  await ui.open('demo', 'historia');
  const history = ui.page.locator('tbody tr', { hasText: '<svg' });
  await history.first().waitFor();
  expect(await history.first().textContent()).toContain(NAME);
  expect(await injected()).toBe(0);
  expect(await pwned()).toBeUndefined();
}, 60_000);
