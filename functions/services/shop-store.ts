// The port through which use cases read and write a shop's own data: its record, configuration, templates,
// celebrations, SMSAPI connection, jobs (beyond the send path's transitions: jobs-repository.ts), error log,
// daily statistics and collected numbers. Intent-named; no storage expressions above the adapters.
// Adapters: DynamoDB (functions/adapters/dynamodb/store.ts) and an in-memory twin (test/support/fake-shop.ts).
import type {
  Celebration,
  DailyStats,
  ErrorLogEntry,
  Job,
  JobState,
  MessageTemplate,
  Shop,
  ShopSettings,
  ShopSetup,
  ShoperTokens,
  SmsapiConnection,
} from '#domain/model';
import type { LongestProductName, ShopCatalogue, ShopConfiguration } from '#domain/shop-data';

export interface JobListFilter {
  states?: JobState[];
  search?: string;
  limit?: number;
}

/** Atomic daily counters: each adds to what is there (exact under concurrency). */
export type StatCounters = Partial<Omit<DailyStats, 'date'>> & { [perKind: `k_${string}`]: number };

export interface ShopStore {
  getShop(shop: string): Promise<Shop | undefined>;
  putShop(shop: Shop): Promise<void>;
  /** Only the tokens: a concurrent change to the rest of the shop record is kept. */
  updateShopTokens(shop: string, tokens: ShoperTokens): Promise<void>;
  /**
   * Sets and removes attributes of the shop record only; a concurrent change to the rest is kept. With
   * `installId`, only while the record still belongs to that install; with `uninstallId`, only while that
   * uninstall runs (false when it does not, or the record is gone).
   */
  updateShop(
    shop: string,
    set: Partial<Shop>,
    options?: { remove?: (keyof Shop)[]; installId?: string; uninstallId?: string },
  ): Promise<boolean>;
  /**
   * Starts a setup that re-registers the webhooks of a shop set up before one webhook per event, unless one runs
   * already (or started after `notBefore`); false when it does.
   */
  startWebhookMigration(shop: string, setup: ShopSetup, notBefore: string): Promise<boolean>;
  /** Everything the planner needs about a shop, in one read. */
  loadConfiguration(shop: string): Promise<ShopConfiguration>;
  /** Writes a re-read catalogue onto the shop record, touching nothing else; a gone (uninstalled) record stays gone. */
  saveCatalogue(shop: string, catalogue: ShopCatalogue, readAt: string): Promise<void>;
  getLongestProductName(shop: string): Promise<LongestProductName | undefined>;
  putLongestProductName(shop: string, value: LongestProductName): Promise<void>;

  getSmsapi(shop: string): Promise<SmsapiConnection | undefined>;
  putSmsapi(shop: string, value: SmsapiConnection): Promise<void>;
  deleteSmsapi(shop: string): Promise<void>;

  getSettings(shop: string): Promise<Partial<ShopSettings> | undefined>;
  putSettings(shop: string, value: ShopSettings): Promise<void>;
  /** What the sender needs of the shop (its SMSAPI connection and settings), in one read. */
  getSendingSetup(shop: string): Promise<{ smsapi?: SmsapiConnection; settings?: Partial<ShopSettings> }>;

  getTemplate(shop: string, key: string): Promise<MessageTemplate | undefined>;
  putTemplate(shop: string, key: string, value: MessageTemplate): Promise<void>;
  listTemplates(shop: string): Promise<Record<string, MessageTemplate>>;

  /** Oldest first. */
  listCelebrations(shop: string): Promise<Celebration[]>;
  getCelebration(shop: string, id: string): Promise<Celebration | undefined>;
  putCelebration(shop: string, value: Celebration): Promise<void>;
  /** False when there was none. */
  deleteCelebration(shop: string, id: string): Promise<boolean>;

  /** Keeps a verified raw event for audit and replay (two weeks); byte-identical redeliveries (same id) keep one. */
  putEvent(shop: string, id: string, at: string, event: string, body: string): Promise<void>;

  /** Creates the job unless it exists (job ids are deterministic: a duplicate event maps to the same id). */
  createJob(job: Job): Promise<'created' | 'exists'>;
  getJob(shop: string, jobId: string): Promise<Job | undefined>;
  listJobs(shop: string, filter?: JobListFilter): Promise<Job[]>;
  /** The shop of a job, from its id alone (delivery reports carry only our idx). */
  findJobShop(jobId: string): Promise<string | undefined>;
  /** Every job of one order. */
  listOrderJobs(shop: string, orderId: string): Promise<Job[]>;
  /** The jobs that still wait (SCHEDULED or QUEUED), soonest due first. */
  listPendingJobs(shop: string): Promise<Job[]>;

  /** Kept 90 days. */
  addError(shop: string, entry: ErrorLogEntry): Promise<void>;
  deleteError(shop: string, at: string, id: string): Promise<void>;
  /** Newest first, `limit` a page; `cursor` (opaque) goes on from the previous page. */
  listErrors(shop: string, options: { limit: number; cursor?: string }): Promise<{ items: ErrorLogEntry[]; cursor?: string }>;

  addStats(shop: string, date: string, counters: StatCounters): Promise<void>;
  /** Days from `fromDate` to `toDate` (yyyy-mm-dd, inclusive) that have any counts. */
  listStats(shop: string, fromDate: string, toDate: string): Promise<DailyStats[]>;

  /** Records a phone number the first time it is seen; true if it is new (for "numbers collected"). */
  rememberNumber(shop: string, phone: string, at: string, source: string): Promise<boolean>;
}
