// The port through which the send path (sender, batch sender, send gate, delivery reports) stores what happens to
// a job: intent-named, each a single conditional change, so exactly-once lives in one place. Adapters: DynamoDB
// (functions/adapters/dynamodb/jobs.ts) and an in-memory twin for unit tests (test/support/fake-jobs.ts).
import type { Job, NotificationKind } from '#domain/model';

export type JobError = { code: number | string; message: string };

/** What SMSAPI charged for a job's SMS. `sentText` only when it differs from the job's text. */
export interface SentFigures {
  smsapiId?: string;
  parts: number;
  points: number;
  sentText?: string;
}

export type ClaimResult =
  | { claimed: true; job: Job }
  /** Not claimed: the state the job is in (undefined when there is none). */
  | { claimed: false; state?: Job['state'] };

export interface ReportSettlement {
  /** Only when the job was SENT by this message id, or still SENDING/QUEUED without another id (overtaken). */
  msgId: string;
  outcome: 'DELIVERED' | 'UNDELIVERED';
  deliveredAt: string;
  reportStatus: string;
  at: string;
}

export interface JobsRepository {
  get(shop: string, jobId: string): Promise<Job | undefined>;
  /**
   * QUEUED/SCHEDULED -> SENDING with one more attempt and a lease; a SENDING job whose lease ran out before `at` is
   * taken over (SMSAPI's check_idx keeps the SMS single).
   */
  claimForSending(shop: string, jobId: string, lease: { at: string; leaseUntil: string }): Promise<ClaimResult>;
  /**
   * SENDING -> SENT with SMSAPI's figures; undefined when the job was not SENDING (a report settled it first). With
   * `smsapiId` the same write makes the job findable by that id (findJobByMessage): nothing is written before it.
   */
  markSent(shop: string, jobId: string, sentAt: string, figures: SentFigures): Promise<Job | undefined>;
  /**
   * A report settled the job before the sender's SENT write: fill in SMSAPI's figures once. The state it found
   * (DELIVERED/UNDELIVERED), or undefined when there was nothing to fill.
   */
  completeAfterReport(shop: string, jobId: string, sentAt: string, figures: SentFigures): Promise<'DELIVERED' | 'UNDELIVERED' | undefined>;
  /** SENDING -> FAILED for good; false when it was not SENDING. */
  markFailed(shop: string, jobId: string, at: string, error: JobError): Promise<boolean>;
  /**
   * SENDING -> QUEUED keeping SMSAPI's id: SMSAPI accepted the SMS but the SENT write failed. A report still finds the
   * job (and settles it), and the retry, which gets 53 without an id, keeps it. False when it was not SENDING.
   */
  releaseAccepted(shop: string, jobId: string, at: string, smsapiId: string): Promise<boolean>;
  /** SENDING -> QUEUED (lease dropped) so the next delivery tries again; `error` says why the last try failed. */
  requeueForRetry(shop: string, jobId: string, at: string, error?: JobError): Promise<boolean>;
  /** SENDING -> SKIPPED with the reason it was held back. */
  skip(shop: string, jobId: string, at: string, reason: NonNullable<Job['skipReason']>): Promise<boolean>;
  /** SENDING -> SCHEDULED at a later due time (Sunday/holiday), keeping the first planned time; attempts start again. */
  postpone(
    shop: string,
    jobId: string,
    at: string,
    to: { dueAt: string; shiftedFrom: string; waitReason: NonNullable<Job['waitReason']> },
  ): Promise<boolean>;
  /**
   * Applies a delivery report: SENT (by this message id) -> outcome, or, when the report overtook the sender, SENDING
   * or QUEUED (without another message id) -> outcome. `overtook` says the sender has not counted it as sent.
   */
  settleFromReport(shop: string, jobId: string, report: ReportSettlement): Promise<{ job: Job; overtook: boolean } | undefined>;
  /** A waiting job (one of `from`) -> CANCELLED with the reason. */
  cancel(shop: string, jobId: string, from: Job['state'][], at: string, reason: string): Promise<Job | undefined>;

  /**
   * The job of this shop SMSAPI accepted `msgId` for (the id of a job that stores it), or undefined. Eventually
   * consistent: a job stored a moment ago may not be found yet (the report is repeated). Falls back to the previous
   * release's `MSG#` lookup items (one more read, only when nothing was found).
   */
  findJobByMessage(shop: string, msgId: string): Promise<string | undefined>;
}

/** The SMSAPI balance as last read, with the local day of the last low-balance alert (one a day at most). */
export interface BalanceRecord {
  points: number | null;
  readAt: string;
  alertedOn?: string;
}

/** What the sender recorded of a month's spend (`SendLimitsRepository.addSpend`). */
export interface RecordedSpend {
  parts: number;
  points: number;
  /** Per local day (`YYYY-MM-DD`). */
  days: Record<string, { parts: number; points: number }>;
}

/**
 * The sender's limits storage: the frequency cap's per-number record, the spend recorded at send time, held-back
 * counts, the balance watch.
 */
export interface SendLimitsRepository {
  /** Counts job `jobId` as one of `count` marketing SMS per `windowMs` to `phone`; a retried job finds itself counted. */
  reserveMarketing(
    shop: string,
    phone: string,
    jobId: string,
    nowMs: number,
    count: number,
    windowMs: number,
  ): Promise<'reserved' | 'counted' | 'capped'>;
  /** A marketing SMS that failed for good gives its place back. */
  releaseMarketing(shop: string, phone: string, jobId: string): Promise<void>;
  /**
   * Adds an SMS's parts and points to the shop's spend of `date`'s month and of that day, at send time (the
   * statistics reach the spend limits only when the stream is counted, seconds later).
   */
  addSpend(shop: string, date: string, parts: number, points: number): Promise<void>;
  /** What `addSpend` recorded in a month (`YYYY-MM`): its total and each day's. */
  spendOf(shop: string, month: string): Promise<RecordedSpend>;
  countHeldBack(shop: string, date: string, kind: NotificationKind, reason: string): Promise<void>;
  /** Held-back counts per local day between two days (inclusive): date -> kind -> count. */
  heldBack(shop: string, fromDate: string, toDate: string): Promise<Map<string, Record<string, number>>>;
  balance(shop: string): Promise<BalanceRecord | undefined>;
  /** True for one caller per `minIntervalMs`: whoever may read the SMSAPI balance now. */
  claimBalanceRead(shop: string, now: Date, minIntervalMs: number): Promise<boolean>;
  recordBalance(shop: string, points: number | null, readAt: string): Promise<void>;
  /** True once per local day: whoever may alert the owner about a low balance. */
  claimLowBalanceAlert(shop: string, date: string): Promise<boolean>;
}
