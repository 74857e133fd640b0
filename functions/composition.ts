// The AWS composition root: builds each port's AWS adapter once per Lambda container, lazily, from the
// validated configuration. The local runtime has its own (local/composition.ts).
import { SQSClient } from '@aws-sdk/client-sqs';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { KMSClient } from '@aws-sdk/client-kms';
import { Logger } from '@aws-lambda-powertools/logger';
import { getParametersByName } from '@aws-lambda-powertools/parameters/ssm';
import { readConfig, SECRET_PARAMETERS, secretsFromEnv, webhookKeyRequired, type Config, type PublisherSecret, type Secrets } from '#config';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { createSqsQueue } from '#adapters/sqs-queue';
import { createEventBridgeScheduler } from '#adapters/eventbridge-scheduler';
import { createKmsCipher } from '#adapters/kms-cipher';
import { createSmsapiGateway } from '#adapters/smsapi-http';
import type { Deps } from '#services/deps';

const required = (config: Config, name: keyof Config): string => {
  const value = config[name];
  if (typeof value !== 'string' || value === '') throw new Error(`CONFIG_INVALID: ${name} is required in AWS`);
  return value;
};

function requiredValue(value: unknown, name: string, errors: string[] | undefined): string {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`CONFIG_INVALID: SSM parameter ${name} is missing (${errors?.join(', ') ?? ''})`);
  }
  return value;
}

/** Secrets from SSM SecureString parameters under the prefix, cached by Powertools for five minutes. */
async function loadSecrets(config: Config): Promise<Secrets> {
  const prefix = config.SECRETS_PARAMETER_PREFIX;
  if (!prefix) return secretsFromEnv(config);
  const origin = config.ORIGIN_SECRET_HEADER_VALUE_PARAM;
  const names = Object.fromEntries(
    [...Object.values(SECRET_PARAMETERS).map((n) => `${prefix}/${n}`), ...(origin ? [origin] : [])].map((name) => [
      name,
      { decrypt: true, maxAge: 300 },
    ]),
  );
  const { _errors: errors, ...values } = await getParametersByName<string>(names, { throwOnError: false });
  const pick = (key: PublisherSecret, optional = false) => {
    const value = values[`${prefix}/${SECRET_PARAMETERS[key]}`];
    if (typeof value !== 'string' || value === '') {
      if (optional) return '';
      const why = key === 'webhookSecretKey' ? ', required with WEBHOOK_SECRET_MODE=derived' : '';
      throw new Error(`CONFIG_INVALID: SSM parameter ${prefix}/${SECRET_PARAMETERS[key]} is missing${why} (${errors?.join(', ') ?? ''})`);
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
    // CloudFront's origin secret (Secrets Manager, read through its Parameter Store reference): refuse to run
    // without it rather than trust every forwarded viewer address.
    viewerAddressSecret: origin ? requiredValue(values[origin], origin, errors) : undefined,
  };
}

let deps: Promise<Deps> | undefined;

export function awsDeps(): Promise<Deps> {
  if (deps) return deps;
  deps = (async (): Promise<Deps> => {
    const config = readConfig();
    const powertools = new Logger({ serviceName: 'sms-notifications' });
    const logger = {
      debug: (m: string, extra?: Record<string, unknown>) => powertools.debug(m, extra ?? {}),
      info: (m: string, extra?: Record<string, unknown>) => powertools.info(m, extra ?? {}),
      warn: (m: string, extra?: Record<string, unknown>) => powertools.warn(m, extra ?? {}),
      error: (m: string, extra?: Record<string, unknown>) => powertools.error(m, extra ?? {}),
    };
    const clock = { now: () => new Date() };
    const sqs = new SQSClient({});
    const doc = createDocumentClient();
    const store = createStore(doc, config.TABLE_NAME);
    let secrets: Promise<Secrets> | undefined;
    return {
      config,
      secrets: () => (secrets ??= loadSecrets(config).catch((e) => ((secrets = undefined), Promise.reject(e)))),
      clock,
      store,
      jobs: createJobsRepository(doc, config.TABLE_NAME),
      sendLimits: createSendLimitsRepository(store),
      eventsQueue: createSqsQueue(sqs, config.EVENTS_QUEUE_URL ?? ''),
      sendsQueue: createSqsQueue(sqs, config.SENDS_QUEUE_URL ?? ''),
      scheduler: createEventBridgeScheduler(new SchedulerClient({}), {
        groupName: config.SCHEDULE_GROUP,
        targetArn: config.SENDS_QUEUE_ARN ?? '',
        roleArn: config.SCHEDULER_ROLE_ARN ?? '',
        deadLetterArn: config.SCHEDULES_DLQ_ARN,
        now: clock.now,
      }),
      cipher: createKmsCipher(new KMSClient({}), required(config, 'KMS_KEY_ID')),
      sms: createSmsapiGateway({ baseUrl: config.SMSAPI_URL, timeoutMs: config.SMSAPI_TIMEOUT_MS }),
      logger,
      fetch: globalThis.fetch,
    };
  })().catch((error) => {
    deps = undefined;
    throw error;
  });
  return deps;
}
