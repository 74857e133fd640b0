// Where the secrets are loaded (the environment locally, SSM in AWS), a deployment in derived webhook mode without
// the webhook key is a configuration error naming the missing setting, not an app that refuses every webhook.
import { ConfigError, readConfig, secretsFromEnv } from '#config';
import { loadSecrets } from '../../functions/aws/ssm';

const BASE = {
  APPSTORE_SECRET: 'a',
  SHOPER_CLIENT_ID: 'b',
  SHOPER_CLIENT_SECRET: 'c',
  SESSION_SECRET: 'a-session-secret-of-enough-length-0123456789',
};

describe('secrets from the environment', () => {
  test('derived mode without WEBHOOK_SECRET_KEY is refused, naming it', () => {
    const config = readConfig({ ...BASE, WEBHOOK_SECRET_MODE: 'derived' });
    expect(() => secretsFromEnv(config)).toThrow(ConfigError);
    expect(() => secretsFromEnv(config)).toThrow(/WEBHOOK_SECRET_KEY: required/);
  });

  test('derived mode with the key, and random mode without it, load', () => {
    expect(secretsFromEnv(readConfig({ ...BASE, WEBHOOK_SECRET_MODE: 'derived', WEBHOOK_SECRET_KEY: 'k' })).webhookSecretKey).toBe('k');
    expect(secretsFromEnv(readConfig({ ...BASE, WEBHOOK_SECRET_MODE: 'random' })).webhookSecretKey).toBe('');
  });
});

describe('secrets from SSM (AWS)', () => {
  const prefix = '/sms-notifications';
  const stored = (withKey: boolean) =>
    Object.fromEntries(
      [
        ['appstore-secret', 'a'],
        ['shoper-client-id', 'b'],
        ['shoper-client-secret', 'c'],
        ['session-secret', 'd'],
        ...(withKey ? [['webhook-secret-key', 'k']] : []),
      ].map(([name, value]) => [`${prefix}/${name}`, value]),
    );

  /** The AWS loader over an SSM client that holds `values`: GetParameters answers what it has, names the rest. */
  async function loadWith(env: Record<string, string>, values: Record<string, string | undefined>) {
    const client = {
      send: async (command: { input: { Names?: string[] } }) => {
        const names = command.input.Names ?? [];
        return {
          Parameters: names.filter((n) => n in values).map((n) => ({ Name: n, Value: values[n] })),
          InvalidParameters: names.filter((n) => !(n in values)),
        };
      },
    };
    const config = readConfig({ KMS_KEY_ID: 'arn:aws:kms:eu-central-1:111111111111:key/x', SECRETS_PARAMETER_PREFIX: prefix, ...env });
    return loadSecrets(client as never, config);
  }

  test('derived mode without the webhook-secret-key parameter fails with its name', async () => {
    await expect(loadWith({ WEBHOOK_SECRET_MODE: 'derived' }, stored(false))).rejects.toThrow(
      /CONFIG_INVALID: SSM parameter \/sms-notifications\/webhook-secret-key is missing, required with WEBHOOK_SECRET_MODE=derived/,
    );
  });

  test('random mode does without it; derived mode with it loads', async () => {
    expect((await loadWith({ WEBHOOK_SECRET_MODE: 'random' }, stored(false))).webhookSecretKey).toBe('');
    expect((await loadWith({ WEBHOOK_SECRET_MODE: 'derived' }, stored(true))).webhookSecretKey).toBe('k');
  });
});
