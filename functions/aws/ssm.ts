// The secrets port: SSM SecureString parameters under SECRETS_PARAMETER_PREFIX (the environment when no prefix is
// set), read in one GetParameters request on first use and kept five minutes, for the AWS composition root. The SDK
// client directly rather than Powertools Parameters: one request is all it takes, and every bundle is 12 KB smaller.
import { GetParameterCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SECRET_PARAMETERS, secretsFromEnv, webhookKeyRequired, type Config, type PublisherSecret, type Secrets } from '#config';
import type { AwsPorts } from '../composition';

/** A rotated secret is picked up within this long. */
export const SECRETS_MAX_AGE_MS = 5 * 60_000;

export async function loadSecrets(client: Pick<SSMClient, 'send'>, config: Config): Promise<Secrets> {
  const prefix = config.SECRETS_PARAMETER_PREFIX;
  if (!prefix) return secretsFromEnv(config);
  const nameOf = (key: PublisherSecret) => `${prefix}/${SECRET_PARAMETERS[key]}`;
  const origin = config.ORIGIN_SECRET_HEADER_VALUE_PARAM;
  const [answer, originValue] = await Promise.all([
    // Seven names: GetParameters takes up to ten.
    client.send(new GetParametersCommand({ Names: Object.values(SECRET_PARAMETERS).map((n) => `${prefix}/${n}`), WithDecryption: true })),
    // CloudFront's origin secret: a Secrets Manager secret read through its Parameter Store reference, which only
    // GetParameter resolves (and the only SSM action the stack grants on that name).
    origin
      ? client.send(new GetParameterCommand({ Name: origin, WithDecryption: true })).then((r) => r.Parameter?.Value)
      : Promise.resolve(undefined),
  ]);
  const values = new Map((answer.Parameters ?? []).map((p) => [p.Name, p.Value]));
  const pick = (key: PublisherSecret, optional = false) => {
    const value = values.get(nameOf(key));
    if (typeof value !== 'string' || value === '') {
      if (optional) return '';
      const why = key === 'webhookSecretKey' ? ', required with WEBHOOK_SECRET_MODE=derived' : '';
      throw new Error(`CONFIG_INVALID: SSM parameter ${nameOf(key)} is missing${why} (${(answer.InvalidParameters ?? []).join(', ')})`);
    }
    return value;
  };
  return {
    appstoreSecret: pick('appstoreSecret'),
    shoperClientId: pick('shoperClientId'),
    shoperClientSecret: pick('shoperClientSecret'),
    smsapiClientId: pick('smsapiClientId', true),
    smsapiClientSecret: pick('smsapiClientSecret', true),
    sessionSecret: pick('sessionSecret'),
    webhookSecretKey: pick('webhookSecretKey', !webhookKeyRequired(config)),
    // Refuse to run without it rather than trust every forwarded viewer address.
    ...(origin ? { viewerAddressSecret: required(originValue, origin) } : {}),
  };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`CONFIG_INVALID: SSM parameter ${name} is missing`);
  return value;
}

export const ssmSecrets: AwsPorts = {
  secrets: ({ config, clock }) => {
    const client = new SSMClient({});
    let cached: { at: number; secrets: Promise<Secrets> } | undefined;
    return () => {
      const now = clock.now().getTime();
      if (!cached || now - cached.at > SECRETS_MAX_AGE_MS) {
        const entry = { at: now, secrets: loadSecrets(client, config) };
        // A failed read is not kept: the next call asks SSM again.
        entry.secrets.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.secrets;
    };
  },
};
