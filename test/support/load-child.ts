// Starts test/support/load-runtime-child.ts as one node process (tsx loaded in-process with --import, so the pid
// is the runtime itself and SIGKILL leaves no grandchild behind) and waits for its "ready" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ChildRuntime {
  url: string;
  pid: number;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** A hard stop: SIGKILL, nothing runs after it. Resolves when the process is gone. */
  kill(): Promise<void>;
}

/**
 * A port nothing listens on, for a process that binds it a moment later (the child must come back on the same
 * one: the shop holds the webhook URL; DynamoDB Local's Java takes a second or two). Chosen in 20000–32767, below
 * the range Linux hands out for outgoing connections and `listen(0)` (32768 and up): the suites open thousands of
 * those, and one once took a port between the check and Java's bind. Checked on every address, as Java binds
 * 0.0.0.0.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_768);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}

export async function startChildRuntime(env: Record<string, string>, timeoutMs = 90_000): Promise<ChildRuntime> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=import', '--import', 'tsx', join('test', 'support', 'load-runtime-child.ts')],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`LOAD_CHILD_TIMEOUT: not ready after ${timeoutMs} ms\n${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{"ready"')) continue;
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`LOAD_CHILD_EXITED (${code ?? signal}) before it was ready\n${output}`));
    });
  });
  try {
    const { url } = await ready;
    return {
      url,
      pid: child.pid!,
      output: () => output,
      kill: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
