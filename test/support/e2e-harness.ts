// What the admin e2e tests share: the SPA built and served by the local runtime, a fresh runtime per test file
// (own tables), headless Chromium, and a page opened the way the Shoper admin opens the iframe.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalRuntime } from '../../local/runtime';
import { FRONTEND_DIST } from '../../local/static';
import { buildAdminApp } from '../../frontend/build';
import { launchChromium } from './browser';

/**
 * Builds the SPA into a private directory, then moves each file into dist/frontend/app in one rename, so test
 * files running side by side never serve a half-written bundle. The chunks go first, then app.js that imports
 * them, index.html last.
 */
export async function buildAdminForTests(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'admin-spa-'));
  await buildAdminApp(scratch);
  const target = join(FRONTEND_DIST, 'app');
  mkdirSync(target, { recursive: true });
  const last = ['app.js', 'index.html'];
  const files = readdirSync(join(scratch, 'app')).sort((a, b) => last.indexOf(a) - last.indexOf(b));
  for (const file of files) {
    const staged = join(target, `.${file}.${process.pid}`);
    writeFileSync(staged, readFileSync(join(scratch, 'app', file)));
    renameSync(staged, join(target, file));
  }
}

export interface AdminSession {
  browser: Browser;
  page: Page;
  /** Opens the app as the shop's admin panel does (fresh signed parameters), on a tab. */
  open(slug: string, tab?: string, extraQuery?: string): Promise<void>;
  /** Clicks a tab in the side bar and waits until it has loaded. */
  tab(label: string | RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function openAdmin(rt: LocalRuntime): Promise<AdminSession> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  // confirm() before deleting or discarding: the merchant says yes unless a test says otherwise.
  page.on('dialog', (dialog) => void dialog.accept());
  const waitLoaded = async () => {
    await page.locator('[role="tabpanel"]').waitFor();
    await page.locator('#tab-panel .loading').waitFor({ state: 'detached' });
  };
  return {
    browser,
    page,
    async open(slug, tab, extraQuery) {
      const url = rt.shop.iframeUrl(slug) + (extraQuery ? `&${extraQuery}` : '') + (tab ? `#${tab}` : '');
      // Leave first: the same URL again (same second, same hash) would only be a fragment change, not a fresh load.
      await page.goto('about:blank');
      await page.goto(url);
      await waitLoaded();
    },
    async tab(label) {
      await page.getByRole('tab', { name: label }).click();
      await waitLoaded();
    },
    async close() {
      await browser.close();
    },
  };
}
