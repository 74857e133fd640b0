// The synthesized CloudFormation template does what ARCHITECTURE.md promises: the shared table definition,
// queues with DLQs, the scheduler role, one domain for SPA and API, the public routes, and least privilege.
// Bundling is skipped (context aws:cdk:bundling-stacks = []), so no esbuild or frontend build runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { MESSAGE_INDEX, ORDER_INDEX, PENDING_INDEX, REF_INDEX, TABLE_KEYS, tableCreateInput } from '#adapters/dynamodb/table';
import { SECRET_PARAMETERS } from '#config';
import { SmsNotificationsStack, STACK_NAME } from '../../lib/sms-notifications-stack';

type Json = Record<string, any>;

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as Json;

function synthesize(context: Json = {}): Template {
  const app = new App({ context: { ...cdkJson.context, ...context, 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new SmsNotificationsStack(app, STACK_NAME));
}

const template = synthesize();
const resources = template.toJSON().Resources as Record<string, Json>;

/** The logical id of the one resource of `type` whose id is `prefix` plus CDK's 8-character hash. */
function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id));
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}…, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

const FUNCTIONS = ['Appstore', 'Webhooks', 'Planner', 'Sender', 'Reports', 'Admin', 'Storefront', 'Links', 'Stats'] as const;
type FunctionName = (typeof FUNCTIONS)[number];

const fnId = (name: FunctionName) => logicalId('AWS::Lambda::Function', `${name}Function`);
const fn = (name: FunctionName) => resources[fnId(name)]!.Properties as Json;
const queueId = (name: 'QueuesEvents' | 'QueuesEventsDlq' | 'QueuesSends' | 'QueuesSendsDlq') => logicalId('AWS::SQS::Queue', name);
const tableId = () => logicalId('AWS::DynamoDB::Table', 'DataTable');
const keyId = () => logicalId('AWS::KMS::Key', 'DataTokenKey');
const schedulerRoleId = () => logicalId('AWS::IAM::Role', 'QueuesSchedulerRole');

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

/** Every statement in the policies attached to a role, wherever CDK put them. */
function roleStatements(roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const functionStatements = (name: FunctionName) => roleStatements(fn(name).Role['Fn::GetAtt'][0] as string);
const actionsOf = (statement: Statement) => ([] as string[]).concat(statement.Action);
const resourcesOf = (statement: Statement) => ([] as unknown[]).concat(statement.Resource);

/** Does any statement allow `action`? Wildcards in the policy count, so `kms:*` would allow kms:Decrypt. */
function allows(statements: Statement[], action: string): Statement[] {
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
  return statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some(matches));
}

// Writing logs and traces is what every function may do; anything beyond that is listed per function below.
const BASELINE = /^(logs:CreateLogStream|logs:PutLogEvents|xray:PutTraceSegments|xray:PutTelemetryRecords|dynamodb:.*)$/;
const SQS_CONSUME = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'];
const SQS_SEND = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
const SSM_READ = ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'];
const KMS = ['kms:Decrypt', 'kms:Encrypt'];
const PERMISSIONS: Record<FunctionName, string[]> = {
  Appstore: [...KMS, ...SQS_SEND, ...SSM_READ],
  Webhooks: [...KMS, ...SQS_SEND, ...SSM_READ],
  Planner: [
    ...KMS,
    ...SQS_CONSUME,
    ...SQS_SEND,
    'scheduler:CreateSchedule',
    'scheduler:DeleteSchedule',
    'scheduler:ListSchedules',
    'iam:PassRole',
    ...SSM_READ,
  ],
  Sender: [...KMS, ...SQS_CONSUME, ...SQS_SEND, 'scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'iam:PassRole', ...SSM_READ],
  // The secrets: a report call is checked against the HMAC token put in its notify_url.
  Reports: [...SSM_READ],
  Links: [],
  Admin: [...KMS, ...SQS_SEND, 'scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'iam:PassRole', ...SSM_READ],
  Storefront: [
    ...KMS,
    ...SQS_SEND,
    'scheduler:CreateSchedule',
    'scheduler:DeleteSchedule',
    'iam:PassRole',
    ...SSM_READ,
    'secretsmanager:GetSecretValue',
  ],
  // The table's stream (dynamodb:*, in the baseline) and its dead-letter queue for batches it could not count.
  Stats: [...SQS_SEND],
};

describe('DynamoDB table', () => {
  test('keys, TTL and the indexes come from the shared table definition', () => {
    const table = resources[tableId()]!.Properties as Json;
    const local = tableCreateInput('ignored');
    expect(table.KeySchema).toEqual(local.KeySchema);
    expect(table.AttributeDefinitions).toEqual(expect.arrayContaining(local.AttributeDefinitions));
    expect(table.AttributeDefinitions).toHaveLength(local.AttributeDefinitions.length);
    expect(table.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true });
  });

  test('is on demand, recoverable to any point in time, retained and protected from deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  test('deletion protection can be switched off with context', () => {
    synthesize({ tableDeletionProtection: 'false' }).hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: false,
    });
  });
});

