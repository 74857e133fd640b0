// Deployment settings a publisher may change with CDK context (cdk.json or `cdk deploy -c name=value`).
// Read and validated once, so a typo fails the synth with a message instead of deploying a wrong value.
import type { Node } from 'constructs';

export interface DeploymentSettings {
  /** Where alarm notifications are e-mailed; no subscription when absent. */
  readonly alarmEmail?: string;
  /** Most sender functions running at once: the brake on the SMSAPI request rate. */
  readonly senderMaxConcurrency: number;
  readonly smsapiUrl: string;
  readonly smsapiOAuthUrl: string;
  readonly webhookSecretMode: 'random' | 'derived';
  /** DynamoDB deletion protection: on by default, so a mistaken `cdk destroy` cannot drop every shop's data. */
  readonly tableDeletionProtection: boolean;
  /** Active X-Ray tracing of every function: off by default (it would be about a third of the cost per order). */
  readonly tracing: boolean;
  /** Own throttle of each route of a group on the HTTP API, so a flood on one door cannot use up another's. */
  readonly routeThrottles: Readonly<Record<RouteGroup, RouteThrottle>>;
  /**
   * Reserved concurrency per API function: none by default. A reservation is both a floor (the function can always
   * run) and a ceiling (a flood cannot take the account's whole concurrency), but AWS refuses any that would leave
   * fewer than 100 unreserved executions, and a fresh account may have a limit of only 10: so it is opt-in.
   */
  readonly reservedConcurrency: Readonly<Partial<Record<ApiFunction, number>>>;
  /**
   * Custom short domain of the links in SMS (`https://sms.example.pl`); it must route `/l/*` to this app (an alternate
   * domain of the CloudFront distribution). None: links use the distribution's own address.
   */
  readonly shortLinkUrl?: string;
  /** ARN of a CloudFront-scope WAF web ACL (made in us-east-1, e.g. by bin/waf.ts) to attach; none by default. */
  readonly webAclArn?: string;
}

/** The route groups of the HTTP API; each route of a group gets the group's throttle as its own budget. */
export const ROUTE_GROUPS = ['webhooks', 'appstore', 'reports', 'storefront', 'admin', 'links'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** Requests per second (steady) and burst (bucket size), API Gateway's token bucket per route. */
export interface RouteThrottle {
  readonly rate: number;
  readonly burst: number;
}

/** The functions behind the HTTP API: the ones a reservation may be set for. */
export const API_FUNCTIONS = ['webhooks', 'appstore', 'reports', 'storefront', 'admin', 'links'] as const;
export type ApiFunction = (typeof API_FUNCTIONS)[number];

export const DEFAULT_SETTINGS: DeploymentSettings = {
  senderMaxConcurrency: 5,
  smsapiUrl: 'https://api.smsapi.pl',
  smsapiOAuthUrl: 'https://ssl.smsapi.pl',
  webhookSecretMode: 'random',
  tableDeletionProtection: true,
  tracing: false,
  // Shoper's webhooks get the largest budget of their own (a bulk status change sends hundreds at once); the public
  // doors (storefront widget, SMSAPI reports) a smaller one each, so a flood there is refused with 429 at the
  // gateway while webhooks and App Store events still pass. Every route's budget is counted separately.
  routeThrottles: {
    webhooks: { rate: 100, burst: 200 },
    appstore: { rate: 10, burst: 20 },
    reports: { rate: 50, burst: 100 },
    storefront: { rate: 50, burst: 100 },
    admin: { rate: 50, burst: 100 },
    // Short links in SMS: a campaign to thousands of numbers is clicked in a burst.
    links: { rate: 100, burst: 200 },
  },
  reservedConcurrency: {},
};

// API Gateway's account-level limits per region: no route can be given more.
const MAX_RATE = 10_000;
const MAX_BURST = 5_000;

export class SettingsError extends Error {
  constructor(key: string, problem: string) {
    super(`SETTINGS_INVALID: context "${key}" ${problem}`);
  }
}

// Context from the command line arrives as strings, from cdk.json as JSON values: accept both.
const text = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new SettingsError(key, 'must be a string, a number or a boolean');
  }
  return String(value).trim();
};

const httpsUrl = (node: Node, key: string, fallback: string): string => {
  const value = text(node, key) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new SettingsError(key, `is not a URL: ${value}`);
  }
  if (parsed.protocol !== 'https:') throw new SettingsError(key, `must be an https:// URL: ${value}`);
  return value.replace(/\/+$/, '');
};

/**
 * A map setting: `name=value,name=value` on the command line, or a JSON object in cdk.json. Only `names` are
 * accepted, so a misspelt name fails instead of being ignored.
 */
