// Customer-controlled text in SMS (issue 12, item 3), end to end: an order whose buyer typed a phishing link as
// the first name and a 1,200-character street goes through the shop's signed webhook, the planner and the
// sender. The owner's alert and the customer's status SMS arrive, without the link, within their templates' own
// parts plus one and within SMSAPI_MAX_PARTS; before, the owner's alert failed at SMSAPI (error 12, too many parts).
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { smsLength } from '#domain/sms-length';
import { renderSample } from '#domain/template';
import { adminCall, signIn } from '../support/attack-kit';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;

const OWNER_TEMPLATE = 'Nowe zamówienie {order_id} od {name}: {delivery_street}, {delivery_city}. Kwota {sum} {currency}';
const STATUS_TEMPLATE = 'Dzień dobry {name}, zamówienie {order_id} jedzie na adres {delivery_street}, {delivery_city}.';

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'text', name: 'Sklep Tekst' }).licence;
  expect((await rt.shop.install('text')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS, quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false } });
  const token = await signIn(rt, 'text');
  expect((await adminCall(rt, token, 'PUT', '/api/settings', { ownerPhone: '500 100 299' })).status).toBe(200);
  expect(
    (await adminCall(rt, token, 'PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text: OWNER_TEMPLATE })).status,
  ).toBe(200);
  expect(
    (await adminCall(rt, token, 'PUT', '/api/templates/order-status/2', { enabled: true, delayDays: 0, text: STATUS_TEMPLATE })).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

/** The template's own parts (its preview), counted in UCS-2 as the real message with Polish letters is. */
const ownParts = (kind: 'owner-new-order' | 'order-status', text: string) => smsLength(renderSample(kind, text), { asUcs2: true }).parts;

test("a phishing name and a 1,200-character street reach neither the owner's phone nor the customer's as typed", async () => {
  const street = `ul. ${'Bardzo Długa '.repeat(92)}`;
  expect(street.length).toBeGreaterThanOrEqual(1200);
  const { orderId } = await rt.shop.placeOrder('text', {
    firstname: 'Zwrot 49 zł: https://sklep-zwroty.pl/x \u202Eanna@evil.pl',
    lastname: 'Nowak www.dopłata.com',
    phone: '604 700 801',
    street1: street,
    city: 'Łódź\u0000\u200B',
    sum: 120,
  });
  await rt.shop.changeStatus('text', orderId, 2);

  const owner = await eventually(() => rt.smsapi.outbox().find((m) => m.to === '48500100299' && m.message.includes(String(orderId))));
  const customer = await eventually(() => rt.smsapi.outbox().find((m) => m.to === '48604700801' && m.message.includes(String(orderId))));
  await rt.idle();

  for (const [sms, kind, template] of [
    [owner!, 'owner-new-order', OWNER_TEMPLATE],
    [customer!, 'order-status', STATUS_TEMPLATE],
  ] as const) {
    expect(sms.message).not.toMatch(/https?:|www\.|sklep-zwroty|evil\.pl|dopłata\.com|@/);
    expect(sms.message).not.toMatch(/[\u0000\u200B\u202E]/);
    expect(sms.message).toContain('Zwrot 49 zł:');
    expect(sms.message).toContain('Łódź');
    const parts = smsLength(sms.message).parts;
    expect(parts).toBeLessThanOrEqual(ownParts(kind, template) + 1);
    expect(parts).toBeLessThanOrEqual(rt.deps.config.SMSAPI_MAX_PARTS);
  }
  // The owner still learns the order's number and amount: the street gave way, not the facts.
  expect(owner!.message).toContain('Kwota 120,00 PLN');
  expect(owner!.message).toContain('ul. Bardzo Długa');

  const jobs = (await rt.deps.store.listJobs(licence)).filter((j) => j.source.orderId === String(orderId));
  // Accepted by SMSAPI (the simulator then reports delivery at random): none FAILED.
  expect(jobs).toHaveLength(2);
  for (const job of jobs) expect(['SENT', 'DELIVERED', 'UNDELIVERED']).toContain(job.state);
  expect(await rt.deps.store.listErrors(licence, { limit: 10 })).toMatchObject({ items: [] });
}, 60_000);
