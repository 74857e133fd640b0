// The secrets port: SSM SecureString parameters under SECRETS_PARAMETER_PREFIX, cached by Powertools for five
// minutes (the environment when no prefix is set), loaded on first use, for the AWS composition root.
import { getParametersByName } from '@aws-lambda-powertools/parameters/ssm';
import { SECRET_PARAMETERS, secretsFromEnv, type Config, type Secrets } from '#config';
import type { AwsPorts } from '../composition';

async function loadSecrets(config: Config): Promise<Secrets> {
  const prefix = config.SECRETS_PARAMETER_PREFIX;
  if (!prefix) return secretsFromEnv(config);
  const names = Object.fromEntries(
    Object.values(SECRET_PARAMETERS).map((n) => [`${prefix}/${n}`, { decrypt: true, maxAge: 300 }]),
  );
  const { _errors: errors, ...values } = await getParametersByName<string>(names, { throwOnError: false });
  const pick = (key: keyof Secrets, optional = false) => {
    const value = values[`${prefix}/${SECRET_PARAMETERS[key]}`];
    if (typeof value !== 'string' || value === '') {
      if (optional) return '';
      throw new Error(`CONFIG_INVALID: SSM parameter ${prefix}/${SECRET_PARAMETERS[key]} is missing (${errors?.join(', ') ?? ''})`);
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
    webhookSecretKey: pick('webhookSecretKey', true),
  };
}

export const ssmSecrets: AwsPorts = {
  secrets: ({ config }) => {
    let secrets: Promise<Secrets> | undefined;
    return () => (secrets ??= loadSecrets(config).catch((e) => ((secrets = undefined), Promise.reject(e))));
  },
};
