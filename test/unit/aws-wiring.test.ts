// Each Lambda function wires only some AWS ports (functions/composition.ts): a port it calls but did not wire would
// fail only in AWS (PORT_NOT_WIRED), and one it wires without calling loads an SDK client for nothing. This reads
// what each bundle contains (esbuild, as CDK bundles it) and checks the wiring against the ports its code uses.
import { build } from 'esbuild';
import { join } from 'node:path';
import { PORT_NAMES, type AwsPortName } from '../../functions/composition';

const ROOT = join(__dirname, '..', '..');
const HANDLERS = ['appstore', 'webhooks', 'planner', 'sender', 'reports', 'admin', 'storefront', 'stats'];
// `deps2.cipher` when esbuild renamed a clashing `deps`.
const PORT_USE = new RegExp(`\\bdeps\\d*\\.(${PORT_NAMES.join('|')})\\b`, 'g');

async function portsUsedBy(handler: string): Promise<{ used: AwsPortName[]; sdk: string[]; inputs: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, 'functions', 'handlers', `${handler}.ts`)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    conditions: ['import', 'module'],
    metafile: true,
    logLevel: 'silent',
    outfile: 'out.js',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  // The bundle as built (not minified): tree shaking has dropped the functions this handler never reaches, so a
  // module shared by two functions (send-batch.ts: the planner dispatches, the sender sends) counts only its part.
  const used = new Set<AwsPortName>();
  for (const match of result.outputFiles[0]!.text.matchAll(PORT_USE)) used.add(match[1] as AwsPortName);
  const sdk = [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path))].sort();
  return { used: PORT_NAMES.filter((p) => used.has(p)), sdk, inputs: Object.keys(output.inputs) };
}

const SDK_OF: Partial<Record<AwsPortName, string[]>> = {
  store: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  shortLinks: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  signUps: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  baskets: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  counters: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  jobs: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  sendLimits: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  stats: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  eventsQueue: ['@aws-sdk/client-sqs'],
  sendsQueue: ['@aws-sdk/client-sqs'],
  scheduler: ['@aws-sdk/client-scheduler'],
  cipher: ['@aws-sdk/client-kms'],
  secrets: ['@aws-sdk/client-ssm'],
  shopPurge: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  smsapiAccount: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  staffAlerts: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
};
/** SDK packages a handler imports itself: the stream consumer unmarshalls the stream's images. */
const OWN_SDK: Record<string, string[]> = { stats: ['@aws-sdk/util-dynamodb'] };

/**
 * Every function parses with zod/mini, the route contracts (#contracts/*) included: one classic zod import anywhere
 * in a bundle's reach would add ~65 KB to it.
 */
const ZOD_MINI_ONLY = HANDLERS;

describe.each(HANDLERS)('the %s function', (handler) => {
  test('wires exactly the ports its code calls, and its bundle loads only their SDK clients', async () => {
    const { getDeps } = (await import(`../../functions/handlers/${handler}`)) as { getDeps: { ports: AwsPortName[] } };
    const { used, sdk } = await portsUsedBy(handler);
    expect(getDeps.ports).toEqual(used);
    expect(sdk).toEqual([...new Set([...used.flatMap((p) => SDK_OF[p] ?? []), ...(OWN_SDK[handler] ?? [])])].sort());
  }, 30_000);

  if (ZOD_MINI_ONLY.includes(handler)) {
    test('parses with zod/mini only (functions/domain/zod-mini.ts), without classic zod', async () => {
      const { inputs } = await portsUsedBy(handler);
      expect(inputs.filter((i) => i.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    }, 30_000);
  }
});
