// Writes a re-read shop catalogue (name, statuses, shippings, currencies) onto the shop record, touching only
// those attributes: a token refresh that happened during the read is never overwritten with old tokens.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Shop } from '#domain/model';
import { keys, type Store } from './store';

export type ShopCatalogue = Pick<Shop, 'shopName' | 'statuses' | 'shippings' | 'currencies' | 'defaultCurrency'>;

export async function saveShopCatalogue(store: Store, shop: string, catalogue: ShopCatalogue, readAt: string): Promise<void> {
  const fields: Record<string, unknown> = { ...catalogue, catalogueReadAt: readAt };
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: { pk: keys.shop(shop), sk: keys.meta },
      UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
      // An uninstalled shop's record is gone: do not bring it back.
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
    }),
  );
}
