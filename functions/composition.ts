// The AWS composition root: builds a function's ports once per Lambda container, from the validated configuration.
// Each function names the ports it calls (its handler file, with the factories in functions/aws/), so its bundle
// requires only those AWS SDK clients: loading a client costs cold-start time whether it is used or not. A port
// a function did not name fails loudly on first use. The local runtime has its own root (local/composition.ts).
import { readConfig, type Config } from '#config';
import { createJsonLogger } from '#adapters/json-logger';
import type { Deps } from '#services/deps';
import type { Clock } from '#services/ports';

/** The ports a function may or may not need; the rest of Deps (config, clock, logger) every function gets. */
export type AwsPortName =
  | 'store'
  | 'jobs'
  | 'sendLimits'
  | 'stats'
  // Storefront and links storage.
  | 'shortLinks'
  | 'signUps'
  | 'baskets'
  | 'counters'
  | 'eventsQueue'
  | 'sendsQueue'
  | 'scheduler'
  | 'cipher'
  | 'secrets'
  | 'sms'
  // The shop side's repositories (functions/aws/dynamodb.ts).
  | 'shopPurge'
  | 'smsapiAccount'
  | 'staffAlerts'
  // HTTP to Shoper and SMSAPI's OAuth endpoint (functions/aws/http.ts): no SDK client, but code only some functions run.
  | 'shoperHttp'
  | 'smsapiOAuth';
export interface AwsContext {
  config: Config;
  clock: Clock;
}
export type AwsPorts = { [K in AwsPortName]?: (context: AwsContext) => Deps[K] };

export const PORT_NAMES: readonly AwsPortName[] = [
  'store',
  'jobs',
  'sendLimits',
  'stats',
  // Storefront and links storage.
  'shortLinks',
  'signUps',
  'baskets',
  'counters',
  'eventsQueue',
  'sendsQueue',
  'scheduler',
  'cipher',
  'secrets',
  'sms',
  // The shop side's repositories.
  'shopPurge',
  'smsapiAccount',
  'staffAlerts',
  'shoperHttp',
  'smsapiOAuth',
];

function notWired(fn: string, port: AwsPortName): never {
  throw new Error(`PORT_NOT_WIRED: the ${fn} function does not wire "${port}"; add it in functions/handlers/${fn}.ts`);
}

/** Stands in for a port the function did not name: any use of it throws PORT_NOT_WIRED. */
function missingPort(fn: string, port: AwsPortName): never {
  if (port === 'secrets') return (() => Promise.reject(new Error(`PORT_NOT_WIRED: ${fn} has no secrets`))) as never;
  // `then` answers undefined, so awaiting the port by mistake does not throw from inside a promise machinery.
  return new Proxy({}, { get: (_target, prop) => (prop === 'then' ? undefined : notWired(fn, port)) }) as never;
}

/** `getDeps` for the function `fn`: builds config, logger and the named ports on first call, then reuses them. */
export function awsDeps(fn: string, ports: AwsPorts): (() => Promise<Deps>) & { ports: AwsPortName[] } {
  let deps: Promise<Deps> | undefined;
  const getDeps = () =>
    (deps ??= (async (): Promise<Deps> => {
      const config = readConfig();
      // The function's name (POWERTOOLS_SERVICE_NAME, set by lib/constructs/handler-function.ts) marks its lines.
      const logger = createJsonLogger({ service: process.env.POWERTOOLS_SERVICE_NAME ?? fn });
      const clock = { now: () => new Date() };
      const context: AwsContext = { config, clock };
      const port = <K extends AwsPortName>(name: K): Deps[K] => {
        const build = ports[name] as ((c: AwsContext) => Deps[K]) | undefined;
        return build ? build(context) : missingPort(fn, name);
      };
      return {
        config,
        clock,
        logger,
        store: port('store'),
        jobs: port('jobs'),
        sendLimits: port('sendLimits'),
        // Storefront and links storage.
        shortLinks: port('shortLinks'),
        signUps: port('signUps'),
        baskets: port('baskets'),
        counters: port('counters'),
        stats: port('stats'),
        eventsQueue: port('eventsQueue'),
        sendsQueue: port('sendsQueue'),
        scheduler: port('scheduler'),
        cipher: port('cipher'),
        secrets: port('secrets'),
        sms: port('sms'),
        // The shop side's repositories.
        shopPurge: port('shopPurge'),
        smsapiAccount: port('smsapiAccount'),
        staffAlerts: port('staffAlerts'),
        shoperHttp: port('shoperHttp'),
        smsapiOAuth: port('smsapiOAuth'),
      };
    })().catch((error) => {
      deps = undefined;
      throw error;
    }));
  return Object.assign(getDeps, { ports: PORT_NAMES.filter((name) => ports[name]) });
}
