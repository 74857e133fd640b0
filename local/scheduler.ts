// The local twin of EventBridge Scheduler: one item per schedule in DynamoDB Local (so schedules survive a
// restart); a poller puts each due job reference on the local `sends` queue and then deletes the schedule.
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#adapters/dynamodb/client';
import { scheduleName } from '#adapters/eventbridge-scheduler';
import type { Clock, JobRef, JobScheduler, Queue } from '#services/ports';

const PK = 'SCHEDULE';

export interface LocalScheduler extends JobScheduler {
  /** Fires every due schedule; returns how many fired. */
  fireDue(): Promise<number>;
  list(): Promise<{ name: string; at: string; ref: JobRef }[]>;
}

export function createLocalScheduler(doc: DocumentClient, table: string, clock: Clock, target: Queue<JobRef>): LocalScheduler {
  const all = async (prefix = '') => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const res = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PK, ...(prefix ? { ':p': prefix } : {}) },
          ExclusiveStartKey,
        }),
      );
      items.push(...((res.Items as Record<string, unknown>[]) ?? []));
      ExclusiveStartKey = res.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const remove = (name: string) => doc.send(new DeleteCommand({ TableName: table, Key: { pk: PK, sk: name } }));

  return {
    async schedule(ref, at) {
      await doc
        .send(
          new PutCommand({
            TableName: table,
            Item: { pk: PK, sk: scheduleName(ref), at: at.toISOString(), ref },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: { name?: string }) => {
          if (error?.name !== 'ConditionalCheckFailedException') throw error;
        });
    },
    async cancel(ref) {
      await remove(scheduleName(ref));
    },
    async cancelAllOfShop(shop, max = Number.POSITIVE_INFINITY) {
      const prefix = scheduleName({ shop, jobId: '' });
      const items = (await all(prefix)).slice(0, max);
      for (const item of items) await remove(String(item.sk));
      return items.length;
    },
    async fireDue() {
      const now = clock.now().toISOString();
      let fired = 0;
      for (const item of await all()) {
        if (String(item.at) > now) continue;
        // Deliver first, then delete: a crash in between fires twice, which the sender tolerates.
        await target.send(item.ref as JobRef);
        await remove(String(item.sk));
        fired++;
      }
      return fired;
    },
    async list() {
      return (await all()).map((i) => ({ name: String(i.sk), at: String(i.at), ref: i.ref as JobRef }));
    },
  };
}
