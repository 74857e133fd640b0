// How a send attempt ends, written once for single and batch sends: claiming the job, SENT with SMSAPI's figures
// (also when a delivery report overtook us), a retry, a final failure, or a release after our own error. Every change
// goes through the jobs repository's conditional transitions, so repeating any step is harmless. Nothing here writes a
// counter: the Statistics tab counts these transitions from the table's stream (functions/services/stats-stream.ts).
import { PLACE_NAMES, type Job } from '#domain/model';
import { classifySmsapiError } from '#domain/smsapi-codes';
import { errorLogCode, failureMessage } from '#domain/smsapi-failure';
import { smsLength } from '#domain/sms-length';
import type { Deps } from './deps';
import type { JobRef, SmsSendResult } from './ports';
import { recordError } from './error-log';
import { releaseCapPlace } from './send-gate';

export type Claim = { job: Job; attempt: number } | { result: 'retry' | 'skipped'; reason: string };

/**
 * Takes the job for this attempt (QUEUED/SCHEDULED, or SENDING with its lease over). Otherwise: `retry` when
 * another delivery is sending it right now (come back and find it settled), `skipped` with the state it is in.
 */
export async function claimJob(deps: Deps, ref: JobRef, leaseMs: number): Promise<Claim> {
  const now = deps.clock.now();
  const claim = await deps.jobs.claimForSending(ref.shop, ref.jobId, {
    at: now.toISOString(),
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
  });
  if (claim.claimed) return { job: claim.job, attempt: claim.job.attempts };
  const state = claim.state;
  if (state === 'SENDING') return { result: 'retry', reason: 'JOB_BEING_SENT' };
  return { result: 'skipped', reason: `JOB_${state ?? 'NOT_FOUND'}` };
}

/**
 * SENDING -> SENT with SMSAPI's figures. `accepted` is SMSAPI's entry for the job; without it (53:
 * accepted by an earlier attempt whose answer we lost) SMSAPI tells us nothing more, so the parts are counted.
 */
export async function settleSent(
  deps: Deps,
  job: Job,
  timeZone: string,
  message: string,
  accepted: { id: string; parts: number; points: number } | undefined,
  batch = false,
): Promise<void> {
  const parts = accepted?.parts ?? smsLength(message).parts;
  await recordSent(deps, job, timeZone, { smsapiId: accepted?.id, parts, points: accepted?.points ?? 0, sentText: message });
  deps.logger.info('sms sent', {
    shop: job.shop,
    jobId: job.jobId,
    smsapiId: accepted?.id,
    alreadyAccepted: !accepted,
    ...(batch ? { batch } : {}),
  });
}

/**
 * SENDING -> SENT. `sentText`: the text as it went (after special-character replacement), kept when it differs so the
 * lists show what the customer got.
 */
export async function recordSent(
  deps: Deps,
  job: Job,
  _timeZone: string,
  { sentText, ...counted }: { smsapiId?: string; parts: number; points: number; sentText?: string },
): Promise<void> {
  const sentAt = deps.clock.now().toISOString();
  const figures = { ...counted, ...(sentText !== undefined && sentText !== job.text ? { sentText } : {}) };
  // One write: SENT with SMSAPI's figures, and its MsgId, by which the job's delivery report finds it (an index). A
  // report that comes before this write is answered "try again" and repeated by SMSAPI.
  let sent: Job | undefined;
  try {
    sent = await deps.jobs.markSent(job.shop, job.jobId, sentAt, figures);
  } catch (error) {
    // SMSAPI accepted the SMS, but we could not record it. Release the job with its MsgId (best effort: the store may
    // still be failing): its report still finds it, and the retry, which gets 53 without an id, keeps it. The caller
    // releases it plainly if this fails too.
    if (counted.smsapiId) await deps.jobs.releaseAccepted(job.shop, job.jobId, sentAt, counted.smsapiId).catch(() => undefined);
    throw error;
  }
  if (sent) return;
  // A delivery report settled the job first (counted as sent from the text alone): it found the job by a previous
  // release's MSG# item, or it was released with its MsgId above. Fill in SMSAPI's figures (points, and parts after
  // special-character replacement) once; the stream adds what the report could not count.
  await deps.jobs.completeAfterReport(job.shop, job.jobId, sentAt, figures);
}

/** SENDING -> FAILED for good: logged for the merchant, its frequency-cap place given back. */
export async function settleFailed(
  deps: Deps,
  job: Job,
  _timeZone: string,
  code: number | string,
  message: string,
  transport?: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  if (await deps.jobs.markFailed(job.shop, job.jobId, at, { code, message })) {
    await releaseCapPlace(deps, job);
    await recordError(deps, job.shop, {
      id: job.jobId,
      at,
      code,
      phone: job.phone,
      message,
      place: PLACE_NAMES[job.kind].pl,
      jobId: job.jobId,
    });
  }
  deps.logger.error('sms failed', { shop: job.shop, jobId: job.jobId, code, ...(transport ? { transport } : {}) });
}

/**
 * SMSAPI did not accept the job: a transient failure (network, 5xx, SMSAPI's "try again" codes) goes back on the
 * queue while attempts remain; anything else fails for good.
 */
export async function settleRefusal(
  deps: Deps,
  job: Job,
  attempt: number,
  result: Extract<SmsSendResult, { ok: false }>,
  timeZone: string,
): Promise<'retry' | 'failed'> {
  const transient = result.transport !== 'api' || classifySmsapiError(result.code) === 'retry';
  if (transient && attempt < deps.config.SENDER_MAX_ATTEMPTS) {
    await deps.jobs.requeueForRetry(job.shop, job.jobId, deps.clock.now().toISOString(), {
      code: errorLogCode(result),
      message: failureMessage(result),
    });
    return 'retry';
  }
  await settleFailed(deps, job, timeZone, errorLogCode(result), failureMessage(result), result.transport);
  return 'failed';
}

/**
 * Something of ours failed (store, cipher) while the job was SENDING: release it so a redelivery retries at once
 * instead of waiting for the lease. If SMSAPI had already accepted it, check_idx answers 53 next time.
 */
export async function releaseClaim(deps: Deps, job: Job): Promise<void> {
  await deps.jobs.requeueForRetry(job.shop, job.jobId, deps.clock.now().toISOString()).catch(() => undefined);
}
