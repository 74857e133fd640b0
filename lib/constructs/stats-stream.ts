// The Statistics tab's counting: the stats function on the table's stream (functions/handlers/stats.ts). One shard's
// records reach it in order, filtered to job changes; a failed batch is retried whole (no bisecting, so the per-shard
// checkpoint only ever moves forward) and, if it keeps failing, its position goes to a dead-letter queue with an
// alarm (the records stay readable in the stream for 24 hours, to be replayed after the fix).
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COUNTED_STATES } from '#domain/stats-counting';
import type { Data } from './data';
import { TABLE_ACTIONS } from '../table-actions';

export interface StatsStreamProps {
  readonly data: Data;
  /** The stats function (functions/handlers/stats.ts). */
  readonly fn: lambda.IFunction;
}

/** How long the mapping gathers records before an invocation: fewer, fuller transactions; the tab lags this much. */
export const STATS_BATCHING_WINDOW = Duration.seconds(5);
export const STATS_BATCH_SIZE = 1000;
export const STATS_RETRY_ATTEMPTS = 10;

export class StatsStream extends Construct {
  readonly dlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: StatsStreamProps) {
    super(scope, id);
    this.dlq = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead letter of the stats function's stream mapping (its on-failure destination): " +
        'it holds the positions of batches that could not be counted, nothing consumes it but a person.',
    });
    const { fn } = props;
    fn.addEventSource(
      new DynamoEventSource(props.data.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: STATS_BATCH_SIZE,
        maxBatchingWindow: STATS_BATCHING_WINDOW,
        // Retried whole and in order: the checkpoint skips what an earlier try counted.
        bisectBatchOnError: false,
        retryAttempts: STATS_RETRY_ATTEMPTS,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.dlq),
        // Only so that Lambda names the shard in each event (the checkpoint is kept per shard); the window's state
        // is not used, each batch is counted when it arrives.
        tumblingWindow: Duration.minutes(15),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('MODIFY'),
            dynamodb: {
              Keys: { sk: { S: lambda.FilterRule.beginsWith('JOB#') } },
              // Only writes that leave a job in a state that counts (claims, retries and planning never invoke it).
              NewImage: { state: { S: lambda.FilterRule.or(...COUNTED_STATES) } },
            },
          }),
        ],
      }),
    );
    // Only what its code sends (lib/table-actions.ts): never a Query, a delete or a bulk write.
    props.data.grantData(fn, { actions: TABLE_ACTIONS.stats });
    // The stream mapping's grant (table.grantStreamRead) includes dynamodb:ListStreams, which takes no resource.
    const role = fn.role;
    Validations.of(role instanceof iam.Role ? role : fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The DynamoDB stream event source needs dynamodb:ListStreams, which supports no resource-level permission; ' +
        "reading records is granted on this table's stream only.",
    });
  }
}
