// The admin SPA in headless Chromium against the local product: signing in through the iframe parameters (and
// refusing without them), and the "Konto SMSAPI" tab: connect by token or OAuth, sender and replacement, and
// the integration test SMS.
import type { LocalRuntime } from '../../local/runtime';
import { adminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' });
  expect((await rt.shop.install('demo')).status).toBe(200);
  ui = await openAdmin(rt);
}, 90_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test('opened without the iframe parameters, or with a forged signature, the app says to open it from Shoper', async () => {
  await ui.page.goto(`${rt.url}/app/`);
  await expect(ui.page.getByRole('heading', { name: 'Otwórz aplikację z panelu administracyjnego Shoper' }).isVisible()).resolves.toBe(
    true,
  );
  await expect(ui.page.getByText('Open the app from the Shoper admin panel').isVisible()).resolves.toBe(true);

  const forged = new URL(rt.shop.iframeUrl('demo'));
  forged.searchParams.set('hash', 'f'.repeat(128));
  await ui.page.evaluate(() => sessionStorage.clear());
  await ui.page.goto(forged.toString());
  await ui.page.getByRole('heading', { name: 'Otwórz aplikację z panelu administracyjnego Shoper' }).waitFor();
  expect(await ui.page.getByRole('tab').count()).toBe(0);
}, 30_000);

test('inside the shop simulator’s admin page the iframe signs in and shows the tabs', async () => {
  await ui.page.goto(`${rt.shop.url}/s/demo/admin`);
  const app = ui.page.frameLocator('iframe[title="Aplikacja SMS"]');
  await app.getByRole('tab', { name: 'Konto SMSAPI' }).waitFor();
  expect(await app.getByRole('tab').count()).toBe(13);
  // No SMSAPI account yet: the token field first, with the link to SMSAPI's token page; OAuth (configured locally)
  // and the registration link below it; no account form.
  await app.getByLabel('Token API SMSAPI:').waitFor();
  expect(await app.getByTestId('smsapi-tokens-link').getAttribute('href')).toBe('https://ssl.smsapi.pl/react/oauth/manage');
  await app.getByRole('button', { name: 'Połącz ze swoim kontem SMSAPI' }).waitFor();
  expect(await app.getByRole('link', { name: 'Zarejestruj się' }).getAttribute('href')).toContain('smsapi.pl');
  // The manual's partner code for 200 free SMS, next to "Zarejestruj się".
  expect(await app.getByTestId('partner-code').textContent()).toContain('kod „Shoper”, aby otrzymać 200 darmowych SMS-ów');
}, 30_000);

test('a refused API token is explained next to the token field and nothing is connected', async () => {
  await ui.open('demo', 'konto');
  await ui.page.getByLabel('Token API SMSAPI:').fill('not-a-real-token-123');
  await ui.page.getByRole('button', { name: 'Połącz tokenem' }).click();
  const error = ui.page.locator('#smsapi-token-error');
  await error.waitFor();
  // In Polish, by SMSAPI's code, with what to do; not SMSAPI's English.
  const text = (await error.textContent())!;
  expect(text).toMatch(/^Token API: SMSAPI go odrzuciło \(kod \d+: /);
  expect(text).toContain('Skopiuj cały token z panelu SMSAPI');
  expect(text).not.toContain('refused');
  expect((await adminApi(rt, 'demo')('GET', '/api/smsapi')).body.connected).toBe(false);
}, 30_000);

test('pasting the token connects: login, points, only ACTIVE senders; the chosen sender and replacement are saved', async () => {
  const page = ui.page;
  await ui.open('demo', 'konto');
  await page.getByLabel('Token API SMSAPI:').fill('sim-token-demo');
  await page.getByRole('button', { name: 'Połącz tokenem' }).click();
  await page.getByTestId('smsapi-login').waitFor();
  expect(await page.getByTestId('smsapi-login').textContent()).toBe('demo-shop');
  expect((await page.getByTestId('smsapi-points').textContent())!.trim()).toMatch(/^\d/);

  const options = await page.getByLabel('Pole nadawcy:').locator('option').allTextContents();
  expect(options).toEqual(expect.arrayContaining(['SKLEP 123', 'SMSAPI']));
  expect(options).not.toContain('Promocja');
  expect(options).not.toContain('Nowy Nadawca');

  await page.getByLabel('Pole nadawcy:').selectOption('SMSAPI');
  await page.getByLabel('Zastąp znaki specjalne w powiadomieniach').check();
  expect(await page.getByText('Niezapisane zmiany').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Ustawienia konta SMSAPI zostały zapisane' }).waitFor();

  const state = (await adminApi(rt, 'demo')('GET', '/api/smsapi')).body;
  expect(state).toMatchObject({ connected: true, login: 'demo-shop', senderName: 'SMSAPI', replaceSpecialCharacters: true });
  // Reopened, the page shows what was saved.
  await ui.open('demo', 'konto');
  expect(await page.getByLabel('Pole nadawcy:').inputValue()).toBe('SMSAPI');
  expect(await page.getByLabel('Zastąp znaki specjalne w powiadomieniach').isChecked()).toBe(true);
}, 45_000);

test('"Test integracji" sends an SMS from the chosen sender and says "Wiadomość została wysłana"; a bad number gets the reason', async () => {
  const page = ui.page;
  await ui.open('demo', 'konto');
  const before = rt.smsapi.outbox().length;
  await page.getByLabel('Wyślij wiadomość testową:').fill('601 234 567');
  await page.getByRole('button', { name: 'Test integracji' }).click();
  await page.getByTestId('test-result').filter({ hasText: 'Wiadomość została wysłana' }).waitFor();
  const sms = await eventually(() =>
    rt.smsapi
      .outbox()
      .slice(before)
      .find((m) => m.to === '48601234567'),
  );
  expect(sms).toBeDefined();
  expect(sms!.from).toBe('SMSAPI');

  await page.getByLabel('Wyślij wiadomość testową:').fill('12');
  await page.getByRole('button', { name: 'Test integracji' }).click();
  const refused = page.getByTestId('test-result');
  await refused.and(page.locator('.alert-error')).waitFor();
  expect(await refused.textContent()).not.toContain('Wiadomość została wysłana');
  expect(rt.smsapi.outbox().slice(before)).toHaveLength(1);
}, 45_000);

test('"Połącz ze swoim kontem SMSAPI" opens SMSAPI’s consent page in a new window; accepting connects by OAuth', async () => {
  const page = ui.page;
  await ui.open('demo', 'konto');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: /Połącz ponownie ze swoim kontem SMSAPI|Połącz ze swoim kontem SMSAPI/ }).click(),
  ]);
  await popup.getByRole('button', { name: 'Akceptuj' }).click();
  // The consent window hands the code to the app window (it holds the session), which connects the account.
  await popup.getByRole('heading', { name: 'Zgoda SMSAPI przekazana do aplikacji' }).waitFor();
  expect(new URL(popup.url()).searchParams.get('smsapi')).toBe('authorized');
  expect(new URL(popup.url()).searchParams.get('code')).toBeNull();
  // Back in the admin: the state refreshes by itself (message from the window, or focus).
  await page.getByText('(OAuth)').waitFor();
  expect((await adminApi(rt, 'demo')('GET', '/api/smsapi')).body.method).toBe('oauth');
}, 45_000);

