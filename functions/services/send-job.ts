// Use case: send one job's SMS. The only code that sends. Every state change is conditional, so a duplicate
// delivery of the same job reference sends nothing twice, and SMSAPI's check_idx catches a retry after a crash
// between its answer and our write (error 53: already accepted).
import { classifySmsapiError } from '#domain/smsapi-codes';
import { errorLogCode, failureMessage, type SmsapiFailure } from '#domain/smsapi-failure';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { smsLength } from '#domain/sms-length';
import { PLACE_NAMES, type Job } from '#domain/model';
import { smsapiNumber } from '#domain/phone';
import { withDefaults } from '#domain/settings';
import { localDate } from '#domain/calendar';
import type { Deps } from './deps';
import type { JobRef, SmsSendResult } from './ports';
import { recordError } from './error-log';
import { countOutcome, countSent } from './stats';
import { callWithToken } from './smsapi-token';
import { rememberMessageId, reportsUrl } from './delivery-reports';

export type SendOutcome =
  | { result: 'sent'; smsapiId?: string }
  | { result: 'failed'; code: number | string }
  | { result: 'skipped'; reason: string }
  /** Try again later: the message goes back on the queue (its visibility timeout is the backoff). */
  | { result: 'retry'; reason: string };

/**
 * How long a sender owns a SENDING job; after it, another delivery may take over (check_idx keeps it single).
 * Longer than one attempt can last (the sender Lambda times out after 30 s; the SMSAPI call after
 * SMSAPI_TIMEOUT_MS), yet short enough that a crashed attempt is taken over before the queue gives up.
 */
