// The table stream's consumer: counts job changes into the Statistics tab (functions/services/stats-stream.ts).
// The event source mapping (lib/constructs/stats-stream.ts) delivers one shard's records in order, already filtered to
// job items; it has a tumbling window only because then Lambda names the batch's shard (`shardId`), which the
// exactly-once checkpoint is kept per. The window's state is not used: each batch is counted when it arrives.
// An error fails the whole batch, so Lambda retries it from its first record (the checkpoint skips what counted).
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Job } from '#domain/model';
import type { Deps } from '#services/deps';
import { countJobChanges, type JobChange } from '#services/stats-stream';
import { awsDeps } from '../composition';
import { dynamodb, stats } from '../aws/dynamodb';

/** A stream batch with a tumbling window: Lambda adds the shard and the window's state. */
export type StatsStreamEvent = DynamoDBStreamEvent & { shardId?: string; isFinalInvokeForWindow?: boolean };
/** With a tumbling window Lambda needs `state` in the answer (an answer without it is a failed invocation). */
export interface StatsStreamResult {
  state: Record<string, string>;
  batchItemFailures: { itemIdentifier: string }[];
}

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
const image = (raw: Image) => (raw ? (unmarshall(raw as Record<string, AttributeValue>) as Job) : undefined);

/** The job changes of a batch, in order; anything that is not a job item is left out (the filter should have). */
export function jobChanges(event: DynamoDBStreamEvent): JobChange[] {
  const changes: JobChange[] = [];
  for (const record of event.Records) {
    const sk = record.dynamodb?.Keys?.sk?.S ?? '';
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!sk.startsWith('JOB#') || !sequenceNumber) continue;
    changes.push({ sequenceNumber, before: image(record.dynamodb?.OldImage), after: image(record.dynamodb?.NewImage) });
  }
  return changes;
}

export const makeHandler =
  (getDeps: () => Promise<Deps>) =>
  // A plain async function, as the other handlers: middy without middleware only wrapped it.
  async (event: StatsStreamEvent, _context?: unknown): Promise<StatsStreamResult> => {
    const deps = await getDeps();
    const changes = jobChanges(event);
    if (changes.length > 0) {
      // Without the shard the checkpoint cannot be kept: fail loudly (the mapping needs its tumbling window).
      if (!event.shardId) throw new Error('STATS_SHARD_UNKNOWN: the stream event names no shardId (tumbling window missing?)');
      const outcome = await countJobChanges(deps, { shardId: event.shardId, changes });
      deps.logger.info('job changes counted', { shardId: event.shardId, records: event.Records.length, ...outcome });
    }
    return { state: {}, batchItemFailures: [] };
  };

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('stats', { ...dynamodb, ...stats });
export const handler = makeHandler(getDeps);
