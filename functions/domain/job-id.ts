// What a job id is, in one place: how it is made and the pattern every check uses (the sends queue's consumer, the
// admin API's delete routes, tests). Job ids travel to SMSAPI as `idx`, so they are letters and digits only.
import { createHash, createHmac } from 'node:crypto';

/** A job id as jobIdFor makes it: 32 lower-case hex characters. */
export const JOB_ID = /^[0-9a-f]{32}$/;

/**
 * Deterministic (the same planned key gives the same id, which is what dedupes a redelivered event) but keyed with a
 * server secret (`idKey`, see jobIdKey in services/dispatch), so nobody can derive a job's id from the public licence
 * and an order number.
 */
export function jobIdFor(shop: string, key: string, idKey: string): string {
  return createHmac('sha256', idKey).update(`${shop}|${key}`).digest('hex').slice(0, 32);
}

/**
 * The id of one schedule firing a batch of jobs (services/send-batch.ts): a JOB_ID too (it travels where a job id
 * does) but a hash of its jobs' ids, never one job's id, so cancelling one job's schedule never cancels its batch.
 * The same jobs give the same id, so a repeated dispatch replaces its schedule instead of adding one.
 */
export const batchIdFor = (jobIds: readonly string[]) => `b${createHash('sha256').update(jobIds.join(',')).digest('hex').slice(0, 31)}`;
