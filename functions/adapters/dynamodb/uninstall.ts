// The uninstall purge's storage steps (services/shop-purge.ts): everything of a shop lives under pk = SHOP#<licence>,
// so bounded Query + BatchWrite steps reach every item (and the short links its listings name as twins); the shop
// record (CFG#META) carries the uninstall mark and goes last, or is replaced by an install that arrived meanwhile.
import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ShopPurgeRepository } from '#services/shop-repositories';
import { keys, type Store } from './store';

type Item = Record<string, unknown>;

export function createUninstallRepository(store: Store): ShopPurgeRepository {
  const { doc, tableName: TableName, isConditionFailure, getShop } = store;
  return {
    /** Whether anything at all is stored under the shop's partition (an uninstall cut off by an older version). */
    async hasShopData(shop: string): Promise<boolean> {
      const res = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.shop(shop) },
          Limit: 1,
          ProjectionExpression: 'pk',
        }),
      );
      return (res.Items?.length ?? 0) > 0;
    },

    /**
     * One bounded step of the uninstall purge: deletes up to `limit` of the shop's items, never its record
     * (`CFG#META`, the uninstall mark, deleted last by finishUninstall). `more` while anything else may remain.
     */
    async deleteShopItems(shop: string, limit: number): Promise<{ deleted: number; more: boolean }> {
      const res = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.shop(shop) },
          ProjectionExpression: 'pk, sk, twinPk, twinSk',
          Limit: limit,
        }),
      );
      const found = ((res.Items as Item[]) ?? []).filter((it) => it.sk !== keys.meta);
      // An item may name a twin outside the shop's partition (a short link, `pk = LINK#<code>`): it goes with it.
      const twins = found
        .filter((it) => typeof it.twinPk === 'string' && typeof it.twinSk === 'string')
        .map((it) => ({ pk: it.twinPk, sk: it.twinSk }));
      const items = [...found.map((it) => ({ pk: it.pk, sk: it.sk })), ...twins];
      const batches: Item[][] = [];
      for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
      // A few batches at once: a shop with tens of thousands of items is gone in minutes, not an hour.
      for (let i = 0; i < batches.length; i += 4) {
        await Promise.all(
          batches.slice(i, i + 4).map(async (batch) => {
            let requests = batch.map((it) => ({ DeleteRequest: { Key: { pk: it.pk, sk: it.sk } } }));
            for (let attempt = 0; requests.length > 0; attempt++) {
              const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
              requests = (out.UnprocessedItems?.[TableName] as typeof requests | undefined) ?? [];
              if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
            }
          }),
        );
      }
      return { deleted: items.length, more: found.length > 0 || res.LastEvaluatedKey !== undefined };
    },

    /**
     * The purge's last step, for the uninstall `uninstallId` only. With no install waiting, the shop record goes
     * ('deleted'). With one (`pendingInstall`), that install becomes the record ('reinstalled'). 'stale' when the
     * record is gone or belongs to something else by now.
     */
    async finishUninstall(shop: string, uninstallId: string): Promise<'deleted' | 'reinstalled' | 'stale'> {
      const Key = { pk: keys.shop(shop), sk: keys.meta };
      const names = { '#status': 'status', '#u': 'uninstall', '#id': 'id' };
      const values = { ':uninstalling': 'uninstalling', ':uid': uninstallId };
      try {
        await doc.send(
          new DeleteCommand({
            TableName,
            Key,
            ConditionExpression: '#status = :uninstalling AND #u.#id = :uid AND attribute_not_exists(pendingInstall)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return 'deleted';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const current = await getShop(shop);
      const pending = current?.pendingInstall;
      if (current?.status !== 'uninstalling' || current.uninstall?.id !== uninstallId || !pending?.setup) return 'stale';
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...pending, ...Key },
            // Still this uninstall's mark with this very install waiting (a newer uninstall removes it).
            ConditionExpression: '#status = :uninstalling AND #u.#id = :uid AND pendingInstall.#setup.installId = :iid',
            ExpressionAttributeNames: { ...names, '#setup': 'setup' },
            ExpressionAttributeValues: { ...values, ':iid': pending.setup.installId },
          }),
        );
        return 'reinstalled';
      } catch (error) {
        if (isConditionFailure(error)) return 'stale';
        throw error;
      }
    },
  };
}