describe('queues', () => {
  test.each([
    ['QueuesEvents', 'QueuesEventsDlq', 5],
    // More than the sender's own 5 attempts: the sender fails a job itself before the DLQ could take it.
    ['QueuesSends', 'QueuesSendsDlq', 10],
  ] as const)('%s goes to %s after %i receives, encrypted and TLS-only', (queue, dlq, receives) => {
    const props = resources[queueId(queue)]!.Properties as Json;
    expect(props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [queueId(dlq), 'Arn'] },
      maxReceiveCount: receives,
    });
    expect(props.SqsManagedSseEnabled).toBe(true);
    expect(resources[queueId(dlq)]!.Properties.SqsManagedSseEnabled).toBe(true);
    for (const id of [queueId(queue), queueId(dlq)]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });

  test.each([
    ['QueuesEvents', 'Planner'],
    ['QueuesSends', 'Sender'],
  ] as const)('%s hides a message for at least six times the %s timeout', (queue, consumer) => {
    const visibility = resources[queueId(queue)]!.Properties.VisibilityTimeout as number;
    expect(visibility).toBeGreaterThanOrEqual(6 * (fn(consumer).Timeout as number));
  });

  test('the planner reads events, ten at a time, reporting failed items one by one', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('Planner') },
      EventSourceArn: { 'Fn::GetAtt': [queueId('QueuesEvents'), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('the sender reads sends five at a time with capped concurrency, so SMSAPI is not flooded', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('Sender') },
      EventSourceArn: { 'Fn::GetAtt': [queueId('QueuesSends'), 'Arn'] },
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  test('the sender concurrency follows the senderMaxConcurrency context value', () => {
    synthesize({ senderMaxConcurrency: '12' }).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 12 },
    });
  });

  test('an impossible sender concurrency stops the synth with the setting named', () => {
    expect(() => synthesize({ senderMaxConcurrency: '1' })).toThrow(/senderMaxConcurrency/);
    expect(() => synthesize({ senderMaxConcurrency: 'many' })).toThrow(/senderMaxConcurrency/);
  });
});

