// The whole product as one stack: data, queues and schedules, the seven functions with only the permissions
// each one uses, the HTTP API and CloudFront in front of it, alarms, and the URLs a publisher needs.
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { SECRET_PARAMETERS } from '#config';
import { PUBLIC_ROUTES } from '#contracts/public-routes';
import { Alarms } from './constructs/alarms';
import { StatsStream } from './constructs/stats-stream';
import { Api } from './constructs/api';
import { Data } from './constructs/data';
import { TABLE_ACTIONS } from './table-actions';
import { Frontend } from './constructs/frontend';
import {
  grantScheduleListing,
  grantSchedules,
  grantSecretReferenceRead,
  grantSecretsRead,
  secretReferenceParameter,
  secretsPrefix,
} from './constructs/grants';
import { type FunctionEnvironment, HandlerFunction } from './constructs/handler-function';
import { Queues } from './constructs/queues';
import { type DeploymentSettings, readSettings } from './settings';

export const STACK_NAME = 'ShoperSmsNotifications';

const API_TIMEOUT = Duration.seconds(10);
const PLANNER_TIMEOUT = Duration.seconds(60);
const SENDER_TIMEOUT = Duration.seconds(30);
const STATS_TIMEOUT = Duration.seconds(60);

export interface SmsNotificationsStackProps extends StackProps {
  /** Defaults to the CDK context values (see lib/settings.ts). */
  readonly settings?: DeploymentSettings;
}

