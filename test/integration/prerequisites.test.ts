// A machine without Java 17+: `npm start` and `npm test` stop at once with one line saying what to install, not a
// stack trace. Run for real as child processes whose PATH has no `java` (or an old one). A port `npm start` needs
// that something else holds gets one line too, naming the port and the setting that moves it.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JAVA_MISSING_MESSAGE } from '../../local/java';
import { freePort } from '../support/load-child';

// Each case starts a Node process (tsx or jest): seconds on a busy machine.
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
let bin: string;
let oldJavaBin: string;

beforeAll(() => {
  // A PATH with nothing on it, and one whose `java` is Java 11.
  bin = mkdtempSync(join(tmpdir(), 'no-java-'));
  oldJavaBin = mkdtempSync(join(tmpdir(), 'old-java-'));
  writeFileSync(join(oldJavaBin, 'java'), '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n');
  chmodSync(join(oldJavaBin, 'java'), 0o755);
});

afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
  rmSync(oldJavaBin, { recursive: true, force: true });
});

function run(args: string[], path: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env, PATH: path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** `npm start` is `tsx --conditions=import local/start.ts`; a free port, so no DynamoDB Local already answers. */
const npmStart = (path: string) =>
  run([join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=import', 'local/start.ts'], path, {
    DYNAMODB_LOCAL_PORT: '1',
    LOCAL_DATA_DIR: join(bin, 'data'),
  });

/** `npm test` (package.json's own command), on one integration file: its global setup starts DynamoDB Local. */
function npmTest(path: string) {
  const [command, ...args] = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { test: string } }
  ).scripts.test.split(' ');
  expect(command).toBe('jest');
  return run([join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...args, '--ci', 'test/integration/spine.test.ts'], path);
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

test('npm start without java: exit 1 and one line saying what to install', async () => {
  const result = await npmStart(bin);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  // At once: not after DynamoDB Local's 60-second start-up wait.
  expect(result.ms).toBeLessThan(30_000);
  expect(lines(result.stderr)).toEqual([`${JAVA_MISSING_MESSAGE} (no working \`java\` on PATH)`]);
});

test('npm start with Java 11: exit 1 and one line naming the version found', async () => {
  const result = await npmStart(oldJavaBin);
  expect(result.code).toBe(1);
  expect(lines(result.stderr)).toEqual([`${JAVA_MISSING_MESSAGE} (found Java 11)`]);
});

test('npm test without java: stops before any test, with the same one line and no stack trace', async () => {
  const result = await npmTest(bin);
  expect(result.code).toBe(1);
  expect(lines(`${result.stdout}\n${result.stderr}`)).toEqual([`${JAVA_MISSING_MESSAGE} (no working \`java\` on PATH)`]);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/PASS|FAIL|Tests:/);
  expect(result.ms).toBeLessThan(30_000);
});

describe('npm start when a port it needs is taken', () => {
  let holder: Server;
  let held: number;
  beforeAll(async () => {
    held = await freePort();
    holder = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => holder.listen(held, resolve));
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  const start = async (env: Record<string, string>) =>
    run([join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=import', 'local/start.ts'], process.env.PATH ?? '', {
      PORT: String(await freePort()),
      SHOP_SIMULATOR_PORT: String(await freePort()),
      SMSAPI_SIMULATOR_PORT: String(await freePort()),
      DYNAMODB_LOCAL_PORT: String(await freePort()),
      LOCAL_DATA_DIR: join(bin, 'data-ports'),
      ...env,
    });

  test("DynamoDB Local's port: exit 1 and one line naming the port and DYNAMODB_LOCAL_PORT", async () => {
    const result = await start({ DYNAMODB_LOCAL_PORT: String(held) });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `DynamoDB Local could not start: port ${held} is in use. Stop what holds it, or set DYNAMODB_LOCAL_PORT to a free port.`,
    ]);
  });

  test("the app's port: exit 1 and one line naming the port and PORT", async () => {
    const result = await start({ PORT: String(held) });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `The app could not start: port ${held} is in use. Stop what holds it, or set PORT to a free port.`,
    ]);
  });
});
