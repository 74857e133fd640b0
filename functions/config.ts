// One typed, validated reading of the environment. Secrets come from the environment locally and from SSM
// SecureString parameters (under SECRETS_PARAMETER_PREFIX) in AWS.
import * as z from 'zod/mini';
import '#domain/zod-mini';

// z.url()'s own check (trimmed, then URL.canParse; tabs and newlines dropped; "Invalid URL") written as a transform:
// zod's URL schema would add 2 KB to every bundle for these few settings.
const url = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const trimmed = value.trim();
    if (!URL.canParse(trimmed)) {
      ctx.issues.push({ code: 'invalid_format', format: 'url', input: value });
      return z.NEVER;
    }
    return trimmed.replace(/[\t\n\r]/g, '').replace(/\/+$/, '');
  }),
);
const optional = z.optional(z.string().check(z.minLength(1)));
const name = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);
// z.int()'s own check (issues that read the same: readConfig shows only their messages) without zod's number-format
// schema, which would add 1 KB to every bundle. A fraction stops the checks that follow, as z.int() does.
const int = () =>
  z.check<number>((payload) => {
    const input = payload.value;
    if (!Number.isInteger(input)) payload.issues.push({ code: 'invalid_type', expected: 'int', continue: false, input });
    else if (!Number.isSafeInteger(input)) {
      payload.issues.push(
        input > 0
          ? { code: 'too_big', maximum: Number.MAX_SAFE_INTEGER, origin: 'int', inclusive: true, continue: true, input }
          : { code: 'too_small', minimum: Number.MIN_SAFE_INTEGER, origin: 'int', inclusive: true, continue: true, input },
      );
    }
  });
// z.regex() and z.enum() the same way (the same issues and messages, without zod's string-format and enum schemas).
const matching = (pattern: RegExp) =>
  z.check<string>((payload) => {
    if (!pattern.test(payload.value))
      payload.issues.push({ code: 'invalid_format', format: 'regex', pattern: pattern.toString(), input: payload.value });
  });
const oneOf = <const T extends string>(values: readonly T[]) =>
  z.string().check(
    z.check<string>((payload) => {
      if (!(values as readonly string[]).includes(payload.value))
        payload.issues.push({ code: 'invalid_value', values: [...values], input: payload.value });
    }),
  ) as unknown as z.ZodMiniType<T>;
const whole = (min: number, fallback: number, max?: number) =>
  z._default(z.coerce.number().check(int(), z.minimum(min), ...(max === undefined ? [] : [z.maximum(max)])), fallback);

export const ConfigSchema = z.object({
  TABLE_NAME: name('sms-notifications'),
  EVENTS_QUEUE_URL: optional,
  SENDS_QUEUE_URL: optional,
  SENDS_QUEUE_ARN: optional,
  SCHEDULE_GROUP: name('sms-notifications'),
  SCHEDULER_ROLE_ARN: optional,
  SCHEDULES_DLQ_ARN: optional,
  KMS_KEY_ID: optional,
  /** Public base URL of the API (webhook, App Store, SMSAPI callback and storefront routes). */
  PUBLIC_URL: z._default(url, 'http://127.0.0.1:3000'),
  /** Where the admin SPA is served (the iframe URL entered in the App Store). */
  APP_URL: z._default(url, 'http://127.0.0.1:3000/app'),
  /**
   * Custom short domain of the SMS links (`https://sms.example.pl`: links read `<it>/l/<code>`); it must route `/l/*`
   * to this API. Unset: links use PUBLIC_URL.
   */
  SHORT_LINK_URL: z.optional(url),
  SMSAPI_URL: z._default(url, 'https://api.smsapi.pl'),
  /**
   * SMSAPI's OAuth web flow (only used when SMSAPI_CLIENT_ID/SECRET are set; PROTOCOLS.md, Corrections): the host,
   * and the authorize and token URLs, which default to `${SMSAPI_OAUTH_URL}/oauth/access` and
   * `${SMSAPI_OAUTH_URL}/api/oauth/token` (SMSAPI's 2019 flow). SMSAPI moved it since (2021: `https://oauth.smsapi.io`):
   * set all three from what SMSAPI gives with the client id.
   */
  SMSAPI_OAUTH_URL: z._default(url, 'https://ssl.smsapi.pl'),
  SMSAPI_OAUTH_AUTHORIZE_URL: z.optional(url),
  SMSAPI_OAUTH_TOKEN_URL: z.optional(url),
  /** Scopes asked for: sending, the profile (login, points) and sender names. */
  SMSAPI_OAUTH_SCOPE: z._default(z.string().check(matching(/^[a-z_]+(,[a-z_]+)*$/)), 'sms,profile,sms_sender'),
  SMSAPI_MAX_PARTS: whole(1, 6, 10),
  SMSAPI_TIMEOUT_MS: whole(100, 10_000),
  SENDER_MAX_ATTEMPTS: whole(1, 5, 20),
  /**
   * `random`: the app registers one webhook per event with a random per-shop secret; `derived`: the app registers
   * none, the publisher configures them in the App Store panel, verified with the per-shop derived secret.
   */
  WEBHOOK_SECRET_MODE: z._default(oneOf(['random', 'derived']), 'random'),
  /** How long one run of the uninstall purge works before it queues its continuation (the planner has 60 s). */
  // At most 30 s: the planner starts a message only while 35 s of its 60 remain (PLANNER_RESERVE_MS), so a purge
  // run always ends before the function's timeout.
  UNINSTALL_PURGE_BUDGET_MS: whole(1, 20_000, 30_000),
  SESSION_TTL_SECONDS: whole(60, 3600),
  IFRAME_MAX_AGE_SECONDS: whole(30, 600),
  /** Header carrying the shopper's address when a CDN sits in front (`cloudfront-viewer-address` in AWS). */
  VIEWER_ADDRESS_HEADER: optional,
  /**
   * A secret CloudFront adds to its origin requests (header ORIGIN_SECRET_HEADER, `x-origin-secret`). When set, the
   * viewer address header is believed only on requests that carry it: one sent straight to the API endpoint is
   * counted by its own connection address, whatever it claims. In AWS the value is read instead from the parameter
   * named by ORIGIN_SECRET_HEADER_VALUE_PARAM (CloudFront's generated secret, set by the stack).
   */
  VIEWER_ADDRESS_SECRET: z.optional(z.string().check(z.minLength(16))),
  ORIGIN_SECRET_HEADER_VALUE_PARAM: optional,
  SECRETS_PARAMETER_PREFIX: optional,
  APPSTORE_SECRET: optional,
  SHOPER_CLIENT_ID: optional,
  SHOPER_CLIENT_SECRET: optional,
  SMSAPI_CLIENT_ID: optional,
  SMSAPI_CLIENT_SECRET: optional,
  SESSION_SECRET: optional,
  WEBHOOK_SECRET_KEY: optional,
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`CONFIG_INVALID: ${issues.join('; ')}`);
  }
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

