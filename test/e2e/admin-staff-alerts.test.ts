// "Powiadomienia dla zespołu" in headless Chromium: team numbers and alerts are saved together, server errors land
// next to the field they name, the page says why there is no "payment failed" alert. And the composer's worst case:
// placeholders at their realistic longest, the UCS-2 warning, and the one-click fix of typographic characters.
import type { LocalRuntime } from '../../local/runtime';
import { installWithSmsapi, type AdminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let api: AdminApi;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  ({ api } = await installWithSmsapi(rt));
  ui = await openAdmin(rt);
}, 90_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('the team numbers and the alerts are saved together and come back normalised', async () => {
  const page = ui.page;
  await ui.open('demo', 'zespol');
  await page.getByRole('heading', { name: 'Powiadomienia dla zespołu' }).waitFor();
  expect(await page.getByTestId('payment-failed-note').textContent()).toContain('Shoper nie informuje aplikacji o nieudanych płatnościach');

  await page.getByLabel('Numer 1:').fill('500 100 200');
  await page.getByLabel('Numer 2:').fill('+48 600 700 800');
  await page.locator('input[name="staff-newOrder-enabled"][value="yes"]').check();
  await page.getByLabel('Kwota zamówienia od:').fill('750,50');
  await page.locator('input[name="staff-outOfStock-enabled"][value="yes"]').check();
  await page.locator('#staff-outOfStock-text').fill('Brak: {product_name} ({product_code})');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Powiadomienia dla zespołu zostały zapisane' }).waitFor();

  const saved = (await api('GET', '/api/staff-alerts')).body;
  expect(saved).toMatchObject({
    phones: ['+48500100200', '+48600700800'],
    newOrder: { enabled: true, minAmount: 750.5 },
    orderCancelled: { enabled: false },
    outOfStock: { enabled: true, quietHours: true, text: 'Brak: {product_name} ({product_code})' },
  });
  expect(await page.getByLabel('Numer 1:').inputValue()).toBe('+48500100200');
}, 60_000);

test('a landline and a negative amount are refused next to their fields; nothing is lost', async () => {
  const page = ui.page;
  await ui.open('demo', 'zespol');
  await page.getByLabel('Numer 3:').fill('22 123 45 67');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const phoneError = page.locator('#staff-phone-2-error');
  await phoneError.waitFor();
  expect(await phoneError.textContent()).toContain('Numer telefonu zespołu nr 3');
  expect(await page.getByLabel('Numer 3:').inputValue()).toBe('22 123 45 67');

  await page.getByLabel('Numer 3:').fill('');
  await page.getByLabel('Kwota zamówienia od:').fill('-5');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const amountError = page.locator('#staff-min-amount-error');
  await amountError.waitFor();
  expect(await amountError.textContent()).toContain('Kwota zamówienia od: podaj kwotę 0 lub większą');
  expect((await api('GET', '/api/staff-alerts')).body.newOrder.minAmount).toBe(750.5);
}, 60_000);

test('the composer shows the worst case, warns when a parameter can switch to Unicode, and fixes typography in one click', async () => {
  const page = ui.page;
  // Without the automatic opt-out line, so the figures below are the text's own (the line: short-links tests).
  expect((await api('PUT', '/api/links/settings', { autoStopLink: false })).status).toBe(200);
  await ui.open('demo', 'dostepnosc');
  const box = page.locator('#back-in-stock-text');
  // The shop's longest active product is "Koszulka bawełniana": its ł can switch the message to Unicode.
  await box.fill('{product_name} znow jest w {shop_name}!');
  await page.getByTestId('unicode-risk').filter({ hasText: '{product_name}' }).waitFor();
  expect(await page.getByTestId('worst-case').textContent()).toContain('do 1 SMS');

  await ui.open('demo', 'nowe-zamowienia');
  const owner = page.getByLabel('Wiadomość:');
  await owner.fill(
    `Nowe zamowienie {order_id} do {delivery_city}, {delivery_street}, {delivery_postcode}. Klient: {name}. ${'x'.repeat(20)}`,
  );
  expect(await page.locator('#owner-text-counter').textContent()).toMatch(/^1 SMS/);
  expect(await page.getByTestId('worst-case').textContent()).toContain('do 3 SMS-y (Unicode)');
  expect(await page.getByTestId('unicode-risk').textContent()).toContain('{delivery_city}, {delivery_street}, {delivery_postcode}, {name}');

  await owner.fill('„Nowe” zamówienie {order_id} — kwota {sum}… 😊');
  const typography = page.getByTestId('typography');
  expect(await typography.textContent()).toContain('😊 (emoji)');
  expect(await typography.textContent()).toContain('„ (cudzysłów drukarski)');
  await typography.getByRole('button', { name: 'Zamień na zwykłe znaki' }).click();
  expect(await owner.inputValue()).toBe('"Nowe" zamówienie {order_id} - kwota {sum}... :)');
  expect(await page.getByTestId('typography').count()).toBe(0);
}, 60_000);