export class SmsNotificationsStack extends Stack {
  constructor(scope: Construct, id: string, props: SmsNotificationsStackProps = {}) {
    super(scope, id, {
      description: 'Automatic SMS notifications for Shoper shops, sent through SMSAPI',
      ...props,
    });
    const settings = props.settings ?? readSettings(this.node);

    const data = new Data(this, 'Data', { deletionProtection: settings.tableDeletionProtection });
    const queues = new Queues(this, 'Queues', {
      eventsConsumerTimeout: PLANNER_TIMEOUT,
      sendsConsumerTimeout: SENDER_TIMEOUT,
    });
    const api = new Api(this, 'Api');
    const frontend = new Frontend(this, 'Frontend', { apiDomain: api.originDomain, webAclArn: settings.webAclArn });
    const appUrl = `${frontend.publicUrl}/app`;

    // Environment pieces, handed out per function below: each one gets the names it needs to do its job.
    const common: FunctionEnvironment = {
      TABLE_NAME: data.table.tableName,
      PUBLIC_URL: frontend.publicUrl,
      ...(settings.shortLinkUrl === undefined ? {} : { SHORT_LINK_URL: settings.shortLinkUrl }),
      APP_URL: appUrl,
      SMSAPI_URL: settings.smsapiUrl,
      SMSAPI_OAUTH_URL: settings.smsapiOAuthUrl,
      WEBHOOK_SECRET_MODE: settings.webhookSecretMode,
      // Every function gets the key name because the AWS composition root builds the token cipher at start-up;
      // only the functions granted kms:Encrypt/Decrypt below can use it.
      KMS_KEY_ID: data.tokenKey.keyArn,
    };
    const secrets: FunctionEnvironment = { SECRETS_PARAMETER_PREFIX: secretsPrefix(this) };
    // `ref` of the group is its name; using it makes the functions wait for the group to exist.
    const scheduleGroup: FunctionEnvironment = { SCHEDULE_GROUP: queues.scheduleGroup.ref };
    const scheduling: FunctionEnvironment = {
      ...scheduleGroup,
      SENDS_QUEUE_URL: queues.sends.queueUrl,
      SENDS_QUEUE_ARN: queues.sends.queueArn,
      SCHEDULER_ROLE_ARN: queues.schedulerRole.roleArn,
      SCHEDULES_DLQ_ARN: queues.sendsDlq.queueArn,
    };
    const createAndDeleteSchedules = {
      groupName: queues.scheduleGroupName,
      actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'] as const,
      schedulerRole: queues.schedulerRole,
    };
    const apiFunction = { timeout: API_TIMEOUT, memorySize: 256 };
    const reserved = settings.reservedConcurrency;
    const throttles = settings.routeThrottles;

    // The install's setup (catalogue, webhooks) travels on the events queue as a message of its own kind: install
    // (appstore) queues it, the planner runs it and queues its own retries, the admin's "try again" queues it anew.
    const setupQueue: FunctionEnvironment = { EVENTS_QUEUE_URL: queues.events.queueUrl };

    // App Store lifecycle: install (OAuth tokens, setup queued), upgrade, uninstall (marks the shop, purge queued).
    const appstore = new HandlerFunction(this, 'Appstore', {
      tracing: settings.tracing,
      handler: 'appstore',
      reservedConcurrency: reserved.appstore,
      description: 'Shoper App Store events: install, upgrade, uninstall',
      ...apiFunction,
      environment: { ...common, ...secrets, ...setupQueue },
    }).fn;
    data.grantData(appstore, { actions: TABLE_ACTIONS.appstore });
    queues.events.grantSendMessages(appstore);
    data.grantTokenCrypto(appstore, ['kms:Encrypt', 'kms:Decrypt']);
    grantSecretsRead(appstore);

    const webhooks = new HandlerFunction(this, 'Webhooks', {
      tracing: settings.tracing,
      handler: 'webhooks',
      reservedConcurrency: reserved.webhooks,
      description: 'Shoper webhooks: verify the signature, store the event, queue it for planning',
      ...apiFunction,
      environment: { ...common, ...secrets, EVENTS_QUEUE_URL: queues.events.queueUrl },
    }).fn;
    data.grantData(webhooks, { actions: TABLE_ACTIONS.webhooks });
    // The shop's webhook secret is stored encrypted like the tokens: verifying a delivery opens it (and seals an
    // old plain-text one).
    data.grantTokenCrypto(webhooks, ['kms:Encrypt', 'kms:Decrypt']);
    queues.events.grantSendMessages(webhooks);
    grantSecretsRead(webhooks);

    const planner = new HandlerFunction(this, 'Planner', {
      tracing: settings.tracing,
      handler: 'planner',
      description: 'Turns shop events into SMS jobs: due now to the sends queue, due later to a schedule',
      timeout: PLANNER_TIMEOUT,
      memorySize: 512,
      environment: { ...common, ...secrets, ...scheduling, ...setupQueue },
    }).fn;
    queues.events.grantSendMessages(planner);
    planner.addEventSource(new SqsEventSource(queues.events, { batchSize: 10, reportBatchItemFailures: true }));
    data.grantData(planner, { orderIndex: true, pendingIndex: true });
    // Encrypt as well: planning may refresh a shop's expired Shoper token and store the new one.
    data.grantTokenCrypto(planner, ['kms:Encrypt', 'kms:Decrypt']);
    queues.sends.grantSendMessages(planner);
    grantSchedules(planner, createAndDeleteSchedules);
    // The uninstall purge (a message kind of its own on the events queue) finds the shop's schedules by name.
    grantScheduleListing(planner, 'ListSchedules');
    grantSecretsRead(planner);

    const sender = new HandlerFunction(this, 'Sender', {
      tracing: settings.tracing,
      handler: 'sender',
      description: 'The only caller of SMSAPI: sends one queued SMS job and records the outcome',
      timeout: SENDER_TIMEOUT,
      memorySize: 512,
      environment: { ...common, ...secrets, ...scheduling },
    }).fn;
    sender.addEventSource(
      new SqsEventSource(queues.sends, {
        batchSize: 5,
        reportBatchItemFailures: true,
        // The brake on SMSAPI: at most this many senders run at once, whatever the queue depth.
        maxConcurrency: settings.senderMaxConcurrency,
      }),
    );
    data.grantData(sender);
    data.grantTokenCrypto(sender, ['kms:Encrypt', 'kms:Decrypt']);
    // The send gate moves a marketing SMS that meets a Sunday or a holiday to the next working day (a new schedule
    // replacing the one that fired), and a batch puts what it could not send back on the sends queue.
    queues.sends.grantSendMessages(sender);
    grantSchedules(sender, createAndDeleteSchedules);
    grantSecretsRead(sender);

    const reports = new HandlerFunction(this, 'Reports', {
      tracing: settings.tracing,
      handler: 'reports',
      reservedConcurrency: reserved.reports,
      description: 'SMSAPI delivery reports: marks jobs delivered or undelivered',
      ...apiFunction,
      // The secrets: a report call is checked against the HMAC token the sender put in its notify_url.
      environment: { ...common, ...secrets },
    }).fn;
    data.grantData(reports, { messageIndex: true, actions: TABLE_ACTIONS.reports });
    grantSecretsRead(reports);

    const admin = new HandlerFunction(this, 'Admin', {
      tracing: settings.tracing,
      handler: 'admin',
      reservedConcurrency: reserved.admin,
      description: 'Admin API of the SPA, the SMSAPI OAuth callback and the health check',
      ...apiFunction,
      environment: { ...common, ...secrets, ...scheduling, ...setupQueue },
    }).fn;
    data.grantData(admin, { pendingIndex: true });
    queues.events.grantSendMessages(admin);
    data.grantTokenCrypto(admin, ['kms:Encrypt', 'kms:Decrypt']);
    queues.sends.grantSendMessages(admin);
    grantSchedules(admin, createAndDeleteSchedules);
    grantSecretsRead(admin);

    const storefront = new HandlerFunction(this, 'Storefront', {
      tracing: settings.tracing,
      handler: 'storefront',
      reservedConcurrency: reserved.storefront,
      description: 'Storefront widget: back-in-stock sign-ups and basket activity',
      ...apiFunction,
      // CloudFront forwards the shopper's address in this header (lib/constructs/frontend.ts).
      environment: { ...common, ...secrets, ...scheduling, VIEWER_ADDRESS_HEADER: 'cloudfront-viewer-address' },
    }).fn;
    data.grantData(storefront, { actions: TABLE_ACTIONS.storefront });
    // Reads products and clients from the shop's REST API (and may refresh its token), and schedules or
    // cancels basket reminders itself.
    data.grantTokenCrypto(storefront, ['kms:Encrypt', 'kms:Decrypt']);
    queues.sends.grantSendMessages(storefront);
    grantSchedules(storefront, createAndDeleteSchedules);
    grantSecretsRead(storefront);
    // CloudFront's secret origin header (ORIGIN_SECRET_HEADER), so the function trusts CloudFront-Viewer-Address only
    // on requests that carry it; the function reads the value through this parameter.
    storefront.addEnvironment('ORIGIN_SECRET_HEADER_VALUE_PARAM', secretReferenceParameter(frontend.originSecretName));
    grantSecretReferenceRead(storefront, frontend.originSecret, frontend.originSecretName);

    const links = new HandlerFunction(this, 'Links', {
      tracing: settings.tracing,
      handler: 'links',
      reservedConcurrency: reserved.links,
      description: 'Short links in SMS: redirect to the shop and count the click, one-click opt-out',
      ...apiFunction,
      // Only the table: the redirect reads nothing else, and a small bundle starts fast.
      environment: { TABLE_NAME: data.table.tableName },
    }).fn;
    data.grantData(links, { pendingIndex: true, actions: TABLE_ACTIONS.links });

    // The public paths (#contracts/public-routes, the table the local runtime dispatches by too): what publishers
    // enter in Shoper and SMSAPI. Each function's routes have its own throttle: a flood on the storefront or
    // reports is refused there, not on webhooks.
    const functions = { appstore, webhooks, reports, admin, storefront, links };
    for (const { path, methods, fn } of PUBLIC_ROUTES) {
      api.route(
        path,
        methods.map((m) => apigw.HttpMethod[m]),
        functions[fn],
        throttles[fn],
      );
    }

    // The Statistics tab, counted from the table's stream (the send path writes no counters).
    const statsFn = new HandlerFunction(this, 'Stats', {
      tracing: settings.tracing,
      handler: 'stats',
      description: "Counts job changes from the table's stream into the Statistics tab, exactly once",
      timeout: STATS_TIMEOUT,
      memorySize: 256,
      environment: common,
    }).fn;
    const stats = new StatsStream(this, 'StatsStream', { data, fn: statsFn });

    new Alarms(this, 'Alarms', {
      deadLetterQueues: { Events: queues.eventsDlq, Sends: queues.sendsDlq, Stats: stats.dlq },
      sender,
      ...(settings.alarmEmail === undefined ? {} : { email: settings.alarmEmail }),
    });

    // What the publisher copies into the Shoper App Store panel and the SMSAPI OAuth client settings.
    new CfnOutput(this, 'ApplicationUrl', {
      description: 'Shoper App Store: application URL (the admin iframe)',
      value: `${appUrl}/`,
    });
    new CfnOutput(this, 'AppStoreEventsUrl', {
      description: 'Shoper App Store: URL for App Store events (install, upgrade, uninstall)',
      value: `${frontend.publicUrl}/shoper/appstore`,
    });
    new CfnOutput(this, 'SmsapiOAuthRedirectUri', {
      description: 'SMSAPI OAuth client: redirect URI',
      value: `${frontend.publicUrl}/smsapi/oauth/callback`,
    });
    new CfnOutput(this, 'SecretsParameterPrefix', {
      description: 'SSM path of the SecureString secrets to create before the app is used',
      value: secretsPrefix(this),
    });
    new CfnOutput(this, 'SecretParameterNames', {
      description: 'The SecureString parameters expected under the prefix',
      value: Object.values(SECRET_PARAMETERS)
        .map((name) => `${secretsPrefix(this)}/${name}`)
        .join(', '),
    });
    new CfnOutput(this, 'TableName', { description: 'DynamoDB table with all shop data', value: data.table.tableName });
    new CfnOutput(this, 'PublicUrl', { description: 'Base URL of the app', value: frontend.publicUrl });
  }
}
