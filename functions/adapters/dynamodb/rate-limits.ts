// Counters that hold across Lambda instances: one item per (counter, window) with an atomic ADD that is
// conditional on staying within the limit, and a TTL so old windows disappear by themselves.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterRepository, CounterResult } from '#services/storefront-repositories';
import type { DocumentClient } from './client';
import { isConditionFailure } from './paged-query';
import { keys } from './store';

/**
 * Counters that span every shop (one address's storefront requests to all shops together) live outside the shops'
 * partitions, one partition per counted subject (a keyed hash, never the address itself).
 */
export const sharedCounterKey = (subject: string, name: string) => ({ pk: `LIMIT#${subject}`, sk: keys.rate(name) });

export function createCounterRepository(doc: DocumentClient, TableName: string): CounterRepository {
  async function consumeAt(Key: Record<string, string>, limit: number, expiresAt: number, amount: number): Promise<CounterResult> {
    if (amount > limit) return { ok: false };
    try {
      const res = await doc.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET expiresAt = if_not_exists(expiresAt, :exp) ADD #n :amount',
          ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: { ':exp': expiresAt, ':amount': amount, ':room': limit - amount },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { ok: true, count: Number(res.Attributes?.count ?? amount) };
    } catch (error) {
      if (isConditionFailure(error)) return { ok: false };
      throw error;
    }
  }

  return {
    /**
     * Adds `amount` to the counter `name` unless that would take it above `limit`. The counter lives under the
     * shop's partition (so uninstall removes it) and expires at `expiresAt` (unix seconds).
     */
    async consume(shop: string, name: string, limit: number, expiresAt: number, amount = 1): Promise<CounterResult> {
      return consumeAt({ pk: keys.shop(shop), sk: keys.rate(name) }, limit, expiresAt, amount);
    },

    /** The same for a counter across all shops (see sharedCounterKey); it expires at `expiresAt` too. */
    async consumeShared(subject: string, name: string, limit: number, expiresAt: number): Promise<CounterResult> {
      return consumeAt(sharedCounterKey(subject, name), limit, expiresAt, 1);
    },

    /** Gives back what was consumed (a cancelled job frees its place under the daily cap). */
    async release(shop: string, name: string, amount = 1): Promise<void> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.rate(name) },
            UpdateExpression: 'ADD #n :minus',
            ConditionExpression: '#n >= :amount',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':minus': -amount, ':amount': amount },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  };
}
