// The sending limits in the admin SPA: the "Limity i koszty" fields of the Settings tab (a bad value is explained
// at its field, in Polish; a good one is saved), and the banner every tab shows when a spend limit is reached or the
// SMSAPI balance is under the owner's threshold.
import type { LocalRuntime } from '../../local/runtime';
import { adminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { localDate } from '#domain/calendar';
import { connectDemoSmsapi, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let licence: string;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  ui = await openAdmin(rt);
}, 90_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('a bad limit is explained at its field in Polish; a good one is saved', async () => {
  await ui.open('demo', 'ustawienia');
  const field = ui.page.getByLabel('Dzienny limit części SMS:');
  await field.fill('-5');
  await ui.page.getByRole('button', { name: /Zapisz/ }).click();
  const error = ui.page.locator('#daily-parts-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('Dzienny limit części SMS: wpisz liczbę całkowitą od 0');
  expect((await adminApi(rt, 'demo')('GET', '/api/settings')).body.limits.spend.dailyParts).toBeNull();

  await field.fill('100');
  await ui.page.getByLabel('Limit częstotliwości — liczba SMS marketingowych na numer:').fill('2');
  await ui.page.getByRole('button', { name: /Zapisz/ }).click();
  await ui.page.getByText('Ustawienia zostały zapisane').waitFor();
  const saved = (await adminApi(rt, 'demo')('GET', '/api/settings')).body.limits;
  expect(saved).toMatchObject({ spend: { dailyParts: 100 }, frequencyCap: { enabled: true, count: 2, windowHours: 24 } });
}, 60_000);

test('every tab warns when a spend limit is reached and when the balance is under the threshold', async () => {
  // 100 parts already sent today (the shop's day in Warsaw), and a threshold above the account's 1000 points.
  await rt.deps.store.addStats(licence, localDate(rt.deps.clock.now(), 'Europe/Warsaw'), { sent: 100, parts: 100, points: 16 });
  expect((await adminApi(rt, 'demo')('PUT', '/api/settings', { limits: { lowBalancePoints: 5000 } })).status).toBe(200);

  for (const tab of ['statusy', 'historia']) {
    await ui.open('demo', tab);
    const limit = ui.page.getByTestId('spend-limit');
    await limit.waitFor();
    expect(await limit.textContent()).toContain('Wysyłka SMS marketingowych wstrzymana');
    expect(await limit.textContent()).toContain('dzienny limit części SMS (100 z 100)');
    expect(await limit.textContent()).toContain('SMS-y o zamówieniach wychodzą dalej');
    const balance = ui.page.getByTestId('low-balance');
    await balance.waitFor();
    expect(await balance.textContent()).toMatch(/Niskie saldo SMSAPI:.*próg: 5\s?000/);
  }
}, 60_000);
