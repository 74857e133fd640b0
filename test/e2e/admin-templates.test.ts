// The message tabs in headless Chromium: "Nowe zamówienia", "Statusy zamówień", "Dostępność produktu" and
// "Porzucone koszyki" save what the merchant typed; the composer counts like the backend, warns about special
// characters, inserts parameters at the caret and previews; server errors land next to the field; unsaved
// changes are not lost silently; a template with markup is shown as text.
import type { LocalRuntime } from '../../local/runtime';
import { installWithSmsapi, type AdminApi } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let api: AdminApi;

const templates = async () =>
  Object.fromEntries(((await api('GET', '/api/templates')).body.items as { key: string }[]).map((t) => [t.key, t])) as Record<string, any>;

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

test('"Nowe zamówienia": owner phone, Wyślij Tak and the message are saved; the counter reads like the manual', async () => {
  const page = ui.page;
  await ui.open('demo', 'nowe-zamowienia');
  await page.getByLabel('Numer telefonu właściciela:').fill('538 506 896');
  await page.getByRole('radio', { name: 'Tak' }).check();
  const box = page.getByLabel('Wiadomość:');
  await box.fill('Nowe zamówienie {order_id}. Kwota zamówienia: {sum} w {currency}');
  expect(await page.locator('#owner-text-counter').textContent()).toBe('1 SMS, 6 znaków do końca części');
  expect(await page.locator('.composer-warning').textContent()).toBe('Wiadomość zawiera znaki specjalne: ó');
  expect(await page.getByTestId('preview-text').textContent()).toBe('Nowe zamówienie 1234. Kwota zamówienia: 123,45 w PLN');

  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Powiadomienie o nowych zamówieniach zostało zapisane' }).waitFor();
  expect((await api('GET', '/api/settings')).body.ownerPhone).toBe('+48538506896');
  expect((await templates())['owner-new-order']).toMatchObject({
    enabled: true,
    text: 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} w {currency}',
  });
  // The saved phone comes back normalised.
  expect(await page.getByLabel('Numer telefonu właściciela:').inputValue()).toBe('+48538506896');
}, 45_000);

