// Per Lambda function: the minified bundle's size (built as the CDK stack builds it) and its local cold
// initialisation — loading the bundle and building its clients (the AWS composition root) in a fresh Node
// process — against an empty module loaded the same way.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HANDLERS = ['appstore', 'webhooks', 'planner', 'sender', 'reports', 'admin', 'storefront'] as const;
const ROOT = join(__dirname, '..');

export interface BundleFigure {
  name: string;
  bytes: number;
  coldInitMs: number;
  /** What the bundle is made of, largest first: npm packages by name, the app's own code as "app code". */
  parts: { name: string; bytes: number }[];
}

const ENV = {
  TABLE_NAME: 'bench',
  KMS_KEY_ID: 'arn:aws:kms:eu-central-1:000000000000:key/bench',
  EVENTS_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/000000000000/events',
  SENDS_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/000000000000/sends',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  APPSTORE_SECRET: 'bench',
  SHOPER_CLIENT_ID: 'bench',
  SHOPER_CLIENT_SECRET: 'bench',
  SESSION_SECRET: 'bench-bench-bench-bench-bench-bench',
};

/** node_modules/@scope/pkg/... -> @scope/pkg; anything else is the app's own code. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1]! : 'app code';
}

async function bundle(entry: string, outfile: string) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    conditions: ['import', 'module'],
    logLevel: 'silent',
    metafile: true,
  });
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(packageOf(input), (parts.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return {
    bytes: statSync(outfile).size,
    parts: [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** Median of `runs` fresh processes: time to require the bundle and await its composition root. */
function coldInit(file: string, runs: number): number {
  const script = `const t=process.hrtime.bigint();const m=require(${JSON.stringify(file)});Promise.resolve(m.__init?m.__init():0).then(()=>{process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))})`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...ENV }, cwd: ROOT }).toString();
    times.push(Number(out));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function measureBundles(runs = 7): Promise<{ baselineMs: number; figures: BundleFigure[] }> {
  // Inside the project, so the bundles find the AWS SDK in node_modules as Lambda finds it in the runtime.
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-bundles');
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, 'empty.js');
  writeFileSync(empty, 'module.exports = {};');
  const baselineMs = coldInit(empty, runs);
  const figures: BundleFigure[] = [];
  for (const name of HANDLERS) {
    const handlerFile = join(ROOT, 'functions', 'handlers', `${name}.ts`);
    const { bytes, parts } = await bundle(handlerFile, join(dir, `${name}.js`));
    // The same bundle plus an export of the composition root, so the clients get built too.
    const wrapper = join(dir, `${name}-init.ts`);
    writeFileSync(
      wrapper,
      `export { handler } from ${JSON.stringify(handlerFile)};\nimport { awsDeps } from ${JSON.stringify(join(ROOT, 'functions', 'composition.ts'))};\nexport const __init = () => awsDeps();\n`,
    );
    const initFile = join(dir, `${name}-init.js`);
    await bundle(wrapper, initFile);
    figures.push({ name, bytes, parts, coldInitMs: coldInit(initFile, runs) });
  }
  return { baselineMs, figures };
}
