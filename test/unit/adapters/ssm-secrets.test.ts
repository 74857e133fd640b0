// The secrets port in AWS: one GetParameters request for every secret, a clear error naming a missing one, and a
// five-minute cache that a failed read does not poison.
import { GetParameterCommand, GetParametersCommand } from '@aws-sdk/client-ssm';
import { readConfig } from '#config';
import { loadSecrets, ssmSecrets } from '../../../functions/aws/ssm';

const config = readConfig({ SECRETS_PARAMETER_PREFIX: '/stack' });
const present = (names: string[]) =>
  names
    .filter((n) => !n.endsWith('smsapi-client-id') && !n.endsWith('smsapi-client-secret') && !n.endsWith('webhook-secret-key'))
    .map((Name) => ({ Name, Value: `value of ${Name.slice('/stack/'.length)}` }));

test('reads every secret in one decrypting request; the optional ones may be absent', async () => {
  const sent: GetParametersCommand[] = [];
  const client = { send: async (command: GetParametersCommand) => (sent.push(command), { Parameters: present(command.input.Names!) }) };
  const secrets = await loadSecrets(client as never, config);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.input.WithDecryption).toBe(true);
  expect(sent[0]!.input.Names).toHaveLength(7);
  expect(secrets).toMatchObject({
    appstoreSecret: 'value of appstore-secret',
    sessionSecret: 'value of session-secret',
    smsapiClientId: '',
  });
});

test('with CloudFront in front, its origin secret is read through its Secrets Manager reference (GetParameter)', async () => {
  const withOrigin = readConfig({
    SECRETS_PARAMETER_PREFIX: '/stack',
    ORIGIN_SECRET_HEADER_VALUE_PARAM: '/aws/reference/secretsmanager/origin',
  });
  const sent: string[] = [];
  const client = {
    send: async (command: GetParametersCommand | GetParameterCommand) => {
      sent.push(command.constructor.name);
      if (command instanceof GetParameterCommand) return { Parameter: { Name: command.input.Name, Value: 'x'.repeat(32) } };
      return { Parameters: present(command.input.Names!) };
    },
  };
  expect(await loadSecrets(client as never, withOrigin)).toMatchObject({ viewerAddressSecret: 'x'.repeat(32) });
  expect(sent.sort()).toEqual(['GetParameterCommand', 'GetParametersCommand']);
});

test('a required secret missing from SSM is an error that names the parameter to create', async () => {
  const client = { send: async () => ({ Parameters: [], InvalidParameters: ['/stack/appstore-secret'] }) };
  await expect(loadSecrets(client as never, config)).rejects.toThrow('CONFIG_INVALID: SSM parameter /stack/appstore-secret is missing');
});

test('without a prefix the secrets come from the environment, as locally', async () => {
  const local = readConfig({ APPSTORE_SECRET: 'a', SHOPER_CLIENT_ID: 'b', SHOPER_CLIENT_SECRET: 'c', SESSION_SECRET: 'd' });
  await expect(loadSecrets({ send: async () => ({}) } as never, local)).resolves.toMatchObject({ appstoreSecret: 'a' });
});

test('the port keeps the secrets five minutes, then reads them again; a failed read is retried on the next call', async () => {
  let now = Date.parse('2025-03-01T10:00:00Z');
  const getSecrets = ssmSecrets.secrets!({ config, clock: { now: () => new Date(now) } });
  // The port builds its own SSM client; count the requests it makes through the SDK's send.
  const { SSMClient } = await import('@aws-sdk/client-ssm');
  let calls = 0;
  let fail = true;
  const spy = jest.spyOn(SSMClient.prototype, 'send').mockImplementation((async (command: GetParametersCommand) => {
    calls++;
    if (fail) throw new Error('throttled');
    return { Parameters: present(command.input.Names!) };
  }) as never);
  try {
    await expect(getSecrets()).rejects.toThrow('throttled');
    fail = false;
    await expect(getSecrets()).resolves.toMatchObject({ shoperClientId: 'value of shoper-client-id' });
    await getSecrets();
    expect(calls).toBe(2);
    now += 5 * 60_000 + 1;
    await getSecrets();
    expect(calls).toBe(3);
  } finally {
    spy.mockRestore();
  }
});
