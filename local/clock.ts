// The local clock: real time plus an offset a person or a test can move forward ("fast-forward N days").
// The offset is kept in DynamoDB Local, so a restart keeps the simulated date.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#adapters/dynamodb/client';
import type { Clock } from '#services/ports';

export interface LocalClock extends Clock {
  offsetMs(): number;
  advance(ms: number): Promise<void>;
}

export async function createLocalClock(doc: DocumentClient, table: string): Promise<LocalClock> {
  const key = { pk: 'CLOCK', sk: 'offset' };
  const stored = await doc.send(new GetCommand({ TableName: table, Key: key }));
  let offset = Number(stored.Item?.offsetMs ?? 0);
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    async advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('CLOCK_BACKWARDS: the clock only moves forward');
      offset += ms;
      await doc.send(new PutCommand({ TableName: table, Item: { ...key, offsetMs: offset } }));
    },
  };
}
