// Short links, opt-outs and attribution in the single table.
// - `pk = LINK#<code>, sk = LINK`: the link itself, so the redirect is one request by code. Its clicks (count,
//   first, last) are recorded on it by the same UpdateItem that reads it.
// - `pk = SHOP#<licence>, sk = LINK#P#<phone>#<code>` (and `LINK#U#<userId>#<code>`): the shop's listing of its
//   links by client, for attribution; the phone listing names the link item (`twinPk`/`twinSk`), so uninstalling
//   the shop (deleteShopData) deletes the links too.
// - `OPTOUT#<phone>`: the withdrawn consent (when, how, from which SMS); `ATTR#<orderId>`: an attributed order.
// - Per-kind counters live on the day's `STAT#<date>` item as `k_<metric>_<kind>` attributes.
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { kindCounter, type Attribution, type OptOut } from '#domain/link-results';
import type { ShortLink } from '#domain/short-links';
import type { ShortLinkRepository } from '#services/storefront-repositories';
import type { DocumentClient } from './client';
import { isConditionFailure, queryAll } from './paged-query';
import { withoutKeys } from './table';

// Kept importable from here for the statistics stream (functions/services/stats.ts); their home is the domain.
export { KIND_METRICS, kindCounter, type Attribution, type KindMetric, type OptOut } from '#domain/link-results';

export const linkKeys = {
  link: (code: string) => ({ pk: `LINK#${code}`, sk: 'LINK' }),
  byPhone: (phone: string, code?: string) => `LINK#P#${phone}#${code ?? ''}`,
  byUser: (userId: string, code?: string) => `LINK#U#${userId}#${code ?? ''}`,
  optOut: (phone: string) => `OPTOUT#${phone}`,
  attribution: (orderId: string) => `ATTR#${orderId}`,
  stat: (date: string) => `STAT#${date}`,
};

const DAY = 86_400;
const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
type Item = Record<string, unknown>;

const toLink = (item: Item | undefined): ShortLink | undefined => {
  if (!item) return undefined;
  return withoutKeys<ShortLink>(item, 'expiresAt');
};

export interface ShortLinkRepositoryOptions {
  /**
   * false: one PutItem per item and one GetItem per number instead of BatchWriteItem and BatchGetItem, for the public
   * storefront function, which is granted no bulk action (lib/table-actions.ts) and saves one SMS's links at a time.
   */
  bulk?: boolean;
}