function namedValues<N extends string>(node: Node, key: string, names: readonly N[]): Partial<Record<N, string>> {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return {};
  let entries: [string, unknown][];
  if (typeof value === 'string') {
    entries = value
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const at = part.indexOf('=');
        if (at < 0) throw new SettingsError(key, `must be name=value pairs separated by commas, got "${part.trim()}"`);
        return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
      });
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    entries = Object.entries(value as Record<string, unknown>);
  } else {
    throw new SettingsError(key, 'must be name=value pairs or an object');
  }
  const result: Partial<Record<N, string>> = {};
  for (const [name, raw] of entries) {
    if (!(names as readonly string[]).includes(name)) {
      throw new SettingsError(key, `has an unknown name "${name}" (known: ${names.join(', ')})`);
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new SettingsError(key, `value of ${name} must be text`);
    result[name as N] = String(raw).trim();
  }
  return result;
}

function readRouteThrottles(node: Node): Record<RouteGroup, RouteThrottle> {
  const throttles = { ...DEFAULT_SETTINGS.routeThrottles };
  for (const [group, value] of Object.entries(namedValues(node, 'routeThrottles', ROUTE_GROUPS)) as [RouteGroup, string][]) {
    const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(value);
    const rate = Number(match?.[1]);
    const burst = Number(match?.[2]);
    if (!match || rate <= 0 || rate > MAX_RATE || burst < 1 || burst > MAX_BURST) {
      throw new SettingsError(
        'routeThrottles',
        `${group} must be <requests per second>/<burst>, rate above 0 up to ${MAX_RATE}, burst 1 to ${MAX_BURST}, got ${value}`,
      );
    }
    throttles[group] = { rate, burst };
  }
  return throttles;
}

function readReservedConcurrency(node: Node): Partial<Record<ApiFunction, number>> {
  const reserved: Partial<Record<ApiFunction, number>> = {};
  for (const [name, value] of Object.entries(namedValues(node, 'reservedConcurrency', API_FUNCTIONS)) as [ApiFunction, string][]) {
    const count = Number(value);
    // 0 would switch the function off altogether: that is never what a publisher protecting it means.
    if (!/^\d+$/.test(value) || count < 1 || count > 1000) {
      throw new SettingsError('reservedConcurrency', `${name} must be a whole number from 1 to 1000, got ${value}`);
    }
    reserved[name] = count;
  }
  return reserved;
}

// A web ACL for CloudFront is global (scope CLOUDFRONT) and therefore always lives in us-east-1.
const CLOUDFRONT_WEB_ACL = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

export function readSettings(node: Node): DeploymentSettings {
  const concurrencyText = text(node, 'senderMaxConcurrency');
  const senderMaxConcurrency = concurrencyText === undefined ? DEFAULT_SETTINGS.senderMaxConcurrency : Number(concurrencyText);
  // Lambda's SQS event source accepts a maximum concurrency between 2 and 1000.
  if (!Number.isInteger(senderMaxConcurrency) || senderMaxConcurrency < 2 || senderMaxConcurrency > 1000) {
    throw new SettingsError('senderMaxConcurrency', `must be a whole number from 2 to 1000, got ${concurrencyText}`);
  }

  const mode = text(node, 'webhookSecretMode') ?? DEFAULT_SETTINGS.webhookSecretMode;
  if (mode !== 'random' && mode !== 'derived') {
    throw new SettingsError('webhookSecretMode', `must be "random" or "derived", got ${mode}`);
  }

  const protection = text(node, 'tableDeletionProtection');
  if (protection !== undefined && protection !== 'true' && protection !== 'false') {
    throw new SettingsError('tableDeletionProtection', `must be true or false, got ${protection}`);
  }

  const tracing = text(node, 'tracing');
  if (tracing !== undefined && tracing !== 'true' && tracing !== 'false') {
    throw new SettingsError('tracing', `must be true or false, got ${tracing}`);
  }

  const alarmEmail = text(node, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new SettingsError('alarmEmail', `is not an e-mail address: ${alarmEmail}`);
  }

  const shortLinkUrl = text(node, 'shortLinkUrl') === undefined ? undefined : httpsUrl(node, 'shortLinkUrl', '');

  const webAclArn = text(node, 'webAclArn');
  if (webAclArn !== undefined && !CLOUDFRONT_WEB_ACL.test(webAclArn)) {
    throw new SettingsError(
      'webAclArn',
      'must be the ARN of a CloudFront web ACL, arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id> ' +
        `(the stack of bin/waf.ts prints it), got ${webAclArn}`,
    );
  }

  return {
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    ...(webAclArn === undefined ? {} : { webAclArn }),
    ...(shortLinkUrl === undefined ? {} : { shortLinkUrl }),
    senderMaxConcurrency,
    smsapiUrl: httpsUrl(node, 'smsapiUrl', DEFAULT_SETTINGS.smsapiUrl),
    smsapiOAuthUrl: httpsUrl(node, 'smsapiOAuthUrl', DEFAULT_SETTINGS.smsapiOAuthUrl),
    webhookSecretMode: mode,
    tableDeletionProtection: protection === undefined ? DEFAULT_SETTINGS.tableDeletionProtection : protection === 'true',
    tracing: tracing === undefined ? DEFAULT_SETTINGS.tracing : tracing === 'true',
    routeThrottles: readRouteThrottles(node),
    reservedConcurrency: readReservedConcurrency(node),
  };
}
