// The panel's rough edges, in headless Chromium at the widths the Shoper admin gives the iframe (about 960 px)
// and the manual's minimum screen (1200×800): every tab fits without a cut-off column, toasts come one at a
// time and never cover the field in error, the history says which date it sorts by, the sending hours have one
// name and the time zone is a list with Europe/Warsaw first, and the iframe follows the content's height.
import type { Page } from 'playwright-core';
import type { LocalRuntime } from '../../local/runtime';
import { seedDemoShop } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

const TABS = [
  'konto',
  'nowe-zamowienia',
  'zespol',
  'statusy',
  'dostepnosc',
  'celebrowanie',
  'koszyki',
  'bledy',
  'powiadomienia',
  'zaplanowane',
  'statystyki',
  'historia',
  'ustawienia',
];

let rt: LocalRuntime;
let ui: AdminSession;

beforeAll(async () => {
  await buildAdminForTests();
  rt = await startTestRuntime();
  await seedDemoShop(rt);
  ui = await openAdmin(rt);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

/** What sticks out of the viewport on the current tab: the page itself, a table's hidden columns, a last header cell. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page ${document.documentElement.scrollWidth}px wide`);
    document.querySelectorAll<HTMLElement>('.table-wrap').forEach((wrap, i) => {
      if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`table ${i} needs ${wrap.scrollWidth}px, has ${wrap.clientWidth}px`);
      const last = wrap.querySelector('thead tr > :last-child');
      if (last && last.getBoundingClientRect().right > width)
        problems.push(`table ${i} last column ends at ${Math.round(last.getBoundingClientRect().right)}px`);
    });
    return problems;
  });
}

describe.each([960, 1200])('at %i px wide', (width) => {
  beforeAll(async () => {
    await ui.page.setViewportSize({ width, height: 800 });
  });

  test.each(TABS)(
    'the "%s" tab fits: no page scrollbar, no cut-off column',
    async (tab) => {
      await ui.open('demo', tab);
      await ui.page.waitForTimeout(100);
      expect(await overflow(ui.page)).toEqual([]);
    },
    30_000,
  );

  test('toasts: one at a time, gone after a few seconds; a refused field gets its error next to it and no toast', async () => {
    const page = ui.page;
    await ui.open('demo', 'ustawienia');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Ustawienia zostały zapisane' }).waitFor();
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('toast').count()).toBe(1);
    await page.getByTestId('toast').waitFor({ state: 'detached', timeout: 5000 });

    await page.getByLabel('Od:').fill('25:00');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    const error = page.locator('#quiet-start-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Godziny wysyłki');
    expect(await page.getByTestId('toast').count()).toBe(0);
    // The field in error is in view and focused (within a second: what a user would notice).
    await page.waitForFunction(() => document.activeElement?.id === 'quiet-start', null, { timeout: 1000 }).catch(() => undefined);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quiet-start');
    const box = (await page.locator('#quiet-start').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    await page.getByLabel('Od:').fill('08:00');
  }, 30_000);

  test("a refused delay names its field by its label in the panel's language, next to the field", async () => {
    const page = ui.page;
    await ui.open('demo', 'statusy');
    await page.getByLabel('Opóźnienie [dni]:').fill('400');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    const error = page.locator('#status-delay-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Opóźnienie (dni): podaj liczbę od 0 do 365');
    expect(await page.getByTestId('toast').count()).toBe(0);
    await page.getByLabel('Opóźnienie [dni]:').fill('0');
  }, 30_000);

  test('"Ustawienia": one name for the sending hours; the time zone is a list with Europe/Warsaw first', async () => {
    const page = ui.page;
    await ui.open('demo', 'ustawienia');
    const zone = page.getByLabel('Strefa czasowa:');
    expect(await zone.evaluate((el) => el.tagName)).toBe('SELECT');
    const options = await zone.locator('option').allTextContents();
    expect(options[0]).toBe('Europe/Warsaw');
    expect(options).toContain('Europe/Berlin');
    expect(await zone.inputValue()).toBe('Europe/Warsaw');
    for (const tab of TABS) {
      await ui.open('demo', tab);
      expect((await page.locator('#tab-panel').textContent())!.toLowerCase()).not.toContain('cisz');
    }
  }, 60_000);

  test('"Historia wiadomości" says it sorts by the creation date, and does: newest first', async () => {
    const page = ui.page;
    await ui.open('demo', 'historia');
    expect(await page.locator('thead th').first().textContent()).toBe('Data utworzenia');
    const dates = await page.locator('tbody tr td:first-child').allTextContents();
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort().reverse());
  }, 30_000);
});

test('inside Shoper the iframe follows the content: the SDK resize call comes after the content grows', async () => {
  const page = ui.page;
  // A stand-in for Shoper's SDK (the real one comes from Shoper's CDN): it counts the resize calls and the height.
  await page.addInitScript(() => {
    const calls: number[] = [];
    (window as unknown as { resizeCalls: number[] }).resizeCalls = calls;
    (window as unknown as { ShopApp: unknown }).ShopApp = function ShopApp(ready: (app: unknown) => void) {
      const app = {
        init: (_: null, done: (params: object, app: unknown) => void) => done({ styles: [] }, app),
        show: (_: null, done: () => void) => done(),
        adjustIframeSize: () => calls.push(document.documentElement.scrollHeight),
        flashMessage: () => undefined,
      };
      window.setTimeout(() => ready(app), 0);
    };
  });
  await ui.open('demo', 'konto', 'sdk=1');
  const callsAfter = async () => page.evaluate(() => (window as unknown as { resizeCalls: number[] }).resizeCalls.slice());
  await ui.tab('Historia wiadomości');
  await page.locator('tbody tr').first().waitFor();
  await page.waitForTimeout(200);
  const calls = await callsAfter();
  expect(calls.length).toBeGreaterThan(0);
  // The last call reported the page's full height: the frame can grow to it, nothing scrolls inside the app.
  expect(calls.at(-1)).toBe(await page.evaluate(() => document.documentElement.scrollHeight));
  const innerScrollers = await page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
        const style = getComputedStyle(el);
        return ['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      }).length,
  );
  expect(innerScrollers).toBe(0);
}, 30_000);
