// Sending many jobs of the same text in one SMSAPI request (several numbers in `to`, one `idx` per recipient).
// Each recipient is still its own job with its own conditional state changes, so exactly-once per person holds
// as for single sends: both settle through functions/services/send-settlement.ts; only the gateway call is shared.
import { batchIdFor } from '#domain/job-id';
import { smsLength } from '#domain/sms-length';
import { MAX_BATCH, type JobBatchRef } from '#contracts/queue';
import type { Job, SmsapiConnection } from '#domain/model';
import { smsapiNumber } from '#domain/phone';
import { withDefaults } from '#domain/settings';
import { BATCH_REFUSAL_CODES, classifySmsapiError, smsapiErrorMessage } from '#domain/smsapi-codes';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { parameterizeLinks } from '#domain/link-params';
import type { Deps } from './deps';
import { sendJob, type SendContext } from './send-job';
import { reportsUrl } from './delivery-reports';
import { callWithToken } from './smsapi-token';
import type { JobRef, Queue, SmsSendResult } from './ports';
import { createSendGate } from './send-gate';
import { claimJob, releaseClaim, settleFailed, settleRefusal, settleSent } from './send-settlement';
import { watchBalance } from './low-balance';
import { shortLinkBase } from './short-links';

// What travels on the `sends` queue for a batch, and its size limit, are in functions/contracts/queue.ts.
export { MAX_BATCH, type JobBatchRef } from '#contracts/queue';
const LEASE_MS = 120_000;
/**
 * How many members of an accepted request are settled at once: their SENT writes store the MsgIds their delivery
 * reports are matched by, so a batch's ids must be stored quickly (one after another, SMSAPI's reports for the last
 * members of a 100-number batch came before their ids and were answered "try again" until SMSAPI gave up).
 */
const SETTLE_CONCURRENCY = 10;

export type BatchOutcome = { result: 'done'; sent: number; failed: number; skipped: number } | { result: 'retry'; reason: string };

// The `sends` queue carries JSON; the sender accepts both a JobRef and a JobBatchRef (functions/handlers/sender.ts).
const batchQueue = (deps: Deps) => deps.sendsQueue as unknown as Queue<JobBatchRef>;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Runs `task` for every item, at most `limit` at a time, each to its end: one that fails does not stop the others.
 * Then throws the first failure, if any.
 */
async function eachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item).catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/**
 * Puts jobs on their road in batches: due-now jobs as one queue message per 100, scheduled jobs as one schedule
 * per due time and 100. Safe to repeat: the sender skips jobs that are no longer QUEUED/SCHEDULED.
 */
export async function dispatchBatches(deps: Deps, shop: string, jobs: Job[]): Promise<void> {
  const queued = jobs.filter((j) => j.state === 'QUEUED').map((j) => j.jobId);
  for (const jobIds of chunks(queued, MAX_BATCH)) await batchQueue(deps).send({ shop, jobIds });

  const byDueAt = new Map<string, string[]>();
  for (const job of jobs.filter((j) => j.state === 'SCHEDULED')) {
    byDueAt.set(job.dueAt, [...(byDueAt.get(job.dueAt) ?? []), job.jobId]);
  }
  for (const [dueAt, ids] of byDueAt) {
    for (const jobIds of chunks(ids, MAX_BATCH)) {
      const ref: JobBatchRef & JobRef = { shop, jobId: batchIdFor(jobIds), jobIds };
      await deps.scheduler.schedule(ref, new Date(dueAt));
    }
  }
}

interface Claimed {
  job: Job;
  attempt: number;
  /** SMSAPI's expiration_date for it (the send gate's verdict). */
  expiresAt?: Date;
}

/** A claimed job with the text SMSAPI gets for it and, when its links go as parameters, their values. */
interface Member extends Claimed {
  /** This recipient's whole SMS (special characters replaced when the shop wants it). */
  message: string;
  /** When its links go as parameters: the text with markers (the group's) and its links, [%1%] first. */
  linked?: { template: string; values: string[] };
}

/**
 * One SMSAPI request per text; texts that differ only in their short links are one text with [%1%]…[%4%] and
 * per-recipient param1…param4, so a restock with links and the opt-out line still sends 100 numbers per request.
 * Jobs tried before go apart from first tries, so SMSAPI's "idx already used" (53) stays exact.
 */