test('the SMSAPI result window speaks one language: the one the panel was last opened in', async () => {
  const page = ui.page;
  await page.goto(rt.shop.iframeUrl('demo').replace('translations=pl_PL', 'translations=en_US') + '#konto');
  await page.getByRole('tab', { name: 'SMSAPI account' }).waitFor();
  await page.goto(`${rt.url}/app/?smsapi=denied`);
  const english = (await page.getByTestId('oauth-done').textContent())!;
  expect(english).toContain('Access to the SMSAPI account was refused');
  expect(english).toContain('Close the window');
  expect(english).not.toMatch(/[ąćęłńóśźż]|Zamknij|Odmówiono/);

  await ui.open('demo', 'konto');
  await page.goto(`${rt.url}/app/?smsapi=error&reason=SMSAPI_101`);
  const polish = (await page.getByTestId('oauth-done').textContent())!;
  expect(polish).toContain('Nie połączono konta SMSAPI');
  expect(polish).toContain('kod 101');
  expect(polish).not.toMatch(/\b(Close|The SMSAPI|window)\b/);
}, 30_000);

test('a postpaid SMSAPI account shows its account type instead of points', async () => {
  rt.smsapi.addAccount({
    username: 'abonament',
    token: 'sim-token-e2e-postpaid',
    paymentType: 'postpaid',
    senders: [{ sender: 'ABO', status: 'ACTIVE', is_default: true }],
  });
  const api = adminApi(rt, 'demo');
  expect((await api('PUT', '/api/smsapi', { token: 'sim-token-e2e-postpaid' })).status).toBe(200);
  await ui.open('demo', 'konto');
  await ui.page.getByTestId('smsapi-account-type').waitFor();
  expect((await ui.page.getByTestId('smsapi-account-type').textContent())!.trim()).toBe('Konto abonamentowe (postpaid)');
  expect(await ui.page.getByTestId('smsapi-points').count()).toBe(0);
  expect((await api('PUT', '/api/smsapi', { token: 'sim-token-demo' })).status).toBe(200);
}, 30_000);

test('an SMSAPI account out of points (103) is shown at the top of every tab', async () => {
  rt.smsapi.addAccount({
    username: 'pusty-sklep',
    token: 'sim-token-no-points',
    points: 0,
    senders: [{ sender: 'PUSTY', status: 'ACTIVE', is_default: true }],
  });
  rt.shop.createShop({ slug: 'pusty', name: 'Pusty Sklep' });
  expect((await rt.shop.install('pusty')).status).toBe(200);
  const api = adminApi(rt, 'pusty');
  expect((await api('PUT', '/api/smsapi', { token: 'sim-token-no-points' })).status).toBe(200);
  const test = await api('POST', '/api/smsapi/test', { phone: '601 234 567' });
  expect(test.status).toBeGreaterThanOrEqual(400);

  for (const tab of ['statusy', 'statystyki']) {
    await ui.open('pusty', tab);
    const banner = ui.page.getByTestId('account-problem');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('103');
    expect(await banner.textContent()).toContain('skończyły się punkty');
  }
}, 45_000);
