// DynamoDB adapter of basket activity (functions/services/storefront-repositories.ts): sk CART#<clientId> under the
// shop, written with optimistic locking on `version` and kept 90 days after the last activity.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BasketActivity } from '#domain/baskets';
import type { BasketRepository } from '#services/storefront-repositories';
import type { DocumentClient } from './client';
import { isConditionFailure } from './paged-query';
import { keys } from './store';
import { withoutKeys } from './table';

const DAY = 86_400;

export function createBasketRepository(doc: DocumentClient, TableName: string): BasketRepository {
  const key = (shop: string, clientId: string) => ({ pk: keys.shop(shop), sk: keys.cart(clientId) });

  return {
    async get(shop: string, clientId: string): Promise<BasketActivity | undefined> {
      const res = await doc.send(new GetCommand({ TableName, Key: key(shop, clientId) }));
      if (!res.Item) return undefined;
      return withoutKeys<BasketActivity>(res.Item, 'expiresAt');
    },

    /**
     * Writes the record if nobody changed it since `expectedVersion` was read (undefined: it must not exist).
     * Kept 90 days after the last activity. False when another request won the race.
     */
    async save(activity: BasketActivity, expectedVersion: number | undefined): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...activity,
              ...key(activity.shop, activity.clientId),
              expiresAt: Math.floor(new Date(activity.lastActivityAt).getTime() / 1000) + 90 * DAY,
            },
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
