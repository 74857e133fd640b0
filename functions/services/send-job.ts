// Use case: send one job's SMS. Every state change is conditional (functions/services/send-settlement.ts), so a
// duplicate delivery of the same job reference sends nothing twice, and SMSAPI's check_idx catches a retry after a
// crash between its answer and our write (error 53: already accepted).
import { classifySmsapiError } from '#domain/smsapi-codes';
import { errorLogCode } from '#domain/smsapi-failure';
import { replaceSpecialCharacters } from '#domain/special-characters';
import type { Job } from '#domain/model';
import { smsapiNumber } from '#domain/phone';
import { smsLength } from '#domain/sms-length';
import { withDefaults } from '#domain/settings';
import type { Deps } from './deps';
import type { JobRef } from './ports';
import { callWithToken } from './smsapi-token';
import { reportsUrl } from './delivery-reports';
import { createSendGate } from './send-gate';
import { watchBalance } from './low-balance';
import { claimJob, releaseClaim, settleFailed, settleRefusal, settleSent } from './send-settlement';

export { recordSent } from './send-settlement';

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

/** `queuedAt`: when the job's reference was put on the sends queue (SQS's SentTimestamp), if known. */
export interface SendContext {
  queuedAt?: Date;
}

export async function sendJob(deps: Deps, ref: JobRef, context: SendContext = {}): Promise<SendOutcome> {
  const claim = await claimJob(deps, ref, leaseMs(deps));
  if ('result' in claim) return claim;
  try {
    return await send(deps, claim.job, claim.attempt, context);
  } catch (error) {
    await releaseClaim(deps, claim.job);
    throw error;
  }
}

async function send(deps: Deps, job: Job, attempt: number, context: SendContext): Promise<SendOutcome> {
  const { smsapi: connection, settings: saved } = await deps.store.getSendingSetup(job.shop);
  const settings = withDefaults(saved);
  const timeZone = settings.quietHours.timeZone;
  if (!connection) {
    const code = 'SMSAPI_NOT_CONNECTED';
    await settleFailed(deps, job, timeZone, code, 'Brak połączonego konta SMSAPI — połącz konto w zakładce „Konto SMSAPI”.');
    return { result: 'failed', code };
  }
  const message = connection.replaceSpecialCharacters ? replaceSpecialCharacters(job.text) : job.text;
  // Validity, Sunday/holiday, spend limits, frequency cap: a message held back is settled by the gate.
  const gate = createSendGate(deps, job.shop, settings);
  const verdict = await gate.admit(job, attempt, message, context.queuedAt);
  if (!verdict.go) return { result: 'skipped', reason: verdict.outcome === 'skipped' ? 'HELD_BACK' : 'RESCHEDULED' };
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
      expiresAt: verdict.expiresAt,
    }),
  );

  if (result.ok || (result.transport === 'api' && classifySmsapiError(result.code) === 'already-accepted')) {
    const accepted = result.ok ? result.messages[0] : undefined;
    await settleSent(deps, job, timeZone, message, accepted);
    gate.noteSent(accepted?.parts ?? smsLength(message).parts, accepted?.points ?? 0);
    await gate.recordSpend();
    await watchBalance(deps, job.shop, connection, settings);
    return { result: 'sent', smsapiId: accepted?.id };
  }

  const settled = await settleRefusal(deps, job, attempt, result, timeZone);
  if (settled === 'retry') {
    deps.logger.warn('sms send failed, will retry', {
      shop: job.shop,
      jobId: job.jobId,
      code: result.code,
      transport: result.transport,
      attempt,
    });
    return { result: 'retry', reason: String(errorLogCode(result)) };
  }
  return { result: 'failed', code: errorLogCode(result) };
}
