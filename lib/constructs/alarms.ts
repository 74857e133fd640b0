// Tells the publisher when SMS may be going missing: a message parked in a dead-letter queue, or the sender
// failing. Alarms notify an SNS topic; an e-mail subscription is added when `alarmEmail` is set.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT, SENDS_MAX_RECEIVE_COUNT } from './queues';
import { STATS_RETRY_ATTEMPTS } from './stats-stream';

/** What a message in each dead-letter queue means and what to do (the runbook: docs/operator.md#alarms). */
const DLQ_DESCRIPTIONS: Record<string, string> = {
  Events:
    `A webhook event or a setup/purge task failed to process ${MAX_RECEIVE_COUNT} times. Read the planner function's logs, ` +
    'fix the cause, then redrive the events dead-letter queue (planning is idempotent).',
  Sends:
    `A job reference failed ${SENDS_MAX_RECEIVE_COUNT} receives, or a schedule could not deliver it. Read the sender's logs ` +
    "and check SMSAPI's status, then redrive the sends dead-letter queue (a job already sent is not sent again).",
  Stats:
    `The stats function failed one table stream batch and its ${STATS_RETRY_ATTEMPTS} retries: the Statistics tab misses ` +
    'those changes (SMS are not affected). Read its logs, fix the cause, then replay the batch within 24 hours as the ' +
    'operator guide describes (redriving this queue does not count anything).',
};

export interface AlarmsProps {
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly sender: lambda.IFunction;
  readonly email?: string;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    // Not KMS-encrypted: notifications carry only alarm names and metric values, no shop or customer data, and
    // CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Shoper SMS notifications alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const notify = new actions.SnsAction(this.topic);

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      const alarm = new cloudwatch.Alarm(this, `${name}DlqNotEmpty`, {
        alarmDescription: `Messages are waiting in the ${name} dead-letter queue. ${DLQ_DESCRIPTIONS[name] ?? ''}`.trim(),
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }

    const senderErrors = new cloudwatch.Alarm(this, 'SenderErrors', {
      alarmDescription: 'The sender function failed (crash or timeout), so some SMS are being retried or delayed. Check its logs.',
      metric: props.sender.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    senderErrors.addAlarmAction(notify);
    senderErrors.addOkAction(notify);
  }
}
