// The panel fetches each tab's code when the tab is first opened: the first screen loads only the frame and its
// first tab (the files the build counts as the first screen, nothing more), another tab's file comes on its first
// click, and a tab whose file cannot be fetched says so in Polish; "Spróbuj ponownie" loads the panel again on that
// tab, still signed in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRuntime } from '../../local/runtime';
import { buildAdminApp, type FrontendBuildReport } from '../../frontend/build';
import { seedDemoShop } from '../support/demo-seed';
import { buildAdminForTests, openAdmin, type AdminSession } from '../support/e2e-harness';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let ui: AdminSession;
let build: FrontendBuildReport;
const requested: string[] = [];

beforeAll(async () => {
  await buildAdminForTests();
  // The same build again, for its report: which files are the first screen's (the names are content hashes).
  build = await buildAdminApp(mkdtempSync(join(tmpdir(), 'admin-spa-report-')));
  rt = await startTestRuntime();
  await seedDemoShop(rt);
  ui = await openAdmin(rt);
  ui.page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/app/') && path.endsWith('.js')) requested.push(path.slice('/app/'.length));
  });
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await rt?.stop();
});

test("the first screen fetches app.js, its chunks and the first tab only; another tab's code comes on its first click", async () => {
  requested.length = 0;
  await ui.open('demo');
  await ui.page.getByRole('tab', { name: 'Konto SMSAPI' }).waitFor();
  expect(new Set(requested)).toEqual(new Set(build.firstScreen.files));
  const stats = build.total.files.find((f) => f.startsWith('StatsTab-'))!;
  expect(requested).not.toContain(stats);

  await ui.tab('Statystyki');
  expect(requested).toContain(stats);
  await ui.page.locator('#tab-title-statystyki').waitFor();
}, 60_000);

test('a tab whose code cannot be fetched says what to do; "Spróbuj ponownie" reloads the panel on that tab', async () => {
  await ui.open('demo');
  await ui.page.route('**/app/HistoryTab-*.js', (route) => route.abort('connectionrefused'));
  await ui.page.getByRole('tab', { name: 'Historia wiadomości' }).click();
  const alert = ui.page.locator('#tab-panel [role="alert"]', { hasText: 'Nie udało się wczytać tej zakładki' });
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain('Kliknij „Spróbuj ponownie”, aby wczytać panel jeszcze raz');

  await ui.page.unroute('**/app/HistoryTab-*.js');
  await Promise.all([ui.page.waitForEvent('load'), alert.getByRole('button', { name: 'Spróbuj ponownie' }).click()]);
  await ui.page.locator('#tab-title-historia').waitFor();
  await expect(ui.page.getByRole('tab', { name: 'Historia wiadomości' }).getAttribute('aria-selected')).resolves.toBe('true');
  await expect(alert.count()).resolves.toBe(0);
}, 60_000);
