// DynamoDB adapter of the statistics repository (functions/services/stats-repository.ts).
// - `SHOP#<licence> / STAT#<date>`: the day's counters (ADD), written only by the stream aggregator's transactions
//   (and by the admin's test SMS and back-in-stock sign-ups, which count outside the job stream).
// - `SHOP#<licence> / NUM#<phone>`: a collected number with its first-seen time and the stream position that saw it.
// - `STATS#STREAM / SHARD#<shardId>`: how far the aggregator has counted a stream shard; TTL (a stream keeps records
//   24 hours, so a week-old checkpoint can never be needed again).
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StatsRepository } from '#services/stats-repository';
import { MAX_COUNTS_PER_COMMIT } from '#services/stats-repository';
import { keys, type Store } from './store';

const checkpointKey = (shardId: string) => ({ pk: 'STATS#STREAM', sk: `SHARD#${shardId}` });
const CHECKPOINT_DAYS = 7;
/** BatchGetItem reads at most 100 keys per request. */
const MAX_BATCH_GET = 100;

type Item = Record<string, unknown>;

const isTransactionConflict = (error: unknown) => {
  const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }) ?? {};
  return (
    reasons.name === 'TransactionCanceledException' && (reasons.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
};

export function createStatsRepository(store: Store): StatsRepository {
  const { doc, tableName: TableName } = store;
  return {
    async collectedNumberTimes(shop) {
      const items = await store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': keys.number('') },
        ExpressionAttributeNames: { '#at': 'at' },
        ProjectionExpression: '#at',
      });
      return items.map((i) => String(i.at ?? ''));
    },

    async streamCheckpoint(shardId) {
      const res = await doc.send(new GetCommand({ TableName, Key: checkpointKey(shardId), ConsistentRead: true }));
      return typeof res.Item?.seq === 'string' ? res.Item.seq : undefined;
    },

    async knownNumbers(shop, phones) {
      const known = new Map<string, string | undefined>();
      const unique = [...new Set(phones)];
      for (let i = 0; i < unique.length; i += MAX_BATCH_GET) {
        let request: Record<string, { Keys: Item[]; ProjectionExpression?: string }> | undefined = {
          [TableName]: { Keys: unique.slice(i, i + MAX_BATCH_GET).map((phone) => ({ pk: keys.shop(shop), sk: keys.number(phone) })) },
        };
        // Unprocessed keys (throttling) are asked again until none are left.
        while (request && Object.keys(request).length > 0) {
          const res = await doc.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of res.Responses?.[TableName] ?? []) {
            known.set(String(item.phone), typeof item.stamp === 'string' ? item.stamp : undefined);
          }
          request = res.UnprocessedKeys as typeof request;
        }
      }
      return known;
    },

    async rememberNumber(shop, phone, { at, source, stamp }) {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { pk: keys.shop(shop), sk: keys.number(phone), phone, at, source, stamp },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return true;
      } catch (error) {
        if (!store.isConditionFailure(error)) throw error;
        // The refused item comes back in DynamoDB's raw form: ours when an earlier try of this batch wrote it.
        const old = (error as { Item?: { stamp?: { S?: string } } }).Item;
        return old?.stamp?.S === stamp;
      }
    },

    async commitCounts(shardId, from, to, counts) {
      if (counts.length > MAX_COUNTS_PER_COMMIT) throw new Error(`STATS_COMMIT_TOO_LARGE: ${counts.length} days`);
      const expiresAt = Math.floor(Date.now() / 1000) + CHECKPOINT_DAYS * 86_400;
      const checkpoint = {
        Update: {
          TableName,
          Key: checkpointKey(shardId),
          UpdateExpression: 'SET seq = :to, expiresAt = :ttl',
          ConditionExpression: from === undefined ? 'attribute_not_exists(pk)' : 'seq = :from',
          ExpressionAttributeValues: { ':to': to, ':ttl': expiresAt, ...(from === undefined ? {} : { ':from': from }) },
        },
      };
      const days = counts.flatMap(({ shop, date, counters }) => {
        const entries = Object.entries(counters).filter(([, v]) => typeof v === 'number' && v !== 0);
        if (entries.length === 0) return [];
        return [
          {
            Update: {
              TableName,
              Key: { pk: keys.shop(shop), sk: keys.stat(date) },
              UpdateExpression: `SET #date = :date ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
              ExpressionAttributeNames: { '#date': 'date', ...Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])) },
              ExpressionAttributeValues: { ':date': date, ...Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])) },
            },
          },
        ];
      });
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: [checkpoint, ...days] }));
      } catch (error) {
        if (isTransactionConflict(error))
          throw new Error(`STATS_CHECKPOINT_MOVED: shard ${shardId} is no longer at ${from ?? 'its start'}`);
        throw error;
      }
    },
  };
}