describe('EventBridge Scheduler', () => {
  test('has a schedule group named after the stack', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: STACK_NAME });
  });

  test('its role is assumed only by the scheduler of this account', () => {
    const trust = resources[schedulerRoleId()]!.Properties.AssumeRolePolicyDocument.Statement as Statement[];
    expect(trust).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
  });

  test('its role can do nothing but SendMessage to the sends queue and its DLQ', () => {
    const statements = roleStatements(schedulerRoleId());
    expect(statements.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    const targets = statements.flatMap(resourcesOf);
    expect(targets).toHaveLength(2);
    expect(targets).toEqual(
      expect.arrayContaining([{ 'Fn::GetAtt': [queueId('QueuesSends'), 'Arn'] }, { 'Fn::GetAtt': [queueId('QueuesSendsDlq'), 'Arn'] }]),
    );
    expect(resources[schedulerRoleId()]!.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('KMS key for stored tokens', () => {
  test('rotates yearly and outlives the stack, like the ciphertext in the retained table', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });
});

describe('functions', () => {
  test('are the nine handlers, each built from functions/handlers/<name>.ts', () => {
    const ours = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    expect(ours.map((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort()).toEqual(
      FUNCTIONS.map((name) => name.toLowerCase()).sort(),
    );
    for (const name of FUNCTIONS) {
      expect(fs.existsSync(path.join(__dirname, '..', '..', 'functions', 'handlers', `${name.toLowerCase()}.ts`))).toBe(true);
    }
  });

  test.each(FUNCTIONS)('%s runs Node.js 22 on ARM with JSON logs kept a month, without X-Ray unless asked', (name) => {
    const props = fn(name);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    expect(props.TracingConfig).toBeUndefined();
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/Logs/) } });
    const logGroup = resources[props.LoggingConfig.LogGroup.Ref as string]!;
    expect(logGroup.Properties.RetentionInDays).toBe(30);
    expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  test('the tracing setting turns on active X-Ray tracing for every function', () => {
    const traced = synthesize({ tracing: 'true' }).toJSON().Resources as Record<string, Json>;
    const modes = Object.values(traced)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs22.x')
      .map((r) => r.Properties.TracingConfig);
    expect(modes).toHaveLength(FUNCTIONS.length);
    expect(new Set(modes.map((m) => JSON.stringify(m)))).toEqual(new Set([JSON.stringify({ Mode: 'Active' })]));
  });

  test('no function reserves concurrency by default: a fresh account (limit 10) could not deploy it', () => {
    for (const name of FUNCTIONS) expect(fn(name).ReservedConcurrentExecutions).toBeUndefined();
  });

  test('reservedConcurrency sets executions aside for the public functions named, and only for them', () => {
    const reserved = synthesize({ reservedConcurrency: 'storefront=20,reports=10,webhooks=30' }).toJSON().Resources as Record<string, Json>;
    const byService = Object.fromEntries(
      Object.values(reserved)
        .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
        .map((r) => [r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME, r.Properties.ReservedConcurrentExecutions]),
    );
    expect(byService).toEqual({
      appstore: undefined,
      webhooks: 30,
      planner: undefined,
      sender: undefined,
      reports: 10,
      admin: undefined,
      storefront: 20,
      stats: undefined,
    });
  });

  test.each(['storefront=0', 'storefront=many', 'sender=5', 'storefront=2000', 'storefront'])(
    'reservedConcurrency=%s stops the synth with the setting named',
    (value) => {
      expect(() => synthesize({ reservedConcurrency: value })).toThrow(/SETTINGS_INVALID: context "reservedConcurrency"/);
    },
  );

  test('timeouts: API functions 10 s, planner 60 s, sender 30 s, stats 60 s', () => {
    expect(Object.fromEntries(FUNCTIONS.map((name) => [name, fn(name).Timeout]))).toEqual({
      Appstore: 10,
      Webhooks: 10,
      Planner: 60,
      Sender: 30,
      Reports: 10,
      Admin: 10,
      Storefront: 10,
      Links: 10,
      Stats: 60,
    });
  });

  // Links is on the SMS recipient's path: it gets the table's name and nothing else (a small, fast function).
  test('Links knows only the table', () => {
    const env = fn('Links').Environment.Variables as Json;
    expect(env.TABLE_NAME).toEqual({ Ref: tableId() });
    expect(Object.keys(env).filter((k) => !/^(POWERTOOLS_|NODE_OPTIONS|AWS_)/.test(k))).toEqual(['TABLE_NAME']);
  });

  test.each(FUNCTIONS.filter((n) => n !== 'Links'))('%s knows the table, the public URLs and the SMSAPI endpoints', (name) => {
    const env = fn(name).Environment.Variables as Json;
    expect(env.TABLE_NAME).toEqual({ Ref: tableId() });
    expect(env.PUBLIC_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^FrontendDistribution/), 'DomainName'] }]],
    });
    expect(env.APP_URL['Fn::Join'][1].at(-1)).toBe('/app');
    expect(env.SMSAPI_URL).toBe('https://api.smsapi.pl');
    expect(env.SMSAPI_OAUTH_URL).toBe('https://ssl.smsapi.pl');
    expect(env.WEBHOOK_SECRET_MODE).toBe('random');
  });

  test('SMSAPI endpoints and the webhook secret mode follow context values', () => {
    const custom = synthesize({
      smsapiUrl: 'https://api.smsapi.com/',
      smsapiOAuthUrl: 'https://ssl.smsapi.com',
      webhookSecretMode: 'derived',
    });
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SMSAPI_URL: 'https://api.smsapi.com',
          SMSAPI_OAUTH_URL: 'https://ssl.smsapi.com',
          WEBHOOK_SECRET_MODE: 'derived',
        }),
      },
    });
    expect(() => synthesize({ smsapiUrl: 'http://api.smsapi.pl' })).toThrow(/smsapiUrl/);
    expect(() => synthesize({ webhookSecretMode: 'shared' })).toThrow(/webhookSecretMode/);
  });

  test('each function gets only the resource names it works with', () => {
    const names = (name: FunctionName) => Object.keys(fn(name).Environment.Variables as Json);
    const scheduling = ['SCHEDULE_GROUP', 'SENDS_QUEUE_URL', 'SENDS_QUEUE_ARN', 'SCHEDULER_ROLE_ARN', 'SCHEDULES_DLQ_ARN'];
    expect(names('Webhooks')).toContain('EVENTS_QUEUE_URL');
    expect(names('Planner')).toEqual(expect.arrayContaining(scheduling));
    expect(names('Admin')).toEqual(expect.arrayContaining(scheduling));
    // Uninstall only marks the shop and queues the purge: the planner deletes the schedules.
    expect(names('Appstore')).not.toContain('SCHEDULE_GROUP');
    // The send gate moves a marketing SMS off a Sunday or holiday with a new schedule.
    expect(names('Sender')).toEqual(expect.arrayContaining(scheduling));
    expect(names('Reports')).toContain('SECRETS_PARAMETER_PREFIX');
    // The AWS composition root requires KMS_KEY_ID at start-up in every function (IAM decides who may use it).
    for (const name of FUNCTIONS.filter((n) => n !== 'Links')) {
      expect(fn(name).Environment.Variables.KMS_KEY_ID).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
    }
    // The events queue: webhooks put events on it; install, the planner and the admin put the shop's setup task on it.
    const eventsSenders: FunctionName[] = ['Webhooks', 'Appstore', 'Planner', 'Admin'];
    for (const name of FUNCTIONS)
      expect({ name, has: names(name).includes('EVENTS_QUEUE_URL') }).toEqual({ name, has: eventsSenders.includes(name) });
    expect(fn('Planner').Environment.Variables.SCHEDULES_DLQ_ARN).toEqual({
      'Fn::GetAtt': [queueId('QueuesSendsDlq'), 'Arn'],
    });
    expect(fn('Planner').Environment.Variables.SECRETS_PARAMETER_PREFIX).toBe(`/${STACK_NAME}`);
  });
});

