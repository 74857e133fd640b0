// The list tabs in headless Chromium, on a shop filled through the simulators (orders, a refused number, a
// delayed status SMS, back-in-stock sign-ups): "Celebrowanie dat" add/edit/switch off/delete, "Zaplanowane
// wysyłki" and "Lista powiadomień" deletes, "Komunikaty błędów", "Statystyki" with its chart, the message
// history, "Ustawienia", and the English UI.
import type { LocalRuntime } from '../../local/runtime';
import { seedDemoShop, signUpForProduct, type AdminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let api: AdminApi;
let licence: string;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  ({ api, licence } = await seedDemoShop(rt));
  ui = await openAdmin(rt);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('"Celebrowanie dat": add a rule, edit it, switch it off, delete it', async () => {
  const page = ui.page;
  await ui.open('demo', 'celebrowanie');
  const rows = page.locator('table.list-table tbody tr');
  expect(await rows.count()).toBe(3);

  await page.getByRole('button', { name: 'Dodaj' }).click();
  await page.getByLabel('Zdarzenie:').selectOption({ label: 'Złożenie zamówienia' });
  await page.getByLabel('Opóźnienie [dni]:').fill('30');
  await page.getByLabel('Wiadomość:').fill('{name}, minął miesiąc od zamówienia {order_id}. Zajrzyj do {shop_name}!');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Zdarzenie zostało dodane' }).waitFor();
  const added = rows.filter({ hasText: 'minął miesiąc' });
  await added.waitFor();
  expect(await added.locator('td').allTextContents()).toEqual(expect.arrayContaining(['Złożenie zamówienia', '30', 'Tak']));

  await added.getByRole('button', { name: 'Edytuj' }).click();
  await page.getByLabel('Opóźnienie [dni]:').fill('45');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Zdarzenie zostało zapisane' }).waitFor();
  await added.locator('td', { hasText: /^45$/ }).waitFor();

  await added.getByRole('button', { name: 'Wyłącz' }).click();
  await added.getByRole('button', { name: 'Włącz' }).waitFor();
  expect(await added.locator('td').nth(3).textContent()).toBe('Nie');
  const stored = (await api('GET', '/api/celebrations')).body.items.find((c: { text: string }) => c.text.includes('minął miesiąc'));
  expect(stored).toMatchObject({ event: 'order-placed', delayDays: 45, active: false });

  await added.getByRole('button', { name: 'Usuń' }).click();
  await added.waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(3);
  expect((await api('GET', '/api/celebrations')).body.items.some((c: { id: string }) => c.id === stored.id)).toBe(false);
}, 60_000);

test('"Zaplanowane wysyłki": the delayed status SMS is listed and "Usuń" cancels it', async () => {
  const page = ui.page;
  await ui.open('demo', 'zaplanowane');
  const row = page.locator('tbody tr', { hasText: 'zostało wysłane' });
  await row.waitFor();
  expect(await row.textContent()).toContain('Zmiana statusu zamówienia');
  await row.getByRole('button', { name: 'Usuń' }).click();
  await page.getByText('Brak zaplanowanych wysyłek').waitFor();
  const history = (await api('GET', '/api/jobs?state=all')).body.items;
  expect(history.find((j: { text: string }) => j.text.includes('zostało wysłane'))).toMatchObject({ state: 'CANCELLED' });
}, 30_000);

test('"Zaplanowane wysyłki": search, "Zaznacz wszystko" and "Usuń zaznaczone" cancel the selected ones', async () => {
  for (const phone of ['698 111 222', '698 333 444']) {
    const order = await rt.shop.placeOrder('demo', { phone });
    await rt.shop.changeStatus('demo', order.orderId, 7);
  }
  await rt.idle();
  const page = ui.page;
  await ui.open('demo', 'zaplanowane');
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(2);
  await page.getByLabel('Wyszukaj').fill('698 333');
  await page.getByRole('button', { name: 'Wyszukaj' }).click();
  await page.locator('tbody tr', { hasText: '+48698111222' }).waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(1);
  await page.getByRole('button', { name: 'Wyczyść' }).click();
  await page.locator('tbody tr', { hasText: '+48698111222' }).waitFor();

  await page.getByLabel('Zaznacz wszystko').check();
  await page.getByRole('button', { name: 'Usuń zaznaczone (2)' }).click();
  await page.getByText('Brak zaplanowanych wysyłek').waitFor();
  expect((await api('GET', '/api/jobs?state=scheduled')).body.items).toHaveLength(0);
}, 45_000);

test('"Lista powiadomień": sign-ups are listed and one is deleted with its row button, another by selection', async () => {
  await signUpForProduct(rt, licence, 3, '+48 600 700 800');
  const page = ui.page;
  await ui.open('demo', 'powiadomienia');
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(3);
  expect(await rows.first().textContent()).toContain('Plecak miejski');

  await page.locator('tbody tr', { hasText: '+48512345678' }).getByRole('button', { name: 'Usuń' }).click();
  await page.locator('tbody tr', { hasText: '+48512345678' }).waitFor({ state: 'detached' });
  await page.getByLabel(/Zaznacz: \+48600700800/).check();
  await page.getByRole('button', { name: 'Usuń zaznaczone (1)' }).click();
  await page.locator('tbody tr', { hasText: '+48600700800' }).waitFor({ state: 'detached' });
  const left = (await api('GET', '/api/subscriptions')).body.items.map((s: { phone: string }) => s.phone);
  expect(left).toEqual(['+48785123456']);
}, 45_000);

test('"Komunikaty błędów": the refused number is listed with code, number, reason, place and date', async () => {
  const page = ui.page;
  await ui.open('demo', 'bledy');
  const row = page.locator('tbody tr', { hasText: '+48601222999' });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  expect(cells[0]).toBe('13');
  expect(cells[2]).toContain('Brak prawidłowych numerów telefonów');
  expect(cells[3]).toBe('Zmiana statusu zamówienia');
  expect(cells[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
}, 30_000);

test('"Statystyki": the daily/weekly/monthly table and a 30-day SVG chart with today’s bar', async () => {
  const page = ui.page;
  const stats = (await api('GET', '/api/stats')).body;
  expect(stats.today.sent).toBeGreaterThan(0);
  await ui.open('demo', 'statystyki');
  const sent = await page.locator('tr[data-stat="sent"] td').allTextContents();
  expect(sent.map(Number)).toEqual([stats.today.sent, stats.week.sent, stats.month.sent]);
  // Numbers first seen per day, week and month (manual 4.11), and the total in the base.
  const numbers = await page.locator('tr[data-stat="numbers"] td').allTextContents();
  expect(numbers.map(Number)).toEqual([stats.numbersAdded.today, stats.numbersAdded.week, stats.numbersAdded.month]);
  expect(stats.numbersAdded.today).toBeGreaterThan(0);
  expect(await page.locator('[data-stat="numbers-total"]').textContent()).toBe(String(stats.numbersCollected));
  const bars = page.locator('svg.bar-chart g.bar');
  expect(await bars.count()).toBe(30);
  const last = stats.daily.at(-1);
  expect(await bars.last().getAttribute('data-date')).toBe(last.date);
  expect(Number(await bars.last().getAttribute('data-sent'))).toBe(last.sent);
  expect(Number(await bars.last().locator('rect').getAttribute('height'))).toBeGreaterThan(0);
}, 30_000);

test('"Historia wiadomości" lists every SMS with its delivery status, and the ones not sent with the reason', async () => {
  const page = ui.page;
  await ui.open('demo', 'historia');
  expect(await page.locator('thead th').first().textContent()).toBe('Data utworzenia');
  // The number's refused SMS (a new order also sends the SMS of its first status to the same number: another row).
  const refused = page
    .locator('tbody tr', { hasText: '+48601222999' })
    .filter({ has: page.locator('.badge', { hasText: 'błąd wysyłki' }) });
  await refused.waitFor();
  expect(await refused.count()).toBe(1);
  // The demo's celebrations to clients without consent were planned and not sent: listed with the reason.
  const skipped = page
    .locator('tbody tr')
    .filter({ has: page.locator('.badge', { hasText: 'pominięta' }) })
    .first();
  await skipped.waitFor();
  expect(await skipped.locator('.state-detail').textContent()).toContain('nie wyraził zgody');
  const delivered = page.locator('tbody tr', { hasText: '+48601234567' });
  await delivered
    .locator('.badge', { hasText: /doręczona|wysłana/ })
    .first()
    .waitFor();
}, 30_000);

test('"Ustawienia": the sending hours and consent are saved; a bad hour is refused next to its field', async () => {
  const page = ui.page;
  await ui.open('demo', 'ustawienia');
  await page.getByLabel('Od:').fill('09:00');
  await page.getByLabel('Do:').fill('21:00');
  await page.getByLabel('Celebrowanie dat').uncheck();
  await page.getByLabel('przesyłka wysłana').check();
  await page.getByLabel('Powiadomienia o dostępności tylko za zgodą marketingową').check();
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Ustawienia zostały zapisane' }).waitFor();
  const settings = (await api('GET', '/api/settings')).body;
  expect(settings.backInStockRequiresConsent).toBe(true);
  expect(settings.quietHours).toMatchObject({ start: '09:00', end: '21:00' });
  expect(settings.quietHoursFor.celebration).toBe(false);
  expect(settings.shippedStatusIds).toEqual(['7']);

  await page.getByLabel('Od:').fill('22:00');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.locator('#quiet-end-error, #quiet-start-error').first().waitFor();
  expect((await api('GET', '/api/settings')).body.quietHours.start).toBe('09:00');
}, 30_000);

test("with English in Shoper's translations parameter the app speaks English", async () => {
  const page = ui.page;
  await page.goto(rt.shop.iframeUrl('demo').replace('translations=pl_PL', 'translations=en_US') + '#statystyki');
  await page.getByRole('heading', { name: 'Statistics' }).waitFor();
  expect(await page.getByRole('tab', { name: 'Date celebrations' }).isVisible()).toBe(true);
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
}, 30_000);

test('the app stays usable at a narrow width: the tabs wrap above the content', async () => {
  const page = ui.page;
  await page.setViewportSize({ width: 760, height: 800 });
  await ui.open('demo', 'nowe-zamowienia');
  const tabs = await page.locator('[role="tablist"]').boundingBox();
  const panel = await page.locator('[role="tabpanel"]').boundingBox();
  expect(panel!.y).toBeGreaterThan(tabs!.y + tabs!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
  await page.setViewportSize({ width: 1200, height: 800 });
}, 30_000);
