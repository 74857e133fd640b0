// The local twin of SQS, kept in DynamoDB Local so a restart loses nothing: at-least-once delivery, a
// visibility timeout, a receive count and a dead-letter queue after `maxReceiveCount` receives.
// Messages are items `pk = Q#<queue>`, `sk = <visibleAt>#<id>`; receiving moves an item to a later sort key in
// one transaction, so two consumers never hold the same message at once.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#adapters/dynamodb/client';
import type { Clock, Queue } from '#services/ports';

export interface LocalQueueOptions {
  name: string;
  visibilityTimeoutMs: number;
  maxReceiveCount: number;
}

export interface ReceivedMessage {
  id: string;
  body: string;
  receiveCount: number;
  /** The item's current sort key: the receipt handle. */
  receipt: string;
  /** When it was sent (epoch ms of the local clock): SQS's SentTimestamp. */
  sentAt?: number;
}

const pad = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

export interface LocalQueue<T> extends Queue<T> {
  name: string;
  receive(max: number): Promise<ReceivedMessage[]>;
  remove(receipt: string): Promise<void>;
  depth(): Promise<{ visible: number; inFlight: number; dead: number }>;
  deadLetters(): Promise<{ id: string; body: string; receiveCount: number }[]>;
}

export function createLocalQueue<T>(doc: DocumentClient, table: string, clock: Clock, options: LocalQueueOptions): LocalQueue<T> {
  const pk = `Q#${options.name}`;
  const dlq = `Q#${options.name}-dlq`;

  const put = async (body: string, visibleAt: number, receiveCount = 0, id: string = randomUUID()) => {
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk, sk: `${pad(visibleAt)}#${id}`, id, body, receiveCount, sentAt: clock.now().getTime() },
      }),
    );
  };

  const queryAllOf = async (partition: string, upTo?: string, limit?: number) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const res = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: upTo ? 'pk = :pk AND sk <= :upTo' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition, ...(upTo ? { ':upTo': upTo } : {}) },
          ExclusiveStartKey,
          ...(limit ? { Limit: limit } : {}),
        }),
      );
      items.push(...((res.Items as Record<string, unknown>[]) ?? []));
      ExclusiveStartKey = limit && items.length >= limit ? undefined : res.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };

  return {
    name: options.name,
    async send(message: T, options?: { delaySeconds?: number }) {
      await put(JSON.stringify(message), clock.now().getTime() + Math.max(0, options?.delaySeconds ?? 0) * 1000);
    },
    async receive(max) {
      const now = clock.now().getTime();
      const due = await queryAllOf(pk, `${pad(now)}#~`, max * 2);
      const received: ReceivedMessage[] = [];
      for (const item of due) {
        if (received.length >= max) break;
        const receiveCount = Number(item.receiveCount ?? 0) + 1;
        const id = String(item.id);
        const toDeadLetter = receiveCount > options.maxReceiveCount;
        const newSk = `${pad(now + options.visibilityTimeoutMs)}#${id}`;
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                { Delete: { TableName: table, Key: { pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
                {
                  Put: {
                    TableName: table,
                    Item: toDeadLetter
                      ? { pk: dlq, sk: `${pad(now)}#${id}`, id, body: item.body, receiveCount: receiveCount - 1 }
                      : { pk, sk: newSk, id, body: item.body, receiveCount, ...(item.sentAt !== undefined ? { sentAt: item.sentAt } : {}) },
                  },
                },
              ],
            }),
          );
        } catch {
          continue; // another consumer took it first
        }
        if (!toDeadLetter) {
          received.push({
            id,
            body: String(item.body),
            receiveCount,
            receipt: newSk,
            ...(item.sentAt !== undefined ? { sentAt: Number(item.sentAt) } : {}),
          });
        }
      }
      return received;
    },
    async remove(receipt) {
      await doc.send(new DeleteCommand({ TableName: table, Key: { pk, sk: receipt } }));
    },
    async depth() {
      const now = clock.now().getTime();
      const all = await queryAllOf(pk);
      const visible = all.filter((i) => String(i.sk) <= `${pad(now)}#~`).length;
      const dead = (await queryAllOf(dlq)).length;
      return { visible, inFlight: all.length - visible, dead };
    },
    async deadLetters() {
      return (await queryAllOf(dlq)).map((i) => ({ id: String(i.id), body: String(i.body), receiveCount: Number(i.receiveCount) }));
    },
  };
}
