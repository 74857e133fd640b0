// The loop of issue 16 in headless Chromium: the composer shows a short link of its real length and the opt-out
// line; a back-in-stock SMS (SMSAPI simulator's outbox) carries the product's short link; the shopper opens it,
// lands on the simulated shop's product page and buys; "Statystyki" shows the click, the order and its revenue;
// the SMS's opt-out link opens the confirmation page, and the opt-out appears in the panel.
import type { LocalRuntime } from '../../local/runtime';
import { installWithSmsapi, signUpForProduct, type AdminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { eventually, startTestRuntime } from '../support/runtime';
import { advanceToWarsaw } from '../integration/orders-support';

let rt: LocalRuntime;
let ui: AdminSession;
let api: AdminApi;
let licence: string;
const PHONE = '+48 601 777 888';
const LINK = /(https?:\/\/\S+\/l\/[0-9A-Za-z]{10})/g;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  ({ api, licence } = await installWithSmsapi(rt));
  await advanceToWarsaw(rt, '12:00');
  ui = await openAdmin(rt);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('SMS → click → order → revenue in the panel, and the opt-out link', async () => {
  const page = ui.page;
  // The composer counts the link at the length it will have and shows the opt-out line marketing SMS get.
  await ui.open('demo', 'dostepnosc');
  const box = page.locator('#back-in-stock-text');
  await box.fill('{product_name} znow jest: {product_link}');
  const preview = page.getByTestId('preview-text').first();
  await preview.filter({ hasText: 'Rezygnacja:' }).waitFor();
  expect(await preview.textContent()).toMatch(
    new RegExp(`znow jest: ${rt.url}/l/[0-9A-Za-z]{10}\\s*Rezygnacja: ${rt.url}/l/[0-9A-Za-z]{10}$`),
  );
  const saved = await api('PUT', '/api/templates/back-in-stock', {
    enabled: true,
    delayDays: 0,
    text: '{product_name} znow jest: {product_link}',
  });
  expect(saved.status).toBe(200);

  // A shopper signs up for the backpack (out of stock); the shop restocks it; the SMS goes.
  await signUpForProduct(rt, licence, 3, PHONE);
  await rt.shop.restockProduct('demo', 3, 5);
  const sms = (await eventually(() => rt.smsapi.outbox().find((m) => m.message.startsWith('Plecak miejski znow jest:')), 20_000))!;
  const [productLink, stopLink] = [...sms.message.matchAll(LINK)].map((m) => m[1]!);
  expect(productLink).toBeDefined();
  expect(stopLink).toBeDefined();

  // The shopper opens the link on the phone: the shop's product page, then buys.
  const shopper = await ui.browser.newPage();
  await shopper.goto(productLink!);
  expect(shopper.url()).toBe(`${rt.shop.shop('demo').url}/pl/p/plecak-miejski/3`);
  expect(await shopper.getByTestId('product-name').textContent()).toBe('Plecak miejski');
  await shopper.getByLabel('Numer telefonu').fill(PHONE);
  await shopper.getByRole('button', { name: 'Kup teraz' }).click();
  await shopper.getByTestId('order-placed').waitFor();
  await rt.idle();

  // The panel: the back-in-stock row shows the SMS, its click, the order and the money it brought.
  await ui.open('demo', 'statystyki');
  const row = page.locator('.link-results-table tr[data-kind="back-in-stock"]');
  await row.waitFor();
  await page.getByRole('radio', { name: 'Dziennie' }).check();
  expect(await row.locator('[data-col="sent"]').textContent()).toBe('1');
  expect(await row.locator('[data-col="clicked"]').textContent()).toBe('1');
  expect(await row.locator('[data-col="click-rate"]').textContent()).toBe('100%');
  expect(await row.locator('[data-col="orders"]').textContent()).toBe('1');
  expect((await row.locator('[data-col="revenue"]').textContent())?.replace(/\s/g, ' ')).toBe('199,00 PLN');
  expect(await page.getByTestId('attribution-rule').textContent()).toContain('w ciągu 7 dni od kliknięcia');
  expect(await page.locator('svg.bar-chart g.revenue-line').count()).toBe(1);

  // The opt-out link: a confirmation page, one click, and the owner sees it.
  await shopper.goto(stopLink!);
  expect(await shopper.getByRole('heading').first().textContent()).toBe('Nie chcę więcej SMS od Sklep Demo');
  await shopper.getByRole('button', { name: 'Nie chcę więcej SMS' }).click();
  await shopper.getByText('nie wyślemy więcej SMS-ów marketingowych').waitFor();
  await ui.open('demo', 'statystyki');
  await page.locator('.opt-outs-table').getByText('+48601777888').waitFor();
  expect(await page.locator('.link-results-table tr[data-kind="back-in-stock"] [data-col="opt-outs"]').textContent()).toBe('1');
  await shopper.close();
}, 120_000);
