// The local twin of the stats function's event source mapping: reads the app table's stream in DynamoDB Local
// (DynamoDB Streams API) shard by shard, from the oldest record, and hands each batch of job changes to the same
// handler as in AWS, with the shard's id as Lambda names it. A batch that fails is read again from its first record
// (the handler's checkpoint skips what it already counted), as Lambda retries a batch.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { COUNTED_STATES } from '#domain/stats-counting';
import type { Job } from '#domain/model';
import type { Logger } from '#services/ports';
import type { StatsStreamEvent } from '#handlers/stats';
import { localClient } from './dynamodb';

export interface LocalStreamConsumer {
  /** Reads every shard until one full pass finds nothing new (everything written so far is counted). */
  drain(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** As the mapping filters in AWS (lib/constructs/stats-stream.ts): only writes that leave a job in a counted state. */
const isJobRecord = (record: _Record) =>
  record.eventName === 'MODIFY' &&
  (record.dynamodb?.Keys?.sk?.S?.startsWith('JOB#') ?? false) &&
  COUNTED_STATES.includes(record.dynamodb?.NewImage?.state?.S as Job['state']);

export async function startStreamConsumer(options: {
  endpoint: string;
  tableName: string;
  handler: (event: StatsStreamEvent) => Promise<unknown>;
  logger: Logger;
  pollIntervalMs: number;
  batchSize?: number;
}): Promise<LocalStreamConsumer> {
  const dynamo = localClient(options.endpoint);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`LOCAL_STREAM_MISSING: table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  /** Per shard: where the next read starts (undefined: closed and read to its end). */
  const iterators = new Map<string, string | undefined>();
  /** Per shard: the last record handled (or passed over), to start again after an iterator expired. */
  const positions = new Map<string, string>();
  let running = true;

  const iteratorFor = async (shardId: string, after?: string) => {
    const res = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        ...(after ? { SequenceNumber: after } : {}),
      }),
    );
    return res.ShardIterator;
  };

  const getRecords = (iterator: string) =>
    streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 1000 }));

  /** One pass over every shard: the number of job records handed to the handler (a failed batch's too: not done). */
  const readOnce = async (): Promise<number> => {
    let read = 0;
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (!iterators.has(shardId)) iterators.set(shardId, await iteratorFor(shardId));
      const iterator = iterators.get(shardId);
      if (!iterator) continue;
      let res: Awaited<ReturnType<typeof getRecords>>;
      try {
        res = await getRecords(iterator);
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException') throw error;
        // An iterator unused for 15 minutes expires: start again after the last record handled. A trimmed shard
        // (DynamoDB keeps 24 hours; DynamoDB Local also answers TrimmedDataAccessException to a live iterator in tests
        // that move the local clock by days, e.g. attacks-storefront-limits) is read again from its oldest record
        // left: the handler's per-shard checkpoint skips what it already counted.
        const after = name === 'ExpiredIteratorException' ? positions.get(shardId) : undefined;
        iterators.set(shardId, await iteratorFor(shardId, after).catch(() => iteratorFor(shardId)));
        options.logger.warn('local stream iterator renewed', { shardId, reason: name });
        read += 1;
        continue;
      }
      const last = res.Records?.[res.Records.length - 1]?.dynamodb?.SequenceNumber;
      const records = (res.Records ?? []).filter(isJobRecord);
      if (records.length > 0) {
        const event: StatsStreamEvent = {
          Records: records.map((r) => ({ ...r, eventSourceARN: streamArn }) as unknown as DynamoDBRecord),
          shardId,
        };
        try {
          await options.handler(event);
        } catch (error) {
          // Read the batch again next pass from its first record, as Lambda retries a failed batch.
          const first = res.Records![0]!.dynamodb!.SequenceNumber!;
          const lastBefore = await previousPosition(shardId, first);
          iterators.set(shardId, lastBefore);
          options.logger.error('local stream batch failed, will retry', { shardId, error: String(error) });
          read += records.length;
          continue;
        }
        read += records.length;
      }
      if (last) positions.set(shardId, last);
      iterators.set(shardId, res.NextShardIterator);
    }
    return read;
  };

  // The iterator that starts at `first` again (AT_SEQUENCE_NUMBER).
  const previousPosition = async (shardId: string, first: string) =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          SequenceNumber: first,
        }),
      )
    ).ShardIterator;

  /** Passes never overlap (a shard iterator is used once): the loop and drain() queue up behind each other. */
  let queue: Promise<unknown> = Promise.resolve();
  const runPass = (): Promise<number> => {
    const pass = queue.then(readOnce);
    queue = pass.catch(() => 0);
    return pass;
  };

  const loop = (async () => {
    while (running) {
      try {
        await runPass();
      } catch (error) {
        if (running) options.logger.error('local stream consumer error', { error: String(error) });
      }
      await new Promise((r) => setTimeout(r, options.pollIntervalMs));
    }
  })();

  return {
    async drain(timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        try {
          if ((await runPass()) === 0) return true;
        } catch (error) {
          options.logger.warn('local stream read failed, reading again', { error: String(error) });
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      return false;
    },
    async stop() {
      running = false;
      await loop;
      streams.destroy();
    },
  };
}