export function createShortLinkRepository(
  doc: DocumentClient,
  TableName: string,
  options: ShortLinkRepositoryOptions = {},
): ShortLinkRepository {
  const shopPk = (shop: string) => `SHOP#${shop}`;
  const bulk = options.bulk ?? true;

  async function batchWrite(items: Item[]) {
    if (!bulk) {
      await Promise.all(items.map((Item) => doc.send(new PutCommand({ TableName, Item }))));
      return;
    }
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
        requests = (res.UnprocessedItems?.[TableName] as typeof requests | undefined) ?? [];
        if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  }

  return {
    /**
     * Stores links (and their listings under the shop). Idempotent: the same SMS planned again has the same codes;
     * a re-put never resets clicks because links are stored before their SMS exists.
     */
    async save(links: readonly ShortLink[]) {
      const items: Item[] = [];
      for (const link of links) {
        const key = linkKeys.link(link.code);
        const ttl = epoch(link.validUntil) + DAY;
        items.push({ ...link, ...key, expiresAt: ttl });
        const listing = { code: link.code, kind: link.kind, createdAt: link.createdAt, expiresAt: ttl };
        items.push({ pk: shopPk(link.shop), sk: linkKeys.byPhone(link.phone, link.code), ...listing, twinPk: key.pk, twinSk: key.sk });
        if (link.userId) items.push({ pk: shopPk(link.shop), sk: linkKeys.byUser(link.userId, link.code), ...listing });
      }
      await batchWrite(items);
    },

    async get(code: string): Promise<ShortLink | undefined> {
      const res = await doc.send(new GetCommand({ TableName, Key: linkKeys.link(code) }));
      return toLink(res.Item as Item | undefined);
    },

    /**
     * The redirect's one request: reads a live link and records the click on it (count, first and last time).
     * Undefined when the code is unknown or the link has expired (nothing recorded).
     */
    async recordClick(code: string, at: string): Promise<ShortLink | undefined> {
      try {
        const res = await doc.send(
          new UpdateCommand({
            TableName,
            Key: linkKeys.link(code),
            UpdateExpression: 'SET #first = if_not_exists(#first, :at), #last = :at ADD #clicks :one',
            ConditionExpression: 'attribute_exists(pk) AND #valid > :at AND #purpose = :redirect',
            ExpressionAttributeNames: {
              '#first': 'firstClickAt',
              '#last': 'lastClickAt',
              '#clicks': 'clicks',
              '#valid': 'validUntil',
              '#purpose': 'purpose',
            },
            ExpressionAttributeValues: { ':at': at, ':one': 1, ':redirect': 'redirect' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toLink(res.Attributes as Item);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    /** The client's links (by phone and by account), read whole: for attribution of an order. */
    async listClientLinks(shop: string, client: { phone?: string; userId?: string }): Promise<ShortLink[]> {
      const prefixes = [
        client.phone ? linkKeys.byPhone(client.phone) : undefined,
        client.userId ? linkKeys.byUser(client.userId) : undefined,
      ];
      const listings = (
        await Promise.all(
          prefixes
            .filter((p): p is string => p !== undefined)
            .map((prefix) =>
              queryAll(doc, TableName, {
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
                ExpressionAttributeValues: { ':pk': shopPk(shop), ':p': prefix },
                ProjectionExpression: '#code',
                ExpressionAttributeNames: { '#code': 'code' },
              }),
            ),
        )
      ).flat();
      const codes = [...new Set(listings.map((l) => String(l.code)))];
      const links: ShortLink[] = [];
      for (let i = 0; i < codes.length; i += 100) {
        let keys: Item[] = codes.slice(i, i + 100).map((code) => linkKeys.link(code));
        for (let attempt = 0; keys.length > 0; attempt++) {
          const res = await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys } } }));
          links.push(...((res.Responses?.[TableName] as Item[] | undefined) ?? []).map((it) => toLink(it)!));
          keys = (res.UnprocessedKeys?.[TableName]?.Keys as Item[] | undefined) ?? [];
          if (keys.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        }
      }
      // A link of another shop never counts, whatever a listing says.
      return links.filter((l) => l.shop === shop);
    },

    /** Records a withdrawal once: the first one stays the proof. True when it is new. */
    async recordOptOut(shop: string, optOut: OptOut): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...optOut, pk: shopPk(shop), sk: linkKeys.optOut(optOut.phone) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Which of these numbers opted out (one BatchGet per 100 numbers; item by item without bulk). */
    async optOutsOf(shop: string, phones: readonly string[]): Promise<Map<string, OptOut>> {
      const found = new Map<string, OptOut>();
      const unique = [...new Set(phones)];
      if (!bulk) {
        const items = await Promise.all(
          unique.map(
            async (phone) => (await doc.send(new GetCommand({ TableName, Key: { pk: shopPk(shop), sk: linkKeys.optOut(phone) } }))).Item,
          ),
        );
        for (const item of items) if (item) found.set(String(item.phone), withoutKeys<OptOut>(item));
        return found;
      }
      for (let i = 0; i < unique.length; i += 100) {
        let keys: Item[] = unique.slice(i, i + 100).map((phone) => ({ pk: shopPk(shop), sk: linkKeys.optOut(phone) }));
        for (let attempt = 0; keys.length > 0; attempt++) {
          const res = await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys } } }));
          for (const item of (res.Responses?.[TableName] as Item[] | undefined) ?? []) {
            found.set(String(item.phone), withoutKeys<OptOut>(item));
          }
          keys = (res.UnprocessedKeys?.[TableName]?.Keys as Item[] | undefined) ?? [];
          if (keys.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        }
      }
      return found;
    },

    async listOptOuts(shop: string): Promise<OptOut[]> {
      const items = await queryAll(doc, TableName, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': shopPk(shop), ':p': 'OPTOUT#' },
      });
      return items.map((item) => withoutKeys<OptOut>(item)).sort((a, b) => b.at.localeCompare(a.at));
    },

    /** Adds per-kind counters to the day's statistics item (atomic ADD). */
    async addKindCounters(shop, date, counters) {
      const entries = Object.entries(counters).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] !== 0);
      if (entries.length === 0) return;
      await doc.send(new UpdateCommand({ TableName, Key: { pk: shopPk(shop), sk: linkKeys.stat(date) }, ...addExpression(date, entries) }));
    },

    /**
     * Records an order's attribution and adds it to the day's counters in one transaction: an order.create
     * delivered twice counts once. False when the order was attributed before.
     */
    async attribute(shop: string, date: string, attribution: Attribution): Promise<boolean> {
      const counters: [string, number][] = [[kindCounter('orders', attribution.kind), 1]];
      if (attribution.revenue) counters.push([kindCounter('revenue', attribution.kind), attribution.revenue]);
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName,
                  Item: {
                    ...attribution,
                    pk: shopPk(shop),
                    sk: linkKeys.attribution(attribution.orderId),
                    expiresAt: epoch(attribution.at) + 400 * DAY,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Update: { TableName, Key: { pk: shopPk(shop), sk: linkKeys.stat(date) }, ...addExpression(date, counters) } },
            ],
          }),
        );
        return true;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed')
          return false;
        throw error;
      }
    },

    /** The `k_` counters of the days from..to (inclusive), by date. */
    async listKindCounters(shop: string, fromDate: string, toDate: string): Promise<{ date: string; counters: Record<string, number> }[]> {
      const items = await queryAll(doc, TableName, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': shopPk(shop), ':a': linkKeys.stat(fromDate), ':b': linkKeys.stat(toDate) },
      });
      return items.map((item) => ({
        date: String(item.date ?? String(item.sk).slice('STAT#'.length)),
        counters: Object.fromEntries(
          Object.entries(item)
            .filter(([k]) => k.startsWith('k_'))
            .map(([k, v]) => [k, Number(v)]),
        ),
      }));
    },
  };
}

function addExpression(date: string, entries: [string, number][]) {
  return {
    UpdateExpression: `SET #date = :date ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
    ExpressionAttributeNames: { '#date': 'date', ...Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])) },
    ExpressionAttributeValues: { ':date': date, ...Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])) },
  };
}
