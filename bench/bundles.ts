// Per Lambda function: the minified bundle's size (built as the CDK stack builds it), what it is made of, and its
// local cold initialisation — loading the bundle and building its ports (its getDeps) in a fresh Node process —
// against loading the AWS SDK packages it imports alone, and against an empty module loaded the same way.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HANDLERS = ['appstore', 'webhooks', 'planner', 'sender', 'reports', 'admin', 'storefront'] as const;
/** Every AWS SDK package a function may import: what each function loaded before it wired only its own ports. */
export const ALL_SDK = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-scheduler',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-ssm',
];
const ROOT = join(__dirname, '..');

export interface BundleFigure {
  name: string;
  bytes: number;
  /** require() of the bundle and its getDeps(), median ms. */
  coldInitMs: number;
  /** The AWS SDK packages the bundle imports (external, as in Lambda). */
  sdk: string[];
  /** require() of those SDK packages alone, median ms. */
  sdkAloneMs: number;
  /** What the bundle is made of, largest first: npm packages by name, the app's own code as "app code". */
  parts: { name: string; bytes: number }[];
  /** The app's own modules, largest first. */
  appModules: { name: string; bytes: number }[];
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

const bySize = (m: Map<string, number>) => [...m].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);

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
  const app = new Map<string, number>();
  const sdk = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(packageOf(input), (parts.get(packageOf(input)) ?? 0) + bytesInOutput);
      if (packageOf(input) === 'app code') app.set(input.replace(/^functions\//, ''), bytesInOutput);
    }
    for (const i of output.imports) if (i.external && i.path.startsWith('@aws-sdk/')) sdk.add(i.path);
  }
  return { bytes: statSync(outfile).size, parts: bySize(parts), appModules: bySize(app), sdk: [...sdk].sort() };
}

/**
 * Per script, the median of `runs` fresh processes running it (each prints its own elapsed ms). The scripts take
 * turns, so a busy moment of a shared machine hits all of them alike.
 */
function medians(scripts: string[], runs: number): number[] {
  const times = scripts.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    scripts.forEach((script, s) => {
      const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...ENV }, cwd: ROOT }).toString();
      times[s]!.push(Number(out));
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

const timed = (body: string) =>
  `const t=process.hrtime.bigint();${body}.then(()=>{process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))})`;

/** Require the bundle and await its getDeps (config, logger, its SDK clients built). */
const coldInit = (file: string) => timed(`const m=require(${JSON.stringify(file)});Promise.resolve(m.getDeps?m.getDeps():0)`);

/** Require these SDK packages and nothing else. */
const sdkAlone = (packages: string[]) => timed(`${packages.map((p) => `require(${JSON.stringify(p)});`).join('')}Promise.resolve()`);

export async function measureBundles(runs = 7): Promise<{ baselineMs: number; allSdkMs: number; figures: BundleFigure[] }> {
  // Inside the project, so the bundles find the AWS SDK in node_modules as Lambda finds it in the runtime.
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-bundles');
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, 'empty.js');
  writeFileSync(empty, 'module.exports = {};');
  const [baselineMs, allSdkMs] = medians([timed(`require(${JSON.stringify(empty)});Promise.resolve()`), sdkAlone(ALL_SDK)], runs);
  const figures: BundleFigure[] = [];
  for (const name of HANDLERS) {
    const file = join(dir, `${name}.js`);
    const built = await bundle(join(ROOT, 'functions', 'handlers', `${name}.ts`), file);
    const [sdkAloneMs, coldInitMs] = medians([sdkAlone(built.sdk), coldInit(file)], runs);
    figures.push({ name, ...built, sdkAloneMs: sdkAloneMs!, coldInitMs: coldInitMs! });
  }
  return { baselineMs: baselineMs!, allSdkMs: allSdkMs!, figures };
}