export function groupByText(members: Omit<Member, 'linked'>[], linkBase: string): Map<string, Member[]> {
  const groups = new Map<string, Member[]>();
  for (const member of members) {
    const linked = parameterizeLinks(member.message, linkBase);
    const key = `${member.job.attempts > 1 ? 'retry' : 'first'}\u0000${linked ? 'params' : 'text'}\u0000${linked?.template ?? member.message}`;
    const entry: Member = linked ? { ...member, linked } : member;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return groups;
}

/** Sends every still-pending job of the batch; jobs with the same text share one SMSAPI request. */
export async function sendBatch(deps: Deps, batch: JobBatchRef, context: SendContext = {}): Promise<BatchOutcome> {
  if (batch.jobIds.length === 1) {
    const single = await sendJob(deps, { shop: batch.shop, jobId: batch.jobIds[0]! }, context);
    if (single.result === 'retry') return { result: 'retry', reason: single.reason };
    return {
      result: 'done',
      sent: single.result === 'sent' ? 1 : 0,
      failed: single.result === 'failed' ? 1 : 0,
      skipped: single.result === 'skipped' ? 1 : 0,
    };
  }
  const claimed: Claimed[] = [];
  let busyElsewhere = false;
  let skipped = 0;
  for (const jobId of [...new Set(batch.jobIds)]) {
    const claim = await claimJob(deps, { shop: batch.shop, jobId }, LEASE_MS);
    if ('job' in claim) claimed.push(claim);
    else if (claim.result === 'retry') busyElsewhere = true;
    else skipped++;
  }

  let sent = 0;
  let failed = 0;
  let retry = false;
  if (claimed.length > 0) {
    const { smsapi: connection, settings: saved } = await deps.store.getSendingSetup(batch.shop);
    const settings = withDefaults(saved);
    const tz = settings.quietHours.timeZone;
    if (!connection) {
      for (const c of claimed) {
        await settleFailed(
          deps,
          c.job,
          tz,
          'SMSAPI_NOT_CONNECTED',
          'Brak połączonego konta SMSAPI — połącz konto w zakładce „Konto SMSAPI”.',
        );
      }
      return { result: 'done', sent: 0, failed: claimed.length, skipped };
    }
    // The send gate (validity, Sunday/holiday, spend limits, frequency cap) settles what it holds back.
    const gate = createSendGate(deps, batch.shop, settings);
    const admitted: Omit<Member, 'linked'>[] = [];
    for (const c of claimed) {
      const message = connection.replaceSpecialCharacters ? replaceSpecialCharacters(c.job.text) : c.job.text;
      const verdict = await gate.admit(c.job, c.attempt, message, context.queuedAt);
      if (verdict.go) admitted.push({ ...c, message, expiresAt: verdict.expiresAt });
      else skipped++;
    }
    for (const group of groupByText(admitted, shortLinkBase(deps.config)).values()) {
      try {
        const outcome = await sendGroup(deps, connection, group, tz, (parts, points) => gate.noteSent(parts, points));
        await gate.recordSpend();
        sent += outcome.sent;
        failed += outcome.failed;
        retry ||= outcome.retry;
        if (outcome.sent > 0) await watchBalance(deps, batch.shop, connection, settings);
      } catch (error) {
        // Something of ours failed (store, cipher): release what is still SENDING so a redelivery retries at
        // once; if SMSAPI had already accepted it, check_idx answers 53 next time.
        for (const c of group) await releaseClaim(deps, c.job);
        throw error;
      }
    }
  }
  deps.logger.info('sms batch processed', { shop: batch.shop, jobs: batch.jobIds.length, sent, failed, skipped });
  if (retry || busyElsewhere) return { result: 'retry', reason: retry ? 'TRANSIENT_SMSAPI_ERROR' : 'JOB_BEING_SENT' };
  return { result: 'done', sent, failed, skipped };
}

/** The group shares one request: it expires with its earliest member. */
const earliest = (dates: (Date | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((min, d) => (d && (!min || d < min) ? d : min), undefined);

/** The request's text: the shared template and each recipient's links when they go as parameters, else the text. */
const requestText = (group: Member[]): { message: string; params?: string[][] } => {
  const first = group[0]!;
  if (group.length === 1 || !first.linked) return { message: first.message };
  return { message: first.linked.template, params: group.map((m) => m.linked!.values) };
};

async function sendGroup(
  deps: Deps,
  connection: SmsapiConnection,
  group: Member[],
  tz: string,
  /** Each SMS that went, for the spend limits of the next invocations (the send gate records it). */
  noteSent: (parts: number, points: number) => void,
): Promise<{ sent: number; failed: number; retry: boolean }> {
  const shop = group[0]!.job.shop;
  const notifyUrl = await reportsUrl(deps, shop);
  const { message, params } = requestText(group);
  const { result } = await callWithToken(deps, shop, connection, (token) =>
    deps.sms.send({
      token,
      to: group.map((c) => smsapiNumber(c.job.phone)),
      message,
      ...(params ? { params } : {}),
      from: connection.senderName,
      idx: group.map((c) => c.job.jobId),
      notifyUrl,
      maxParts: deps.config.SMSAPI_MAX_PARTS,
      expiresAt: earliest(group.map((c) => c.expiresAt)),
    }),
  );

  // SMSAPI refused the request as a whole: 53 on several numbers does not say which idx was used; 72 (notify_url only
  // with one recipient, an older SMSAPI) or a parameter error (18: param1…4 count) refuses the batch form itself. Nothing of a refused
  // request was accepted, so each job goes again on its own, with its own idx and check_idx: none lost, none doubled.
  const refusedAsBatch = !result.ok && result.transport === 'api' && group.length > 1 && BATCH_REFUSAL_CODES.includes(result.code);
  if (refusedAsBatch) deps.logger.warn('sms batch refused, sending one by one', { shop, code: result.code, jobs: group.length });
  if (refusedAsBatch || (!result.ok && result.transport === 'api' && classifySmsapiError(result.code) === 'already-accepted')) {
    if (group.length > 1) {
      const totals = { sent: 0, failed: 0, retry: false };
      for (const member of group) {
        const single = await sendGroup(deps, connection, [member], tz, noteSent);
        totals.sent += single.sent;
        totals.failed += single.failed;
        totals.retry ||= single.retry;
      }
      return totals;
    }
    await settleSent(deps, group[0]!.job, tz, group[0]!.message, undefined, true);
    noteSent(smsLength(group[0]!.message).parts, 0);
    return { sent: 1, failed: 0, retry: false };
  }

  if (result.ok) {
    let sent = 0;
    let failed = 0;
    // Each member is its own job with its own conditional writes: settled SETTLE_CONCURRENCY at a time.
    await eachBounded(group, SETTLE_CONCURRENCY, async (c) => {
      const accepted =
        result.messages.find((m) => m.idx === c.job.jobId) ?? result.messages.find((m) => !m.idx && m.number === smsapiNumber(c.job.phone));
      if (accepted) {
        // Its own text: with parameters SMSAPI counted this recipient's parts with its own links.
        await settleSent(deps, c.job, tz, c.message, accepted, true);
        noteSent(accepted.parts, accepted.points);
        sent++;
      } else {
        // Refused inside an accepted request: invalid, landline or blacklisted number (SMSAPI lists it apart).
        await settleFailed(deps, c.job, tz, 13, smsapiErrorMessage(13));
        failed++;
      }
    });
    return { sent, failed, retry: false };
  }

  return settleFailure(deps, group, result, tz);
}

async function settleFailure(
  deps: Deps,
  group: Claimed[],
  result: Extract<SmsSendResult, { ok: false }>,
  tz: string,
): Promise<{ sent: number; failed: number; retry: boolean }> {
  let failed = 0;
  let retry = false;
  for (const c of group) {
    if ((await settleRefusal(deps, c.job, c.attempt, result, tz)) === 'retry') retry = true;
    else failed++;
  }
  deps.logger.warn('sms batch request failed', { shop: group[0]?.job.shop, code: result.code, jobs: group.length, retry });
  return { sent: 0, failed, retry };
}
