// Basket activity of logged-in clients (sk CART#<clientId>), reported by the storefront widget since Shoper has
// no basket webhook: the last activity, the client's facts read from Shoper, and the pending reminder job.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Store } from './store';
import { withoutKeys } from './table';

export interface BasketClient {
  firstname?: string;
  lastname?: string;
  email?: string;
  /** E.164, only when it is a mobile number of an allowed country. */
  phone?: string;
  /** Marketing consent as Shoper records it (the newsletter flag). */
  newsletter: boolean;
  fetchedAt: string;
}

export interface BasketActivity {
  shop: string;
  clientId: string;
  itemsCount: number;
  lastActivityAt: string;
  client?: BasketClient;
  /** Written by earlier versions from the page's own flag; no longer written and never counted as consent. */
  consent?: { at: string; textVersion: string; ipHash: string };
  /** The pending reminder, if any, and the activity it was planned from. */
  jobId?: string;
  plannedFrom?: string;
  orderedAt?: string;
  /** Optimistic locking: every write bumps it. */
  version: number;
}

const DAY = 86_400;

export function createBasketRepository(store: Store) {
  const { doc, tableName: TableName } = store;
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
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}

export type BasketRepository = ReturnType<typeof createBasketRepository>;
