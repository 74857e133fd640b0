// Headless Chromium for the e2e tests and the screenshot script, driven by playwright-core. The browser is found
// in this order: CHROMIUM_PATH; a system Chromium or Chrome; one installed by Playwright; and last the Chromium
// that `npm install` brings (the @sparticuz/chromium devDependency ships it brotli-packed; it is unpacked once
// into node_modules/.cache). So `npm install && npm test` needs no browser from the system.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/**
 * Flags for a machine without a display or a network: headless, no sandbox (root in a container), and no
 * background traffic (updates, sync, QUIC), whose connections the closed network would refuse. The npm browser's
 * own recommended flags are left out on purpose: --disable-web-security would switch off the same-origin and
 * CORS rules the widget and markup tests rely on, and --single-process / --no-zygote are for AWS Lambda.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Names of a system Chromium or Chrome, looked up on PATH and in the usual places. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
];

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'playwright' | 'npm';
export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A system Chromium/Chrome: on PATH first, then the usual install paths. */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) if (isFile(join(dir, name))) return join(dir, name);
  }
  return SYSTEM_PATHS.find(isFile);
}

/** The newest browser in Playwright's download folder (PLAYWRIGHT_BROWSERS_PATH or ~/.cache/ms-playwright). */
export function playwrightChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.PLAYWRIGHT_BROWSERS_PATH || join(env.HOME || homedir(), '.cache', 'ms-playwright');
  if (!existsSync(base)) return undefined;
  const candidates = readdirSync(base)
    .map((name) => /^(chromium|chromium_headless_shell)-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(b[2]) - Number(a[2]) || (a[1] === 'chromium' ? -1 : 1))
    .flatMap((m) =>
      [
        'chrome-linux64/chrome',
        'chrome-linux/chrome',
        'chrome-headless-shell-linux64/chrome-headless-shell',
        'chrome-linux/headless_shell',
      ].map((file) => join(base, m[0], file)),
    );
  return candidates.find(isFile);
}

/**
 * The Chromium inside the @sparticuz/chromium package, unpacked once into node_modules/.cache/chromium-<version>.
 * The package unpacks into os.tmpdir(); a child process with TMPDIR pointed at a private folder does it, and the
 * folder is renamed into place whole, so test workers unpacking at the same time never see a half-written browser.
 */
export async function npmChromium(): Promise<string | undefined> {
  const require = createRequire(join(ROOT, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  const version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const cache = join(ROOT, 'node_modules', '.cache');
  const target = join(cache, `chromium-${version}`);
  const binary = join(target, 'chromium');
  if (isFile(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, `.chromium-${version}-`));
  try {
    const script = "const { default: c } = await import('@sparticuz/chromium'); process.stdout.write(await c.executablePath());";
    const unpacked = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', script],
        { cwd: ROOT, env: { ...process.env, TMPDIR: scratch }, timeout: 120_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`unpacking @sparticuz/chromium failed: ${stderr || error.message}`)) : resolve(stdout.trim()),
      ),
    );
    if (unpacked !== join(scratch, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, expected ${scratch}`);
    try {
      renameSync(scratch, target);
    } catch (error) {
      // Another process got there first: its copy is complete (renamed whole); use it.
      if (!isFile(binary)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

/** The browser to drive, in the order above; fails with what to do when there is none. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  if (env.CHROMIUM_PATH) {
    if (!isFile(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not a file: point it at a Chromium or Chrome binary, or unset it`);
    return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  const system = systemChromium(env);
  if (system) return { path: system, source: 'system' };
  const playwright = playwrightChromium(env);
  if (playwright) return { path: playwright, source: 'playwright' };
  const npm = await npmChromium();
  if (npm) return { path: npm, source: 'npm' };
  throw new Error('No Chromium found: run `npm install` (it brings one), or set CHROMIUM_PATH to a Chromium or Chrome binary');
}

let found: Promise<FoundBrowser> | undefined;

export async function launchChromium(): Promise<Browser> {
  found ??= findChromium();
  const { path } = await found;
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
}
