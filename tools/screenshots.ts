// Screenshots of every admin tab (Polish, 1200×800) for the README (docs/screenshots): starts the whole local product on free
// ports, fills a demo shop, opens the app as the Shoper iframe would and saves docs/screenshots/<tab>.png.
// Run: npx tsx tools/screenshots.ts
import './node-esm-only';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalRuntime } from '../local/runtime';
import { FRONTEND_DIST } from '../local/static';
import { buildAdminApp } from '../frontend/build';
import { launchChromium } from '../test/support/browser';
import { seedDemoShop } from '../test/support/demo-seed';

export const SCREENSHOT_TABS = [
  'konto',
  'nowe-zamowienia',
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
  'zespol',
] as const;

async function main() {
  const outDir = join(__dirname, '..', 'docs', 'screenshots');
  mkdirSync(outDir, { recursive: true });
  await buildAdminApp(FRONTEND_DIST);
  const rt = await startLocalRuntime({
    port: 0,
    shopPort: 0,
    smsapiPort: 0,
    dynamoPort: 18_900 + Math.floor(Math.random() * 90),
    quiet: true,
    pollIntervalMs: 20,
    smsapiReportDelayMs: 50,
  });
  const browser = await launchChromium();
  try {
    await seedDemoShop(rt, 'demo', { daysOfHistory: 14 });
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'pl-PL' });
    await page.goto(rt.shop.iframeUrl('demo'));
    await page.getByRole('tab', { name: 'Konto SMSAPI' }).waitFor();
    for (const tab of SCREENSHOT_TABS) {
      await page.locator(`#tab-${tab}`).click();
      await page.locator('#tab-panel .loading').waitFor({ state: 'detached' });
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(outDir, `${tab}.png`), fullPage: false });
      process.stdout.write(`docs/screenshots/${tab}.png\n`);
    }
  } finally {
    await browser.close();
    await rt.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