const leaseMs = (deps: Deps) => Math.max(60_000, 4 * deps.config.SMSAPI_TIMEOUT_MS);
const TERMINAL = new Set(['SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'CANCELLED']);

export async function sendJob(deps: Deps, ref: JobRef): Promise<SendOutcome> {
  const now = deps.clock.now();
  const existing = await deps.store.getJob(ref.shop, ref.jobId);
  if (!existing) return { result: 'skipped', reason: 'JOB_NOT_FOUND' };
  if (TERMINAL.has(existing.state)) return { result: 'skipped', reason: `JOB_${existing.state}` };

  const attempt = existing.attempts + 1;
  const job = await deps.store.transitionJob(
    ref.shop,
    ref.jobId,
    ['QUEUED', 'SCHEDULED'],
    'SENDING',
    { attempts: attempt, leaseUntil: new Date(now.getTime() + leaseMs(deps)).toISOString(), updatedAt: now.toISOString() },
    // A SENDING job whose worker died (lease over) may be taken over; SMSAPI's check_idx keeps it single.
    { expression: 'OR (#state = :sending AND leaseUntil < :now)', values: { ':sending': 'SENDING', ':now': now.toISOString() } },
  );
  if (!job) {
    const current = await deps.store.getJob(ref.shop, ref.jobId);
    // Another delivery of this reference is sending it right now: come back later and find it settled.
    if (current?.state === 'SENDING') return { result: 'retry', reason: 'JOB_BEING_SENT' };
    return { result: 'skipped', reason: `JOB_${current?.state ?? 'NOT_FOUND'}` };
  }

  try {
    return await send(deps, job, attempt);
  } catch (error) {
    // Something of ours failed (store, cipher): release the job so the redelivery retries at once instead of
    // waiting for the lease to run out. If SMSAPI had already accepted it, check_idx answers 53 next time.
    await deps.store
      .transitionJob(job.shop, job.jobId, ['SENDING'], 'QUEUED', { updatedAt: deps.clock.now().toISOString(), removeLease: true })
      .catch(() => undefined);
    throw error;
  }
}

async function send(deps: Deps, job: Job, attempt: number): Promise<SendOutcome> {
  const [connection, settings] = await Promise.all([deps.store.getSmsapi(job.shop), deps.store.getSettings(job.shop)]);
  const timeZone = withDefaults(settings).quietHours.timeZone;
  if (!connection) {
    return fail(deps, job, timeZone, 'SMSAPI_NOT_CONNECTED', 'Brak połączonego konta SMSAPI — połącz konto w zakładce „Konto SMSAPI”.');
  }
  const message = connection.replaceSpecialCharacters ? replaceSpecialCharacters(job.text) : job.text;
  const notifyUrl = await reportsUrl(deps, job.shop);
  const { result } = await callWithToken(deps, job.shop, connection, (token) =>
    deps.sms.send({
      token,
      to: [smsapiNumber(job.phone)],
      message,
      from: connection.senderName,
      idx: [job.jobId],
      notifyUrl,
      maxParts: deps.config.SMSAPI_MAX_PARTS,
    }),
  );

  if (result.ok || (result.transport === 'api' && classifySmsapiError(result.code) === 'already-accepted')) {
    return markSent(deps, job, timeZone, message, result);
  }

  const transient = result.transport !== 'api' || classifySmsapiError(result.code) === 'retry';
  if (transient && attempt < deps.config.SENDER_MAX_ATTEMPTS) {
    await deps.store.transitionJob(job.shop, job.jobId, ['SENDING'], 'QUEUED', {
      updatedAt: deps.clock.now().toISOString(),
      error: { code: errorLogCode(result), message: failureMessage(result) },
      removeLease: true,
    });
    deps.logger.warn('sms send failed, will retry', { shop: job.shop, jobId: job.jobId, code: result.code, transport: result.transport, attempt });
    return { result: 'retry', reason: String(errorLogCode(result)) };
  }
  return fail(deps, job, timeZone, errorLogCode(result), failureMessage(result), result);
}

async function markSent(deps: Deps, job: Job, timeZone: string, message: string, result: SmsSendResult): Promise<SendOutcome> {
  // On 53 (accepted by an earlier attempt whose answer we lost) SMSAPI tells us nothing more: count the parts.
  const first = result.ok ? result.messages[0] : undefined;
  await recordSent(deps, job, timeZone, { smsapiId: first?.id, parts: first?.parts ?? smsLength(message).parts, points: first?.points ?? 0, sentText: message });
  deps.logger.info('sms sent', { shop: job.shop, jobId: job.jobId, smsapiId: first?.id, alreadyAccepted: !result.ok });
  return { result: 'sent', smsapiId: first?.id };
}

/**
 * SENDING -> SENT with SMSAPI's figures, counted once (also used by batch sends). `sentText`: the text as it went
 * (after special-character replacement), kept when it differs so the lists show what the customer got.
 */
export async function recordSent(
  deps: Deps,
  job: Job,
  timeZone: string,
  { sentText, ...counted }: { smsapiId?: string; parts: number; points: number; sentText?: string },
) {
  // First the MsgId lookup, so that a report arriving before the SENT write still finds its job.
  if (counted.smsapiId) await rememberMessageId(deps, job, counted.smsapiId);
  const sentAt = deps.clock.now().toISOString();
  const figures = { ...counted, ...(sentText !== undefined && sentText !== job.text ? { sentText } : {}) };
  const done = await deps.store.transitionJob(job.shop, job.jobId, ['SENDING'], 'SENT', {
    sentAt,
    updatedAt: sentAt,
    ...figures,
    removeLease: true,
  });
  if (done) await countSent(deps, job, sentAt, { parts: figures.parts, points: figures.points }, timeZone);
  else await completeOvertakenJob(deps, job, timeZone, { sentAt, ...figures });
}

/**
 * A delivery report overtook us: it already settled the job and counted it as sent, but without SMSAPI's figures
 * (points, and parts after special-character replacement). Fill them in once, and add what the report could not count.
 */
async function completeOvertakenJob(
  deps: Deps,
  job: Job,
  timeZone: string,
  figures: { sentAt: string; smsapiId?: string; parts: number; points: number },
) {
  for (const state of ['DELIVERED', 'UNDELIVERED'] as const) {
    const filled = await deps.store.transitionJob(job.shop, job.jobId, [state], state, figures, {
      expression: 'attribute_not_exists(sentAt)',
      values: {},
    });
    if (!filled) continue;
    const partsCountedByReport = smsLength(job.text).parts;
    await deps.store.addStats(job.shop, localDate(new Date(figures.sentAt), timeZone), {
      points: figures.points,
      parts: figures.parts - partsCountedByReport,
    });
    return;
  }
}

async function fail(deps: Deps, job: Job, timeZone: string, code: number | string, message: string, failure?: SmsapiFailure): Promise<SendOutcome> {
  const at = deps.clock.now().toISOString();
  const failed = await deps.store.transitionJob(job.shop, job.jobId, ['SENDING'], 'FAILED', {
    updatedAt: at,
    error: { code, message },
    removeLease: true,
  });
  if (failed) {
    await recordError(deps, job.shop, {
      id: job.jobId,
      at,
      code,
      phone: job.phone,
      message,
      place: PLACE_NAMES[job.kind].pl,
      jobId: job.jobId,
    });
    await countOutcome(deps, job.shop, at, 'failed', timeZone);
  }
  deps.logger.error('sms failed', { shop: job.shop, jobId: job.jobId, code, transport: failure?.transport });
  return { result: 'failed', code };
}
