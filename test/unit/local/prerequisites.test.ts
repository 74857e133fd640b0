// What the local runtime and the browser tests need from the machine: Java's version read from `java -version`,
// and a Chromium found in the documented order (CHROMIUM_PATH, system, Playwright's, the npm package's).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { javaMajorVersion } from '../../../local/java';
import { findChromium, playwrightChromium, systemChromium } from '../../support/browser';

test.each([
  ['openjdk version "17.0.15" 2025-04-15', 17],
  ['openjdk version "21" 2023-09-19', 21],
  ['java version "1.8.0_292"', 8],
  ['openjdk version "11.0.22" 2024-01-16', 11],
  ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25-ea" 2025-09-16', 25],
])('java -version %j is Java %i', (output, major) => {
  expect(javaMajorVersion(output)).toBe(major);
});

test('output without a version is no version', () => {
  expect(javaMajorVersion('bash: java: command not found')).toBeUndefined();
});

describe('finding Chromium', () => {
  let dir: string;
  const executable = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'find-chromium-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('CHROMIUM_PATH wins, and a wrong one is an error that says so', async () => {
    const mine = executable(join(dir, 'my-chrome'));
    expect(await findChromium({ CHROMIUM_PATH: mine, PATH: '' })).toEqual({ path: mine, source: 'CHROMIUM_PATH' });
    await expect(findChromium({ CHROMIUM_PATH: join(dir, 'missing'), PATH: '' })).rejects.toThrow(/CHROMIUM_PATH=.*missing is not a file/);
  });

  test('a chromium or google-chrome on PATH is the system browser', () => {
    const chrome = executable(join(dir, 'bin', 'google-chrome'));
    expect(systemChromium({ PATH: join(dir, 'bin') })).toBe(chrome);
    const chromium = executable(join(dir, 'bin', 'chromium'));
    expect(systemChromium({ PATH: join(dir, 'bin') })).toBe(chromium);
  });

  test("Playwright's newest download is found, full browser or headless shell", () => {
    const browsers = join(dir, 'ms-playwright');
    expect(playwrightChromium({ PLAYWRIGHT_BROWSERS_PATH: browsers })).toBeUndefined();
    executable(join(browsers, 'chromium_headless_shell-1100', 'chrome-linux', 'headless_shell'));
    const newest = executable(join(browsers, 'chromium-1200', 'chrome-linux64', 'chrome'));
    executable(join(browsers, 'chromium-1150', 'chrome-linux', 'chrome'));
    mkdirSync(join(browsers, 'firefox-1500'));
    expect(playwrightChromium({ PLAYWRIGHT_BROWSERS_PATH: browsers })).toBe(newest);
    expect(playwrightChromium({ HOME: dir, PATH: '' })).toBeUndefined();
  });
});
