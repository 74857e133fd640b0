// The single-table repository behind the ShopStore port (services/shop-store.ts). All of a shop's data lives under
// pk = SHOP#<licence>; configuration items share the `CFG#` sort-key prefix so one Query loads it all.
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DocumentClient } from './client';
import { ORDER_INDEX, PENDING_INDEX, REF_INDEX, withoutKeys } from './table';
import { JOB_STORAGE_ONLY, PENDING_STATES } from './jobs';
import type {
  Celebration,
  DailyStats,
  ErrorLogEntry,
  Job,
  MessageTemplate,
  Shop,
  ShopSettings,
  ShopSetup,
  ShoperTokens,
  SmsapiConnection,
} from '#domain/model';
import type { StaffAlerts } from '#domain/staff-alerts';
import { decodeKeyCursor, encodeKeyCursor } from '#domain/cursor';
import type { LongestProductName, ShopCatalogue, ShopConfiguration } from '#domain/shop-data';
import type { JobListFilter, ShopStore, StatCounters } from '#services/shop-store';

export const keys = {
  shop: (shop: string) => `SHOP#${shop}`,
  meta: 'CFG#META',
  smsapi: 'CFG#SMSAPI',
  settings: 'CFG#SETTINGS',
  staffAlerts: 'CFG#STAFF',
  longestProduct: 'CAT#LONGEST-PRODUCT',
  template: (key: string) => `CFG#TPL#${key}`,
  celebration: (id: string) => `CFG#EVENT#${id}`,
  job: (jobId: string) => `JOB#${jobId}`,
  error: (at: string, id: string) => `ERR#${at}#${id}`,
  stat: (date: string) => `STAT#${date}`,
  event: (id: string) => `EVT#${id}`,
  subscription: (productId: string, phone: string) => `SUB#${productId}#${phone}`,
  cart: (key: string) => `CART#${key}`,
  rate: (key: string) => `RATE#${key}`,
  number: (phone: string) => `NUM#${phone}`,
  orderRef: (shop: string, orderId: string) => `SHOP#${shop}#ORDER#${orderId}`,
};

const DAY = 86_400;
const epoch = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);

type Item = Record<string, unknown>;

const strip = <T>(item: Item | undefined): T | undefined => {
  if (!item) return undefined;
  return withoutKeys<T>(item, ...JOB_STORAGE_ONLY);
};

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/** Raw access to the table, for adapters only (services get the ShopStore port, which has none of it). */
export interface RawTable {
  doc: DocumentClient;
  tableName: string;
  queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]>;
  queryPages(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<Item[]>;
  isConditionFailure(error: unknown): boolean;
}

