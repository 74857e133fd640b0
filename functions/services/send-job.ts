// Use case: send one job's SMS. The only code that sends. Every state change is conditional, so a duplicate
// delivery of the same job reference sends nothing twice, and SMSAPI's check_idx catches a retry after a crash
// between its answer and our write (error 53: already accepted).
import { classifySmsapiError, smsapiErrorMessage } from '#domain/smsapi-codes';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { PLACE_NAMES, type Job } from '#domain/model';
import { smsapiNumber } from '#domain/phone';
import { localDate } from '#domain/calendar';
import { withDefaults } from '#domain/settings';
import type { Deps } from './deps';
import type { JobRef } from './ports';

export type SendOutcome =
  | { result: 'sent'; smsapiId?: string }
  | { result: 'failed'; code: number | string }
  | { result: 'skipped'; reason: string }
  /** Try again later: the message goes back on the queue. */
  | { result: 'retry'; reason: string };

const LEASE_MS = 120_000;
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
    { attempts: attempt, leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(), updatedAt: now.toISOString() },
    // A SENDING job whose worker died (lease over) may be taken over; SMSAPI's check_idx keeps it single.
    { expression: 'OR (#state = :sending AND leaseUntil < :now)', values: { ':sending': 'SENDING', ':now': now.toISOString() } },
  );
  if (!job) {
    const current = await deps.store.getJob(ref.shop, ref.jobId);
    if (current?.state === 'SENDING') return { result: 'retry', reason: 'JOB_BEING_SENT' };
    return { result: 'skipped', reason: `JOB_${current?.state ?? 'NOT_FOUND'}` };
  }

  const [connection, settings] = await Promise.all([deps.store.getSmsapi(ref.shop), deps.store.getSettings(ref.shop)]);
  if (!connection) return fail(deps, job, 'SMSAPI_NOT_CONNECTED', 'Brak połączonego konta SMSAPI — połącz konto w zakładce „Konto SMSAPI”.');

  const token = await deps.cipher.decrypt(connection.token, ref.shop);
  const message = connection.replaceSpecialCharacters ? replaceSpecialCharacters(job.text) : job.text;
  const result = await deps.sms.send({
    token,
    to: [smsapiNumber(job.phone)],
    message,
    from: connection.senderName,
    idx: [job.jobId],
    notifyUrl: `${deps.config.PUBLIC_URL}/smsapi/reports`,
    maxParts: deps.config.SMSAPI_MAX_PARTS,
  });

  const tz = withDefaults(settings).quietHours.timeZone;
  if (result.ok || (result.transport === 'api' && classifySmsapiError(result.code) === 'already-accepted')) {
    const first = result.ok ? result.messages[0] : undefined;
    const sentAt = deps.clock.now().toISOString();
    const done = await deps.store.transitionJob(ref.shop, ref.jobId, ['SENDING'], 'SENT', {
      sentAt,
      updatedAt: sentAt,
      smsapiId: first?.id,
      parts: first?.parts,
      points: first?.points,
      removeLease: true,
    });
    if (done) {
      await deps.store.addStats(ref.shop, localDate(new Date(sentAt), tz), {
        sent: 1,
        parts: first?.parts ?? 0,
        points: first?.points ?? 0,
      });
    }
    deps.logger.info('sms sent', { shop: ref.shop, jobId: ref.jobId, smsapiId: first?.id, duplicate: !result.ok });
    return { result: 'sent', smsapiId: first?.id };
  }

  const transient = result.transport !== 'api' || classifySmsapiError(result.code) === 'retry';
  const reason = result.transport === 'api' ? smsapiErrorMessage(result.code) : result.message;
  if (transient && attempt < deps.config.SENDER_MAX_ATTEMPTS) {
    await deps.store.transitionJob(ref.shop, ref.jobId, ['SENDING'], 'QUEUED', {
      updatedAt: deps.clock.now().toISOString(),
      error: { code: result.code, message: reason },
      removeLease: true,
    });
    deps.logger.warn('sms send failed, will retry', { shop: ref.shop, jobId: ref.jobId, code: result.code, attempt });
    return { result: 'retry', reason: String(result.code) };
  }
  return fail(deps, job, result.code, reason);
}

async function fail(deps: Deps, job: Job, code: number | string, message: string): Promise<SendOutcome> {
  const at = deps.clock.now().toISOString();
  const failed = await deps.store.transitionJob(job.shop, job.jobId, ['SENDING'], 'FAILED', {
    updatedAt: at,
    error: { code, message },
    removeLease: true,
  });
  if (failed) {
    const settings = withDefaults(await deps.store.getSettings(job.shop));
    await deps.store.addError(job.shop, {
      id: job.jobId,
      at,
      code,
      phone: job.phone,
      message,
      place: PLACE_NAMES[job.kind].pl,
      jobId: job.jobId,
    });
    await deps.store.addStats(job.shop, localDate(new Date(at), settings.quietHours.timeZone), { failed: 1 });
  }
  deps.logger.error('sms failed', { shop: job.shop, jobId: job.jobId, code });
  return { result: 'failed', code };
}
