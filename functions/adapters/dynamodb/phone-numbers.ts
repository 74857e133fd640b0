// Reads the phone numbers a shop has collected (NUM# items written by store.rememberNumber): for the
// statistics' "numbers collected" and weekly growth. Only the first-seen time of each number is read.
import { keys, type Store } from './store';

export async function collectedNumberTimes(store: Store, shop: string): Promise<string[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': keys.number('') },
    ExpressionAttributeNames: { '#at': 'at' },
    ProjectionExpression: '#at',
  });
  return items.map((i) => String(i.at ?? ''));
}