test('a bad owner phone is refused with the server’s message next to the field, and nothing is lost', async () => {
  const page = ui.page;
  await ui.open('demo', 'nowe-zamowienia');
  await page.getByLabel('Numer telefonu właściciela:').fill('12');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.locator('#owner-phone-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('Numer telefonu właściciela');
  expect(await page.getByLabel('Numer telefonu właściciela:').inputValue()).toBe('12');
  expect((await api('GET', '/api/settings')).body.ownerPhone).toBe('+48538506896');
}, 30_000);

test('the alert switched on without the owner phone is refused next to the phone field, and nothing is saved', async () => {
  const page = ui.page;
  await ui.open('demo', 'nowe-zamowienia');
  await page.getByLabel('Numer telefonu właściciela:').fill('');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.locator('#owner-phone-error');
  await error.waitFor();
  expect(await error.textContent()).toBe(
    'Numer telefonu właściciela: wpisz numer, na który mają przychodzić powiadomienia, albo wybierz „Wyślij: Nie”',
  );
  expect((await api('GET', '/api/settings')).body.ownerPhone).toBe('+48538506896');
  expect((await templates())['owner-new-order'].enabled).toBe(true);
}, 30_000);

test('"Porzucone koszyki": 0 days is refused next to the field with what to type', async () => {
  const page = ui.page;
  await ui.open('demo', 'koszyki');
  await page.getByLabel('Po upływie czasu [dni]:').fill('0');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.locator('#cart-delay-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('Po upływie czasu (dni): podaj liczbę od 1 do 365');
  expect(await page.locator('#cart-delay-hint').textContent()).toBe('Od 1 do 365 dni od porzucenia koszyka.');
}, 30_000);

test('a delay out of range is refused next to its field by its label, in Polish, with what to type', async () => {
  const page = ui.page;
  await ui.open('demo', 'statusy');
  await page.getByLabel('Ustawienia dla statusu:').selectOption({ label: 'anulowane' });
  await page.getByLabel('Opóźnienie [dni]:').fill('400');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.locator('.field-error').first();
  await error.waitFor();
  expect(await error.textContent()).toBe('Opóźnienie (dni): podaj liczbę od 0 do 365');
  expect(await page.locator('body').textContent()).not.toMatch(/Too big|expected|delayDays/);
}, 30_000);

test('clicking a parameter inserts it at the caret; an unknown one is refused by the server next to the box', async () => {
  const page = ui.page;
  await ui.open('demo', 'koszyki');
  const box = page.getByLabel('Wiadomość:');
  await box.fill('Hej , wróć do koszyka!');
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
  await page.getByRole('button', { name: /Wstaw parametr \{name\}/ }).click();
  expect(await box.inputValue()).toBe('Hej {name}, wróć do koszyka!');
  // The caret follows the inserted parameter, so typing goes on after it.
  await page.keyboard.type('!');
  expect(await box.inputValue()).toBe('Hej {name}!, wróć do koszyka!');

  await box.fill('Hej {order_id}');
  expect(await page.locator('.composer-issues').textContent()).toContain('{order_id}');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.locator('#abandoned-cart-text-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('{order_id}');
}, 30_000);

test('"Porzucone koszyki": Aktywne, days and the message are saved', async () => {
  const page = ui.page;
  await ui.open('demo', 'koszyki');
  await page.getByLabel('Aktywne').check();
  await page.getByLabel('Po upływie czasu [dni]:').fill('2');
  await page.getByLabel('Wiadomość:').fill('{name}, koszyk w {shop_name} czeka na Ciebie.');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Przypomnienia o porzuconych koszykach zostały zapisane' }).waitFor();
  expect((await templates())['abandoned-cart']).toMatchObject({
    enabled: true,
    delayDays: 2,
    text: '{name}, koszyk w {shop_name} czeka na Ciebie.',
  });
}, 30_000);

test('"Dostępność produktu": Włącz powiadomienia and the message are saved; the widget line names this shop', async () => {
  const page = ui.page;
  await ui.open('demo', 'dostepnosc');
  await page.getByRole('radio', { name: 'Tak' }).check();
  await page.getByLabel(/Wpisz treść powiadomienia/).fill('{product_name} znów jest w {shop_name}: {price} {currency}');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Powiadomienia o dostępności produktu zostały zapisane' }).waitFor();
  expect((await templates())['back-in-stock']).toMatchObject({
    enabled: true,
    text: '{product_name} znów jest w {shop_name}: {price} {currency}',
  });
  const licence = rt.shop.shop('demo').licence;
  expect(await page.getByLabel('Kod do wklejenia').inputValue()).toContain(`data-shop="${licence}"`);
}, 30_000);

test('"Statusy zamówień": the proposed text for a default status, delay, save; the overview gets its ✓', async () => {
  const page = ui.page;
  await ui.open('demo', 'statusy');
  await page.getByLabel('Ustawienia dla statusu:').selectOption({ label: 'gotowe do wysłania' });
  // No template yet: the proposed one is in the box.
  // Written as the manual does (no Polish letters: GSM-7, one part).
  expect(await page.getByLabel('Wiadomość:').inputValue()).toContain('jest gotowe do wyslania');
  const overviewItem = page.locator('.status-overview li', { hasText: 'gotowe do wysłania' });
  expect(await overviewItem.locator('.mark').textContent()).toBe('–');

  await page.getByRole('radio', { name: 'Tak' }).check();
  await page.getByLabel('Opóźnienie [dni]:').fill('1');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Szablon dla statusu „gotowe do wysłania” został zapisany' }).waitFor();
  await overviewItem.locator('.mark.sends').waitFor();
  expect(await overviewItem.locator('.mark').textContent()).toBe('✓');
  expect((await templates())['order-status#6']).toMatchObject({ enabled: true, delayDays: 1 });

  // A custom status of the shop is there too.
  await page.getByLabel('Ustawienia dla statusu:').selectOption({ label: 'Czeka na odbiór w punkcie' });
  expect(await page.getByLabel('Wiadomość:').inputValue()).toBe('');
}, 45_000);

/**
 * The basket composer's counter once it shows `expected` (or after 10 s): the SMSAPI connection, which says whether
 * special characters are replaced, arrives after the tab renders, and the counter follows it.
 */
async function counterReading(page: AdminSession['page'], expected: string) {
  const counter = page.locator('#abandoned-cart-text-counter');
  await counter
    .filter({ hasText: expected })
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  return counter.textContent();
}

test('the counter follows "Zastąp znaki specjalne": the same Polish text counts 160 a part when replacement is on', async () => {
  const page = ui.page;
  await api('PUT', '/api/smsapi', { replaceSpecialCharacters: false });
  await ui.open('demo', 'koszyki');
  await page.getByLabel('Wiadomość:').fill('Zażółć gęślą jaźń');
  expect(await counterReading(page, '1 SMS, 53 znaki do końca części')).toBe('1 SMS, 53 znaki do końca części');
  expect(await page.locator('.composer-warning').textContent()).toContain('ż ó ł ć ę ś ą ź ń');

  await api('PUT', '/api/smsapi', { replaceSpecialCharacters: true });
  await ui.open('demo', 'koszyki');
  await page.getByLabel('Wiadomość:').fill('Zażółć gęślą jaźń');
  expect(await counterReading(page, '1 SMS, 143 znaki do końca części')).toBe('1 SMS, 143 znaki do końca części');
  expect(await page.locator('.composer-warning').textContent()).toBe('');
  // A basket reminder is marketing: the preview ends with the opt-out line the shop adds (a link of real length).
  await page.getByTestId('preview-text').filter({ hasText: 'Rezygnacja:' }).waitFor();
  expect(await page.getByTestId('preview-text').textContent()).toBe(`Zazolc gesla jazn\nRezygnacja: ${rt.url}/l/Ab3dE6gH9k`);
  await api('PUT', '/api/smsapi', { replaceSpecialCharacters: false });
}, 30_000);

test('a template containing <script> is shown as text, never run', async () => {
  const page = ui.page;
  const markup = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  expect((await api('PUT', '/api/templates/abandoned-cart', { enabled: false, delayDays: 1, text: markup })).status).toBe(200);
  await ui.open('demo', 'koszyki');
  expect(await page.getByLabel('Wiadomość:').inputValue()).toBe(markup);
  await page.getByTestId('preview-text').filter({ hasText: 'Rezygnacja:' }).waitFor();
  expect(await page.getByTestId('preview-text').textContent()).toBe(`${markup}\nRezygnacja: ${rt.url}/l/Ab3dE6gH9k`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('#tab-panel script, #tab-panel img').count()).toBe(0);
}, 30_000);

test('unsaved changes: switching tabs asks first; declining keeps the text, accepting discards it', async () => {
  const page = ui.page;
  await ui.open('demo', 'koszyki');
  await page.getByLabel('Wiadomość:').fill('Tekst, którego nie zapisano');
  const asked: string[] = [];
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => {
    asked.push(d.message());
    void (asked.length === 1 ? d.dismiss() : d.accept());
  });
  await page.getByRole('tab', { name: 'Statystyki' }).click();
  expect(asked[0]).toContain('niezapisane zmiany');
  expect(await page.getByRole('tab', { name: 'Porzucone koszyki' }).getAttribute('aria-selected')).toBe('true');
  expect(await page.getByLabel('Wiadomość:').inputValue()).toBe('Tekst, którego nie zapisano');

  await page.getByRole('tab', { name: 'Statystyki' }).click();
  expect(asked).toHaveLength(2);
  await page.getByRole('heading', { name: 'Statystyki' }).waitFor();
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => void d.accept());
}, 30_000);

test('keyboard: arrow keys move between tabs and the tab panel follows', async () => {
  const page = ui.page;
  await ui.open('demo', 'konto');
  await page.getByRole('tab', { name: 'Konto SMSAPI' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('heading', { name: 'Powiadomienie o nowych zamówieniach dla właściciela sklepu' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Nowe zamówienia');
  await page.keyboard.press('End');
  await page.getByRole('heading', { name: 'Ustawienia' }).waitFor();
}, 30_000);
