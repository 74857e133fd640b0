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
}

export const DEFAULT_SETTINGS: DeploymentSettings = {
  senderMaxConcurrency: 5,
  smsapiUrl: 'https://api.smsapi.pl',
  smsapiOAuthUrl: 'https://ssl.smsapi.pl',
  webhookSecretMode: 'random',
  tableDeletionProtection: true,
  tracing: false,
};

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

export function readSettings(node: Node): DeploymentSettings {
  const concurrencyText = text(node, 'senderMaxConcurrency');
  const senderMaxConcurrency =
    concurrencyText === undefined ? DEFAULT_SETTINGS.senderMaxConcurrency : Number(concurrencyText);
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

  return {
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    senderMaxConcurrency,
    smsapiUrl: httpsUrl(node, 'smsapiUrl', DEFAULT_SETTINGS.smsapiUrl),
    smsapiOAuthUrl: httpsUrl(node, 'smsapiOAuthUrl', DEFAULT_SETTINGS.smsapiOAuthUrl),
    webhookSecretMode: mode,
    tableDeletionProtection: protection === undefined ? DEFAULT_SETTINGS.tableDeletionProtection : protection === 'true',
    tracing: tracing === undefined ? DEFAULT_SETTINGS.tracing : tracing === 'true',
  };
}