describe('least privilege', () => {
  test.each(FUNCTIONS)('%s may do exactly its own job beyond logging, tracing and the table', (name) => {
    const granted = new Set(
      functionStatements(name)
        .flatMap(actionsOf)
        .filter((action) => !BASELINE.test(action)),
    );
    expect([...granted].sort()).toEqual([...new Set(PERMISSIONS[name])].sort());
  });

  test('no function has an AWS managed policy or a service-wide wildcard action', () => {
    for (const name of FUNCTIONS) {
      const role = resources[fn(name).Role['Fn::GetAtt'][0] as string]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(
        functionStatements(name)
          .flatMap(actionsOf)
          .filter((a) => a.includes('*')),
      ).toEqual([]);
    }
  });

  test('webhooks cannot touch schedules; the sender sends only to the sends queue', () => {
    expect(allows(functionStatements('Webhooks'), 'scheduler:CreateSchedule')).toEqual([]);
    expect(allows(functionStatements('Webhooks'), 'scheduler:DeleteSchedule')).toEqual([]);
    expect(allows(functionStatements('Sender'), 'sqs:SendMessage').flatMap(resourcesOf)).toEqual([
      { 'Fn::GetAtt': [queueId('QueuesSends'), 'Arn'] },
    ]);
  });

  test.each([
    // Reports find a job by its SMSAPI message id; none needs a job's shop from its id alone any more.
    [MESSAGE_INDEX.name, ['Reports']],
    [REF_INDEX.name, []],
    [ORDER_INDEX.name, ['Planner']],
    // Links: an opt-out cancels the number's waiting marketing SMS.
    [PENDING_INDEX.name, ['Planner', 'Admin', 'Links']],
  ] as const)('only the functions that need it may query the %s index', (index, users) => {
    const indexArn = {
      'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId(), 'Arn'] }, `/index/${index}`]],
    };
    for (const name of FUNCTIONS) {
      const tableResources = allows(functionStatements(name), 'dynamodb:Query').flatMap(resourcesOf);
      // Webhooks only read the shop record and store the event; the stats function reads items by key: no Query.
      if (name === 'Webhooks' || name === 'Stats') {
        expect(tableResources).toEqual([]);
        continue;
      }
      expect(tableResources).toContainEqual({ 'Fn::GetAtt': [tableId(), 'Arn'] });
      if ((users as readonly string[]).includes(name)) expect(tableResources).toContainEqual(indexArn);
      else expect(tableResources).not.toContainEqual(indexArn);
      expect(JSON.stringify(tableResources)).not.toContain('index/*');
    }
  });

  // The public doors (anyone can call them) get only the item actions their code sends: a flaw in one of them
  // cannot bulk-delete the table (BatchWriteItem), bulk-read it (BatchGetItem) or delete items it never deletes.
  const tableActions = (statements: Statement[]) =>
    [...new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')))].sort();
  test.each([
    ['Webhooks', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
    ['Reports', ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
    ['Storefront', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
  ] as const)('the public %s function may do only %j to the table', (name, actions) => {
    expect(tableActions(functionStatements(name))).toEqual([...actions].sort());
  });

  test('no public function can bulk-write or bulk-read the table; storefront and webhooks delete nothing', () => {
    for (const name of ['Webhooks', 'Reports', 'Storefront'] as const) {
      for (const action of ['dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:Scan', 'dynamodb:DeleteTable']) {
        expect({ name, action, statements: allows(functionStatements(name), action) }).toEqual({ name, action, statements: [] });
      }
    }
    expect(allows(functionStatements('Storefront'), 'dynamodb:DeleteItem')).toEqual([]);
    expect(allows(functionStatements('Webhooks'), 'dynamodb:DeleteItem')).toEqual([]);
    expect(allows(functionStatements('Reports'), 'dynamodb:DeleteItem')).toEqual([]);
    expect(allows(functionStatements('Reports'), 'dynamodb:PutItem')).toEqual([]);
    // Uninstall marks the shop; the planner's purge deletes its items in batches of 25.
    expect(allows(functionStatements('Appstore'), 'dynamodb:BatchWriteItem')).toEqual([]);
    expect(allows(functionStatements('Appstore'), 'dynamodb:DeleteItem')).toEqual([]);
    expect(allows(functionStatements('Planner'), 'dynamodb:BatchWriteItem')).toHaveLength(1);
  });

  test('webhooks and install send only to the events queue; planner and admin to the sends queue and the events queue (setup tasks)', () => {
    const sendTargets = (name: FunctionName) => allows(functionStatements(name), 'sqs:SendMessage').flatMap(resourcesOf);
    const events = { 'Fn::GetAtt': [queueId('QueuesEvents'), 'Arn'] };
    const sends = { 'Fn::GetAtt': [queueId('QueuesSends'), 'Arn'] };
    expect(sendTargets('Webhooks')).toEqual([events]);
    expect(sendTargets('Appstore')).toEqual([events]);
    expect(sendTargets('Planner')).toEqual(expect.arrayContaining([sends, events]));
    expect(sendTargets('Planner')).toHaveLength(2);
    expect(sendTargets('Admin')).toEqual(expect.arrayContaining([sends, events]));
    expect(sendTargets('Admin')).toHaveLength(2);
  });

  test('token encryption needs the shop in the encryption context and uses only the token key', () => {
    // Webhooks too: the webhook secret it verifies with is sealed like the tokens.
    for (const name of ['Appstore', 'Webhooks', 'Planner', 'Sender', 'Admin'] as const) {
      for (const action of KMS) {
        const statements = allows(functionStatements(name), action);
        expect(statements).toHaveLength(1);
        expect(statements[0]!.Resource).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
        expect(statements[0]!.Condition).toEqual({ Null: { 'kms:EncryptionContext:shop': 'false' } });
      }
    }
  });

  test('schedules can be created and deleted only in the stack group, passing only the scheduler role', () => {
    const groupSchedules = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':scheduler:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:schedule/${STACK_NAME}/*`,
        ],
      ],
    };
    for (const name of ['Planner', 'Admin'] as const) {
      for (const s of allows(functionStatements(name), 'scheduler:DeleteSchedule')) expect(s.Resource).toEqual(groupSchedules);
    }
    for (const name of ['Planner', 'Admin'] as const) {
      const [create] = allows(functionStatements(name), 'scheduler:CreateSchedule');
      expect(create!.Resource).toEqual(groupSchedules);
      const [passRole] = allows(functionStatements(name), 'iam:PassRole');
      expect(passRole!.Resource).toEqual({ 'Fn::GetAtt': [schedulerRoleId(), 'Arn'] });
      expect(passRole!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    }
  });

  test('secrets are read only under the stack parameter prefix', () => {
    const prefix = (suffix: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ssm:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:parameter/${STACK_NAME}${suffix}`,
        ],
      ],
    });
    for (const name of FUNCTIONS.filter((n) => n !== 'Reports' && n !== 'Links' && n !== 'Stats')) {
      const [read] = allows(functionStatements(name), 'ssm:GetParametersByPath');
      expect(resourcesOf(read!)).toEqual([prefix(''), prefix('/*')]);
    }
  });
});

describe('the Statistics stream', () => {
  test('the table streams every write with its old and new image, from the shared table definition', () => {
    const table = resources[tableId()]!.Properties as Json;
    expect(table.StreamSpecification).toEqual({ StreamViewType: tableCreateInput('ignored').StreamSpecification.StreamViewType });
    expect(table.StreamSpecification.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
  });

  test('the stats function reads it in order, job changes only, retried whole, with a dead-letter queue and an alarm', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]!.Properties as Json;
    expect(mapping.FunctionName).toEqual({ Ref: fnId('Stats') });
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      // No bisecting: the per-shard checkpoint only moves forward; the shard id comes with a tumbling window.
      BisectBatchOnFunctionError: false,
      ParallelizationFactor: 1,
      TumblingWindowInSeconds: expect.any(Number),
      MaximumRetryAttempts: expect.any(Number),
    });
    expect(mapping.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'StatsStreamDlq'), 'Arn'],
    });
    const pattern = JSON.parse(mapping.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({
      eventName: ['MODIFY'],
      dynamodb: { Keys: { sk: { S: [{ prefix: 'JOB#' }] } }, NewImage: { state: { S: ['SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Stats dead-letter queue'),
    });
  });

  test('the stats function reads and writes items by key only: no Query, delete or bulk write', () => {
    const actions = [
      ...new Set(
        functionStatements('Stats')
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('dynamodb:')),
      ),
    ].sort();
    expect(actions.filter((a) => !/Stream|Shard|GetRecords/.test(a))).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
  });
});

describe('HTTP API', () => {
  // ARCHITECTURE.md, "HTTP surface": the paths publishers enter in Shoper and SMSAPI.
  const ROUTES: Record<string, FunctionName> = {
    'POST /shoper/appstore': 'Appstore',
    'POST /shoper/webhooks': 'Webhooks',
    'GET /smsapi/oauth/callback': 'Admin',
    'GET /smsapi/reports': 'Reports',
    'POST /smsapi/reports': 'Reports',
    'POST /storefront/{proxy+}': 'Storefront',
    'OPTIONS /storefront/{proxy+}': 'Storefront',
    'ANY /api/{proxy+}': 'Admin',
    'GET /health': 'Admin',
    'GET /l/{code}': 'Links',
    'HEAD /l/{code}': 'Links',
    'POST /l/{code}': 'Links',
  };

  test('every public route exists and reaches the function that handles it', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const actual: Record<string, string> = {};
    for (const route of routes) {
      const integrationId = route.Target['Fn::Join'][1][1].Ref as string;
      const uri = resources[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
      const handler = FUNCTIONS.find((name) => uri === fnId(name));
      actual[route.RouteKey as string] = handler ?? uri;
    }
    expect(actual).toEqual(ROUTES);
  });

  const stage = () => Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
  const routeSettings = (t: Template = template) =>
    Object.values(t.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;

  test("every route has a throttle of its own, the public ones and Shoper's alike", () => {
    const settings = routeSettings();
    expect(Object.keys(settings).sort()).toEqual(Object.keys(ROUTES).sort());
    for (const key of ['POST /storefront/{proxy+}', 'OPTIONS /storefront/{proxy+}', 'GET /smsapi/reports', 'POST /smsapi/reports']) {
      expect(settings[key]!.ThrottlingRateLimit).toBeGreaterThan(0);
      expect(settings[key]!.ThrottlingBurstLimit).toBeGreaterThan(0);
    }
  });

  test("Shoper's webhooks have a budget of their own, larger than any public route's, so a flood there cannot starve them", () => {
    const settings = routeSettings();
    const webhooks = settings['POST /shoper/webhooks']!;
    expect(webhooks).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(settings['POST /shoper/appstore']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    for (const key of ['POST /storefront/{proxy+}', 'OPTIONS /storefront/{proxy+}', 'GET /smsapi/reports', 'POST /smsapi/reports']) {
      expect(settings[key]!.ThrottlingRateLimit).toBeLessThan(webhooks.ThrottlingRateLimit);
      expect(settings[key]!.ThrottlingBurstLimit).toBeLessThan(webhooks.ThrottlingBurstLimit);
    }
  });

  test('the stage is created after its routes, as API Gateway refuses settings for a route that does not exist', () => {
    const routeIds = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routeIds).toHaveLength(Object.keys(ROUTES).length);
    expect(stage().DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  test("the routeThrottles context changes one group's budget and keeps the others", () => {
    const settings = routeSettings(synthesize({ routeThrottles: 'storefront=5/10,webhooks=300/600' }));
    expect(settings['POST /storefront/{proxy+}']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    expect(settings['OPTIONS /storefront/{proxy+}']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    expect(settings['POST /shoper/webhooks']).toEqual({ ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600 });
    expect(settings['GET /smsapi/reports']).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    // cdk.json may hold an object instead of the command line's string.
    const fromJson = routeSettings(synthesize({ routeThrottles: { reports: '20/40' } }));
    expect(fromJson['POST /smsapi/reports']).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
  });

  test.each(['storefront=50', 'storefront=0/10', 'storefront=50/0', 'storefront=50/9000', 'shop=5/10', 'storefront'])(
    'routeThrottles=%s stops the synth with the setting named',
    (value) => {
      expect(() => synthesize({ routeThrottles: value })).toThrow(/SETTINGS_INVALID: context "routeThrottles"/);
    },
  );

  test('writes access logs and throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('CloudFront and the front-end bucket', () => {
  const distribution = () => template.findResources('AWS::CloudFront::Distribution');

  test('the bucket is private, TLS-only and not a website', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(1);
    expect(buckets[0]!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(buckets[0]!.Properties.WebsiteConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('serves the SPA and widget from S3 through origin access control', () => {
    const config = Object.values(distribution())[0]!.Properties.DistributionConfig as Json;
    const s3Origin = (config.Origins as Json[]).find((o) => o.S3OriginConfig);
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin!.Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  test.each(['/api/*', '/shoper/*', '/smsapi/*', '/health'])(
    '%s goes to the HTTP API uncached, with every method, query string and header but Host',
    (pattern) => {
      const config = Object.values(distribution())[0]!.Properties.DistributionConfig as Json;
      const behavior = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === pattern);
      expect(behavior).toBeDefined();
      const origin = (config.Origins as Json[]).find((o) => o.Id === behavior!.TargetOriginId)!;
      expect(JSON.stringify(origin.DomainName)).toContain('ApiEndpoint');
      expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      expect(behavior!.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
      expect(behavior!.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
      expect(behavior!.OriginRequestPolicyId).toBe(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    },
  );

  test("/storefront/* goes to the HTTP API uncached with the widget's headers and the viewer address, which the storefront function reads", () => {
    const config = Object.values(distribution())[0]!.Properties.DistributionConfig as Json;
    const behavior = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/storefront/*')!;
    const origin = (config.Origins as Json[]).find((o) => o.Id === behavior.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain('ApiEndpoint');
    expect(behavior.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    const policy = resources[behavior.OriginRequestPolicyId.Ref as string]!.Properties.OriginRequestPolicyConfig as Json;
    expect(policy.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(policy.HeadersConfig.Headers).toEqual(expect.arrayContaining(['Origin', 'Content-Type', 'CloudFront-Viewer-Address']));
    expect(policy.HeadersConfig.Headers).not.toContain('Host');
    expect(fn('Storefront').Environment.Variables.VIEWER_ADDRESS_HEADER).toBe('cloudfront-viewer-address');
  });

  const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ShoperSmsNotifications/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

  test('no WAF web ACL is attached unless webAclArn is set', () => {
    const config = Object.values(distribution())[0]!.Properties.DistributionConfig as Json;
    expect(config.WebACLId).toBeUndefined();
  });

  test('webAclArn attaches that web ACL to the distribution', () => {
    const withWaf = synthesize({ webAclArn: WEB_ACL });
    const config = Object.values(withWaf.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as Json;
    expect(config.WebACLId).toBe(WEB_ACL);
  });

  test.each([
    // A regional web ACL cannot be attached to CloudFront.
    'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/x/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    'arn:aws:wafv2:eu-central-1:123456789012:global/webacl/x/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  ])('webAclArn=%s stops the synth, naming the setting and us-east-1', (value) => {
    expect(() => synthesize({ webAclArn: value })).toThrow(/webAclArn.*us-east-1/);
  });

  describe('the secret origin header, which tells the storefront function a request came through CloudFront', () => {
    const secretId = () => logicalId('AWS::SecretsManager::Secret', 'FrontendOriginSecret');
    const REFERENCE = `/aws/reference/secretsmanager/${STACK_NAME}/origin-secret`;

    test('is a random value generated per deployment, named after the stack', () => {
      const secret = resources[secretId()]!.Properties as Json;
      expect(secret.Name).toBe(`${STACK_NAME}/origin-secret`);
      expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
      expect(secret.SecretString).toBeUndefined();
    });

    test('CloudFront adds it to every request to the API, from a deploy-time reference, never as a literal', () => {
      const config = Object.values(distribution())[0]!.Properties.DistributionConfig as Json;
      const apiOrigins = (config.Origins as Json[]).filter((o) => JSON.stringify(o.DomainName).includes('ApiEndpoint'));
      expect(apiOrigins).toHaveLength(1);
      expect(apiOrigins[0]!.OriginCustomHeaders).toEqual([
        {
          HeaderName: 'x-origin-secret',
          HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId() }, ':SecretString:::}}']] },
        },
      ]);
      // The S3 origin (the SPA and widget files) does not get it.
      const s3Origin = (config.Origins as Json[]).find((o) => o.S3OriginConfig)!;
      expect(s3Origin.OriginCustomHeaders).toBeUndefined();
    });

    test('the storefront function is told the header and where to read its value, and may read only that', () => {
      const env = fn('Storefront').Environment.Variables as Json;
      expect(env.ORIGIN_SECRET_HEADER_VALUE_PARAM).toBe(REFERENCE);
      const [secretRead] = allows(functionStatements('Storefront'), 'secretsmanager:GetSecretValue');
      expect(resourcesOf(secretRead!)).toEqual([{ Ref: secretId() }]);
      const referenceRead = allows(functionStatements('Storefront'), 'ssm:GetParameter').flatMap(resourcesOf);
      expect(JSON.stringify(referenceRead)).toContain(`:parameter${REFERENCE}`);
    });

    test('no other function knows the header or can read the secret', () => {
      for (const name of FUNCTIONS.filter((n) => n !== 'Storefront')) {
        expect(Object.keys(fn(name).Environment.Variables as Json)).not.toContain('ORIGIN_SECRET_HEADER_VALUE_PARAM');
        expect(allows(functionStatements(name), 'secretsmanager:GetSecretValue')).toEqual([]);
        expect(JSON.stringify(functionStatements(name))).not.toContain('/aws/reference/secretsmanager/');
      }
    });
  });

  test('deploys the built front end, keeps earlier chunks and refreshes /app/* and /widget/* in CloudFront', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId('AWS::S3::Bucket', 'FrontendSite') },
      DistributionPaths: ['/app/*', '/widget/*'],
      // A panel opened before a deployment imports its tabs' chunks by their old hashed names.
      Prune: false,
    });
  });

  test('the SPA rewrite sends /app routes to index.html and leaves files and other paths alone', () => {
    const fnResource = Object.values(template.findResources('AWS::CloudFront::Function'))[0]!;
    const code = fnResource.Properties.FunctionCode as string;
    // The CloudFront Functions runtime is ECMAScript: run the same code here on sample requests.
    const handler = new Function(`${code}; return handler;`)() as (e: Json) => Json;
    const rewrite = (uri: string) => handler({ request: { uri } }).uri as string;
    expect(rewrite('/app')).toBe('/app/index.html');
    expect(rewrite('/app/')).toBe('/app/index.html');
    expect(rewrite('/app/templates')).toBe('/app/index.html');
    expect(rewrite('/app/assets/main-3f2a.js')).toBe('/app/assets/main-3f2a.js');
    expect(rewrite('/widget/sms-widget.js')).toBe('/widget/sms-widget.js');
    expect(rewrite('/application')).toBe('/application');
  });
});

describe('alarms', () => {
  test.each(['QueuesEventsDlq', 'QueuesSendsDlq'] as const)('%s raises an alarm as soon as a message lands', (dlq) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(dlq), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId('AWS::SNS::Topic', 'AlarmsTopic') }],
    });
  });

  test('each dead-letter alarm says how many attempts its queue allows and what to do, as the operator guide does', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Events dead-letter queue. .* 5 times.*redrive'),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Sends dead-letter queue. .* 10 receives.*redrive'),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Stats dead-letter queue. .*its 10 retries.*replay'),
    });
  });

  test('sender errors raise an alarm', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId('Sender') } }],
      Threshold: 0,
      AlarmActions: [{ Ref: logicalId('AWS::SNS::Topic', 'AlarmsTopic') }],
    });
  });

  test('an e-mail subscription exists only when alarmEmail is set', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    synthesize({ alarmEmail: 'ops@example.com' }).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(() => synthesize({ alarmEmail: 'not-an-address' })).toThrow(/alarmEmail/);
  });
});

describe('outputs for the publisher', () => {
  const value = (name: string): unknown => template.findOutputs(name)[name]?.Value;
  const output = (name: string) => JSON.stringify(value(name));

  test('App Store URLs, the SMSAPI redirect URI, the secrets prefix and the table name', () => {
    expect(output('ApplicationUrl')).toMatch(/DomainName.*"\/app\/"/);
    expect(output('AppStoreEventsUrl')).toMatch(/DomainName.*"\/shoper\/appstore"/);
    expect(output('SmsapiOAuthRedirectUri')).toMatch(/DomainName.*"\/smsapi\/oauth\/callback"/);
    expect(value('SecretsParameterPrefix')).toBe(`/${STACK_NAME}`);
    expect(value('TableName')).toEqual({ Ref: tableId() });
    for (const name of Object.values(SECRET_PARAMETERS)) {
      expect(value('SecretParameterNames')).toContain(`/${STACK_NAME}/${name}`);
    }
  });
});
