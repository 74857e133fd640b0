// Storage of the staff alerts: the settings item (CFG#STAFF, loaded with the rest of the configuration by the
// planner) and one out-of-stock marker per product (STOCK#<productId>), which makes "product out of stock" alert
// once per run-out, also when Shoper sends the same edit twice or the product is edited again while still at 0.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffAlerts } from '#domain/staff-alerts';
import type { StaffAlertsRepository } from '#services/shop-repositories';
import { keys, type Store } from './store';
import { withoutKeys } from './table';

const stockKey = (productId: string) => `STOCK#${productId}`;

const isConditionFailure = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

async function getStaffAlerts(store: Store, shop: string): Promise<Partial<StaffAlerts> | undefined> {
  const res = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: keys.shop(shop), sk: keys.staffAlerts } }));
  if (!res.Item) return undefined;
  return withoutKeys<Partial<StaffAlerts>>(res.Item);
}

async function putStaffAlerts(store: Store, shop: string, value: StaffAlerts): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...value, pk: keys.shop(shop), sk: keys.staffAlerts } }));
}

/**
 * Opens the product's run-out for the event `eventKey`: true when this event opened it (also on a retry of the same
 * event), false when the product was already out of stock through an earlier event.
 */
async function openRunOut(store: Store, shop: string, productId: string, eventKey: string, at: string): Promise<boolean> {
  const Key = { pk: keys.shop(shop), sk: stockKey(productId) };
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key,
        UpdateExpression: 'SET #state = :out, openedBy = :event, openedAt = :at',
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :in',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':out': 'out', ':in': 'in', ':event': eventKey, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await store.doc.send(new GetCommand({ TableName: store.tableName, Key, ConsistentRead: true }));
    return current.Item?.openedBy === eventKey;
  }
}

/** The product is in stock again: its next run-out alerts anew. A product never out of stock writes nothing. */
async function closeRunOut(store: Store, shop: string, productId: string, at: string): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { pk: keys.shop(shop), sk: stockKey(productId) },
        UpdateExpression: 'SET #state = :in, closedAt = :at',
        ConditionExpression: '#state = :out',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':out': 'out', ':in': 'in', ':at': at },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export function createStaffAlertsRepository(store: Store): StaffAlertsRepository {
  return {
    get: (shop) => getStaffAlerts(store, shop),
    put: (shop, value) => putStaffAlerts(store, shop, value),
    openRunOut: (shop, productId, eventKey, at) => openRunOut(store, shop, productId, eventKey, at),
    closeRunOut: (shop, productId, at) => closeRunOut(store, shop, productId, at),
  };
}
