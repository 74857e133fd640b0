// The two work queues (raw shop events, SMS jobs due now) with their dead-letter queues, and the EventBridge
// Scheduler group and role that put delayed jobs on the sends queue when they fall due.
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** A message that failed this many receives goes to the DLQ instead of being retried forever. */
export const MAX_RECEIVE_COUNT = 5;
/**
 * The sender counts its own attempts (SENDER_MAX_ATTEMPTS, default 5) and marks a job FAILED itself; the sends
 * queue allows more receives so that "job being sent" bounces never push a job to the DLQ before that.
 */
export const SENDS_MAX_RECEIVE_COUNT = 10;

export interface QueuesProps {
  /** Timeout of the function consuming `events` (the planner). */
  readonly eventsConsumerTimeout: Duration;
  /** Timeout of the function consuming `sends` (the sender). */
  readonly sendsConsumerTimeout: Duration;
}

export class Queues extends Construct {
  readonly events: sqs.Queue;
  readonly eventsDlq: sqs.Queue;
  readonly sends: sqs.Queue;
  readonly sendsDlq: sqs.Queue;
  readonly scheduleGroup: scheduler.CfnScheduleGroup;
  readonly scheduleGroupName: string;
  /** The role EventBridge Scheduler assumes to deliver a due job to the sends queue. */
  readonly schedulerRole: iam.Role;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);

    const [events, eventsDlq] = this.queueWithDlq('Events', props.eventsConsumerTimeout);
    const [sends, sendsDlq] = this.queueWithDlq('Sends', props.sendsConsumerTimeout, SENDS_MAX_RECEIVE_COUNT);
    this.events = events;
    this.eventsDlq = eventsDlq;
    this.sends = sends;
    this.sendsDlq = sendsDlq;

    const stack = Stack.of(this);
    // Named after the stack so two deployments in one account never share (or delete) each other's schedules.
    this.scheduleGroupName = stack.stackName;
    this.scheduleGroup = new scheduler.CfnScheduleGroup(this, 'ScheduleGroup', { name: this.scheduleGroupName });

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to put due SMS jobs on the sends queue',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // Only schedules of this account may use the role (confused-deputy protection).
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    // The sends DLQ is also every schedule's dead-letter target, so a job the scheduler cannot deliver is kept.
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.sends.queueArn, this.sendsDlq.queueArn],
      }),
    );
  }

  private queueWithDlq(name: string, consumerTimeout: Duration, maxReceiveCount = MAX_RECEIVE_COUNT): [sqs.Queue, sqs.Queue] {
    const dlq = new sqs.Queue(this, `${name}Dlq`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows: time for a person to notice the alarm and redrive.
      retentionPeriod: Duration.days(14),
    });
    const queue = new sqs.Queue(this, name, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance for Lambda consumers: at least six times the function timeout, so a message is not
      // handed to a second invocation while the first one is still working on it.
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: dlq, maxReceiveCount },
    });
    return [queue, dlq];
  }
}
