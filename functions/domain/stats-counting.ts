// What one write to a job adds to the Statistics tab ("Statystyki"): a pure function of the job before and after
// the write. The stream aggregator (functions/services/stats-stream.ts) applies it to every job change the table's
// stream carries, so the send path no longer writes counters itself and each SMS is counted exactly as before:
// sent with its parts and points, delivered, failed, and a customer's number the first time an SMS reaches it.
import type { DailyStats, Job, NotificationKind } from './model';
import { smsLength } from './sms-length';

export type KindMetric = 'sent' | 'clicked' | 'orders' | 'revenue' | 'optOuts';
export const KIND_METRICS: readonly KindMetric[] = ['sent', 'clicked', 'orders', 'revenue', 'optOuts'];

/** `k_sent_order_status`: a DynamoDB-safe attribute name for one metric of one kind (the links table per kind). */
export const kindCounter = (metric: KindMetric, kind: NotificationKind) => `k_${metric}_${kind.replace(/-/g, '_')}` as const;

/** The day's counters (ADD), the per-kind ones included. */
export type StatsCounters = Partial<Omit<DailyStats, 'date'>> & { [perKind: `k_${string}`]: number };

// Messages to the owner (and tests) go to the merchant's own phone: they are not a collected customer number.
export const COLLECTS_NUMBER: ReadonlySet<NotificationKind> = new Set(['order-status', 'celebration', 'back-in-stock', 'abandoned-cart']);

/** What one job change counts: into the shop's local day of `at`; `collect` when the SMS may be a first to a number. */
export interface CountedChange {
  shop: string;
  /** The moment that decides the day (ISO): sent, delivered (SMSAPI's done date) or failed. */
  at: string;
  counters: StatsCounters;
  collect?: { phone: string; kind: NotificationKind };
}

/** The states a counted change ends in: the stream mapping passes only changes into these (a filter, not a rule). */
export const COUNTED_STATES: readonly Job['state'][] = ['SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED'];

const SETTLED_BY_REPORT: ReadonlySet<Job['state']> = new Set(['DELIVERED', 'UNDELIVERED']);

const sentCounters = (job: Job, parts: number, points: number): StatsCounters => ({
  sent: 1,
  parts,
  points,
  [kindCounter('sent', job.kind)]: 1,
});

/**
 * The counters a change of a job adds; undefined when it adds none. The transitions that count (each happens once
 * per job, because every one of them is a conditional write in functions/adapters/dynamodb/jobs.ts):
 * - SENDING -> SENT: one SMS sent with SMSAPI's parts and points (53's parts are the text's own);
 * - SENT -> DELIVERED: one delivered (UNDELIVERED counts nothing more);
 * - SENDING/QUEUED -> DELIVERED/UNDELIVERED: the report overtook the sender: sent with the text's parts, no points,
 *   and delivered;
 * - DELIVERED/UNDELIVERED without `sentAt` -> with it: the overtaken sender's late write adds SMSAPI's points and
 *   the parts the report could not know (after special-character replacement);
 * - SENDING -> FAILED: one failed.
 */
export function countJobChange(before: Job | undefined, after: Job | undefined): CountedChange | undefined {
  if (!after || before?.state === undefined) return undefined;
  const collect = COLLECTS_NUMBER.has(after.kind) ? { phone: after.phone, kind: after.kind } : undefined;
  const shop = after.shop;
  if (after.state === 'SENT' && before.state !== 'SENT') {
    const counters = sentCounters(after, after.parts ?? smsLength(after.text).parts, after.points ?? 0);
    return { shop, at: after.sentAt ?? after.updatedAt, counters, ...(collect ? { collect } : {}) };
  }
  if (SETTLED_BY_REPORT.has(after.state) && !SETTLED_BY_REPORT.has(before.state)) {
    const at = after.deliveredAt ?? after.updatedAt;
    const delivered = after.state === 'DELIVERED' ? { delivered: 1 } : {};
    if (before.state === 'SENT') return after.state === 'DELIVERED' ? { shop, at, counters: delivered } : undefined;
    if (before.state !== 'SENDING' && before.state !== 'QUEUED') return undefined;
    const counters = { ...sentCounters(after, smsLength(after.text).parts, 0), ...delivered };
    return { shop, at, counters, ...(collect ? { collect } : {}) };
  }
  if (SETTLED_BY_REPORT.has(after.state) && before.state === after.state && !before.sentAt && after.sentAt) {
    const counters = { points: after.points ?? 0, parts: (after.parts ?? 0) - smsLength(after.text).parts };
    return { shop, at: after.sentAt, counters };
  }
  if (after.state === 'FAILED' && before.state !== 'FAILED') return { shop, at: after.updatedAt, counters: { failed: 1 } };
  return undefined;
}

/** Adds `more` into `into` (a day's running sum). */
export function addCounters(into: StatsCounters, more: StatsCounters): StatsCounters {
  const sum = into as Record<string, number>;
  for (const [name, value] of Object.entries(more)) if (typeof value === 'number' && value !== 0) sum[name] = (sum[name] ?? 0) + value;
  return into;
}

/**
 * DynamoDB stream sequence numbers are decimal strings of 21 to 40 digits, increasing within a shard: padded to 40
 * digits they compare as strings (in code and in a DynamoDB condition) exactly as the numbers do.
 */
export const sequenceKey = (sequenceNumber: string): string => {
  if (!/^\d{1,40}$/.test(sequenceNumber)) throw new Error(`STREAM_SEQUENCE_INVALID: ${sequenceNumber.slice(0, 60)}`);
  return sequenceNumber.padStart(40, '0');
};
