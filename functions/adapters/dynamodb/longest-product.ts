// The shop's longest active product name, as last read from Shoper: what the composer counts `{product_name}` at.
// One item per shop outside the `CFG#` range (the planner never needs it); uninstall removes it with the rest.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Store } from './store';
import { withoutKeys } from './table';

const SK = 'CAT#LONGEST-PRODUCT';

export interface LongestProductName {
  /** Absent when the shop has no active product. */
  name?: string;
  productId?: string;
  /** Active products looked at. */
  products: number;
  /** False when the shop has more products than a read looks at (the longest of those read is kept). */
  complete: boolean;
  /** Set while a read is unfinished (it stopped on its time budget): the page the next read goes on from. */
  nextPage?: number;
  readAt: string;
}

export async function getLongestProductName(store: Store, shop: string): Promise<LongestProductName | undefined> {
  const res = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: keys.shop(shop), sk: SK } }));
  if (!res.Item) return undefined;
  return withoutKeys<LongestProductName>(res.Item);
}

export async function putLongestProductName(store: Store, shop: string, value: LongestProductName): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...value, pk: keys.shop(shop), sk: SK } }));
}