export function createStore(doc: DocumentClient, tableName: string): ShopStore & RawTable {
  const TableName = tableName;

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
      items.push(...((page.Items as Item[]) ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  /** The same Query one DynamoDB page (up to 1 MB) at a time, for lists too long to hold in memory. */
  async function* queryPages(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<Item[]> {
    // A caller's ExclusiveStartKey starts the first page (a read carried on from an earlier run).
    let ExclusiveStartKey: Record<string, unknown> | undefined = input.ExclusiveStartKey;
    do {
      const page = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
      yield (page.Items as Item[]) ?? [];
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  const get = async <T>(shop: string, sk: string): Promise<T | undefined> => {
    const res = await doc.send(new GetCommand({ TableName, Key: { pk: keys.shop(shop), sk } }));
    return strip<T>(res.Item as Item | undefined);
  };

  const put = async (shop: string, sk: string, value: object, extra: Item = {}) => {
    await doc.send(new PutCommand({ TableName, Item: { ...value, ...extra, pk: keys.shop(shop), sk } }));
  };

  /** Reads items found through a keys-only index (BatchGet, 100 at a time, unprocessed keys retried). */
  async function getJobs(refs: Item[]): Promise<Job[]> {
    const jobs: Job[] = [];
    for (let i = 0; i < refs.length; i += 100) {
      let pending: Record<string, unknown>[] = refs.slice(i, i + 100).map((r) => ({ pk: r.pk, sk: r.sk }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const res = await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }));
        jobs.push(...((res.Responses?.[TableName] as Item[] | undefined) ?? []).map((it) => strip<Job>(it)!));
        pending = (res.UnprocessedKeys?.[TableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
    return jobs;
  }

  return {
    getShop: (shop: string) => get<Shop>(shop, keys.meta),
    putShop: (shop: Shop) => put(shop.shop, keys.meta, shop),
    /** Only the token attributes: a concurrent change to the rest of the shop record is kept. */
    async updateShopTokens(shop: string, tokens: ShoperTokens) {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: keys.shop(shop), sk: keys.meta },
          UpdateExpression: 'SET tokens = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': tokens },
        }),
      );
    },

    /**
     * Sets and removes attributes of the shop record only; a concurrent change to the rest is kept. With
     * `installId`, only while the record still belongs to that install; with `uninstallId`, only while that
     * uninstall runs (false when it does not, or the record is gone).
     */
    async updateShop(
      shop: string,
      set: Partial<Shop>,
      options: { remove?: (keyof Shop)[]; installId?: string; uninstallId?: string } = {},
    ): Promise<boolean> {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(set)
        .filter(([, v]) => v !== undefined)
        .map(([k, v], i) => {
          names[`#s${i}`] = k;
          values[`:s${i}`] = v;
          return `#s${i} = :s${i}`;
        });
      const removes = (options.remove ?? []).map((k, i) => {
        names[`#r${i}`] = k;
        return `#r${i}`;
      });
      if (sets.length === 0 && removes.length === 0) return true;
      let condition = 'attribute_exists(pk)';
      if (options.installId !== undefined) {
        names['#setup'] = 'setup';
        names['#installId'] = 'installId';
        values[':installId'] = options.installId;
        condition += ' AND #setup.#installId = :installId';
      }
      if (options.uninstallId !== undefined) {
        // Only while the shop is still being uninstalled by that very uninstall.
        names['#status'] = 'status';
        names['#uninstall'] = 'uninstall';
        names['#uid'] = 'id';
        values[':uninstalling'] = 'uninstalling';
        values[':uid'] = options.uninstallId;
        condition += ' AND #status = :uninstalling AND #uninstall.#uid = :uid';
      }
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.meta },
            UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
              .join(' ')
              .trim(),
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Starts a setup that re-registers the webhooks of a shop set up before one webhook per event (no id -> event
     * map yet), unless one runs already: at most one a day, so a shop whose setup keeps failing is not hammered.
     */
    async startWebhookMigration(shop: string, setup: ShopSetup, notBefore: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.meta },
            UpdateExpression: 'SET #setup = :setup',
            ConditionExpression:
              '#status = :installed AND attribute_not_exists(webhookEvents) AND (attribute_not_exists(#setup) OR #setup.#state = :done OR #setup.startedAt < :notBefore)',
            ExpressionAttributeNames: { '#setup': 'setup', '#status': 'status', '#state': 'state' },
            ExpressionAttributeValues: { ':setup': setup, ':installed': 'installed', ':done': 'done', ':notBefore': notBefore },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Everything the planner needs about a shop, in one Query. */
    async loadConfiguration(shop: string): Promise<ShopConfiguration> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cfg)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':cfg': 'CFG#' },
      });
      const config: ShopConfiguration = { templates: {}, celebrations: [] };
      for (const item of items) {
        const sk = String(item.sk);
        if (sk === keys.meta) config.shop = strip<Shop>(item);
        else if (sk === keys.smsapi) config.smsapi = strip<SmsapiConnection>(item);
        else if (sk === keys.settings) config.settings = strip<Partial<ShopSettings>>(item);
        else if (sk === keys.staffAlerts) config.staffAlerts = strip<Partial<StaffAlerts>>(item);
        else if (sk.startsWith('CFG#TPL#')) config.templates[sk.slice('CFG#TPL#'.length)] = strip<MessageTemplate>(item)!;
        else if (sk.startsWith('CFG#EVENT#')) config.celebrations.push(strip<Celebration>(item)!);
      }
      config.celebrations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return config;
    },

    async saveCatalogue(shop: string, catalogue: ShopCatalogue, readAt: string): Promise<void> {
      const fields: Record<string, unknown> = { ...catalogue, catalogueReadAt: readAt };
      const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: keys.shop(shop), sk: keys.meta },
          UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          // An uninstalled shop's record is gone: do not bring it back.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
        }),
      );
    },

    /** One item per shop outside the `CFG#` range (the planner never needs it); uninstall removes it with the rest. */
    getLongestProductName: (shop: string) => get<LongestProductName>(shop, keys.longestProduct),
    putLongestProductName: (shop: string, value: LongestProductName) => put(shop, keys.longestProduct, value),

    getSmsapi: (shop: string) => get<SmsapiConnection>(shop, keys.smsapi),
    putSmsapi: (shop: string, value: SmsapiConnection) => put(shop, keys.smsapi, value),
    deleteSmsapi: async (shop: string) => {
      await doc.send(new DeleteCommand({ TableName, Key: { pk: keys.shop(shop), sk: keys.smsapi } }));
    },

    getSettings: (shop: string) => get<Partial<ShopSettings>>(shop, keys.settings),
    /** What the sender needs of the shop (its SMSAPI connection and settings), in one BatchGetItem. */
    async getSendingSetup(shop: string): Promise<{ smsapi?: SmsapiConnection; settings?: Partial<ShopSettings> }> {
      let pending: Record<string, unknown>[] = [keys.smsapi, keys.settings].map((sk) => ({ pk: keys.shop(shop), sk }));
      const found: Item[] = [];
      for (let attempt = 0; pending.length > 0; attempt++) {
        const res = await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }));
        found.push(...((res.Responses?.[TableName] as Item[] | undefined) ?? []));
        pending = (res.UnprocessedKeys?.[TableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
      const item = (sk: string) => found.find((i) => i.sk === sk);
      return { smsapi: strip<SmsapiConnection>(item(keys.smsapi)), settings: strip<Partial<ShopSettings>>(item(keys.settings)) };
    },
    putSettings: (shop: string, value: ShopSettings) => put(shop, keys.settings, value),

    getTemplate: (shop: string, key: string) => get<MessageTemplate>(shop, keys.template(key)),
    putTemplate: (shop: string, key: string, value: MessageTemplate) => put(shop, keys.template(key), value),
    async listTemplates(shop: string): Promise<Record<string, MessageTemplate>> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': 'CFG#TPL#' },
      });
      return Object.fromEntries(items.map((i) => [String(i.sk).slice('CFG#TPL#'.length), strip<MessageTemplate>(i)!]));
    },

    async listCelebrations(shop: string): Promise<Celebration[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': 'CFG#EVENT#' },
      });
      return items.map((i) => strip<Celebration>(i)!).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    getCelebration: (shop: string, id: string) => get<Celebration>(shop, keys.celebration(id)),
    putCelebration: (shop: string, value: Celebration) => put(shop, keys.celebration(value.id), value),
    async deleteCelebration(shop: string, id: string): Promise<boolean> {
      try {
        await doc.send(
          new DeleteCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.celebration(id) },
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Stores a verified raw event for audit and replay; kept two weeks. Keyed by its content, so Shoper's
     * byte-identical redeliveries keep one row.
     */
    async putEvent(shop: string, id: string, at: string, event: string, body: string) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk: keys.shop(shop), sk: keys.event(id), event, body, at, expiresAt: epoch(at) + 14 * DAY },
        }),
      );
    },

    /** Creates the job unless it exists (job ids are deterministic: a duplicate event maps to the same id). */
    async createJob(job: Job): Promise<'created' | 'exists'> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...job,
              pk: keys.shop(job.shop),
              sk: keys.job(job.jobId),
              ref: keys.job(job.jobId),
              ...(job.source.orderId ? { orderRef: keys.orderRef(job.shop, job.source.orderId) } : {}),
              ...(PENDING_STATES.has(job.state) ? { pending: keys.shop(job.shop) } : {}),
              expiresAt: epoch(job.dueAt) + 180 * DAY,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'created';
      } catch (error) {
        if (isConditionFailure(error)) return 'exists';
        throw error;
      }
    },

    getJob: (shop: string, jobId: string) => get<Job>(shop, keys.job(jobId)),

    async listJobs(shop: string, filter: JobListFilter = {}): Promise<Job[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': 'JOB#' },
      });
      let jobs = items.map((i) => strip<Job>(i)!);
      if (filter.states) jobs = jobs.filter((j) => filter.states!.includes(j.state));
      if (filter.search) {
        const q = filter.search.toLowerCase();
        jobs = jobs.filter((j) => j.phone.includes(q) || j.text.toLowerCase().includes(q) || j.source.orderId === q);
      }
      return jobs;
    },

    /** Finds the shop of a job from its id alone (delivery reports carry only our idx). */
    async findJobShop(jobId: string): Promise<string | undefined> {
      const res = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: REF_INDEX.name,
          KeyConditionExpression: '#ref = :ref',
          ExpressionAttributeNames: { '#ref': REF_INDEX.partitionKey },
          ExpressionAttributeValues: { ':ref': keys.job(jobId) },
          Limit: 1,
        }),
      );
      const pk = res.Items?.[0]?.pk as string | undefined;
      return pk?.slice('SHOP#'.length);
    },

    /** Every job of one order (a handful), through the keys-only byOrder index. */
    async listOrderJobs(shop: string, orderId: string): Promise<Job[]> {
      const refs = await queryAll({
        IndexName: ORDER_INDEX.name,
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': ORDER_INDEX.partitionKey },
        ExpressionAttributeValues: { ':o': keys.orderRef(shop, orderId) },
      });
      return getJobs(refs);
    },

    /** The shop's jobs that still wait (SCHEDULED or QUEUED), soonest due first, through the byPending index. */
    async listPendingJobs(shop: string): Promise<Job[]> {
      const refs = await queryAll({
        IndexName: PENDING_INDEX.name,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': PENDING_INDEX.partitionKey },
        ExpressionAttributeValues: { ':p': keys.shop(shop) },
      });
      const jobs = await getJobs(refs);
      return jobs.filter((j) => PENDING_STATES.has(j.state)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },

    async addError(shop: string, entry: ErrorLogEntry) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { ...entry, pk: keys.shop(shop), sk: keys.error(entry.at, entry.id), expiresAt: epoch(entry.at) + 90 * DAY },
        }),
      );
    },

    async deleteError(shop: string, at: string, id: string) {
      await doc.send(new DeleteCommand({ TableName, Key: { pk: keys.shop(shop), sk: keys.error(at, id) } }));
    },

    async listErrors(shop: string, options: { limit: number; cursor?: string }) {
      const res = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': 'ERR#' },
          ScanIndexForward: false,
          Limit: options.limit,
          ExclusiveStartKey: options.cursor ? { pk: keys.shop(shop), sk: decodeKeyCursor(options.cursor, 'ERR#') } : undefined,
        }),
      );
      const next = res.LastEvaluatedKey?.sk as string | undefined;
      return {
        items: ((res.Items as Item[]) ?? []).map((i) => strip<ErrorLogEntry>(i)!),
        cursor: next ? encodeKeyCursor(next) : undefined,
      };
    },

    /** Atomic counters (ADD): exact under concurrency. */
    async addStats(shop: string, date: string, counters: StatCounters) {
      const entries = Object.entries(counters).filter(([, v]) => typeof v === 'number' && v !== 0);
      if (entries.length === 0) return;
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: keys.shop(shop), sk: keys.stat(date) },
          UpdateExpression: `SET #date = :date ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: { '#date': 'date', ...Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])) },
          ExpressionAttributeValues: { ':date': date, ...Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])) },
        }),
      );
    },

    async listStats(shop: string, fromDate: string, toDate: string): Promise<DailyStats[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':a': keys.stat(fromDate), ':b': keys.stat(toDate) },
      });
      return items.map((i) => ({
        date: String(i.date),
        sent: Number(i.sent ?? 0),
        parts: Number(i.parts ?? 0),
        points: Number(i.points ?? 0),
        failed: Number(i.failed ?? 0),
        delivered: Number(i.delivered ?? 0),
        newNumbers: Number(i.newNumbers ?? 0),
      }));
    },

    /** Records a phone number the first time it is seen; true if it is new (for "numbers collected"). */
    async rememberNumber(shop: string, phone: string, at: string, source: string): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { pk: keys.shop(shop), sk: keys.number(phone), phone, at, source },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Raw access for the adapters of features that add their own item kinds (subscriptions, carts, rate limits…),
     * built by the composition roots: not part of the ShopStore port services see.
     */
    doc,
    tableName: TableName,
    queryAll,
    queryPages,
    isConditionFailure,
  };
}

/** The DynamoDB store as the composition roots and adapters know it: the ShopStore port plus the raw client. */
export type Store = ReturnType<typeof createStore>;