export interface Secrets {
  appstoreSecret: string;
  shoperClientId: string;
  shoperClientSecret: string;
  smsapiClientId: string;
  smsapiClientSecret: string;
  sessionSecret: string;
  webhookSecretKey: string;
  /** CloudFront's origin secret (see VIEWER_ADDRESS_SECRET); unset when no CDN sits in front. */
  viewerAddressSecret?: string;
}

/** SSM parameter names (below SECRETS_PARAMETER_PREFIX) of each secret: what a publisher creates before deploying. */
/** Secrets a publisher stores under SECRETS_PARAMETER_PREFIX (the origin secret is the stack's own). */
export type PublisherSecret = Exclude<keyof Secrets, 'viewerAddressSecret'>;

export const SECRET_PARAMETERS: Record<PublisherSecret, string> = {
  appstoreSecret: 'appstore-secret',
  shoperClientId: 'shoper-client-id',
  shoperClientSecret: 'shoper-client-secret',
  smsapiClientId: 'smsapi-client-id',
  smsapiClientSecret: 'smsapi-client-secret',
  sessionSecret: 'session-secret',
  webhookSecretKey: 'webhook-secret-key',
};

/** Whether the webhook key is required: in `derived` mode it signs every webhook (without it all would be refused). */
export const webhookKeyRequired = (config: Pick<Config, 'WEBHOOK_SECRET_MODE'>): boolean => config.WEBHOOK_SECRET_MODE === 'derived';

/** Secrets straight from the environment (local runtime and tests). */
export function secretsFromEnv(config: Config): Secrets {
  const missing: string[] = [];
  const need = (name: keyof Config) => {
    const value = config[name];
    if (typeof value !== 'string' || value === '') missing.push(name);
    return String(value ?? '');
  };
  const secrets: Secrets = {
    appstoreSecret: need('APPSTORE_SECRET'),
    shoperClientId: need('SHOPER_CLIENT_ID'),
    shoperClientSecret: need('SHOPER_CLIENT_SECRET'),
    smsapiClientId: config.SMSAPI_CLIENT_ID ?? '',
    smsapiClientSecret: config.SMSAPI_CLIENT_SECRET ?? '',
    sessionSecret: need('SESSION_SECRET'),
    // Derived mode verifies every webhook with it: without it every webhook would be refused, so it is no option.
    webhookSecretKey: webhookKeyRequired(config) ? need('WEBHOOK_SECRET_KEY') : (config.WEBHOOK_SECRET_KEY ?? ''),
    viewerAddressSecret: config.VIEWER_ADDRESS_SECRET,
  };
  if (missing.length > 0) throw new ConfigError(missing.map((m) => `${m}: required`));
  return secrets;
}
