// Use cases of "Zaplanowane wysyłki" (manual 4.10) and the message history: list jobs, and cancel them (by the
// merchant, or by a planner for stale messages). A cancelled job never sends: the sender only takes QUEUED or
// SCHEDULED jobs, with a conditional write, and the job's schedule is deleted too.
import { decodeOffsetCursor, encodeOffsetCursor } from '#domain/cursor';
import { conflict, notFound } from '#domain/errors';
import { PLACE_NAMES, type Job, type JobState } from '#domain/model';
import { JOB_ID } from '#domain/planning';
import type { JobCancellation } from '#domain/planning-stale';
import type { JobListQuery } from '#contracts/orders';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { SUPPRESSION_REASONS, type SuppressionReason } from '#domain/suppression';
import type { Deps } from './deps';

export const DELETED_BY_MERCHANT = 'Usunięte przez sprzedawcę';

export const JOB_STATE_NAMES: Record<JobState, { pl: string; en: string }> = {
  SCHEDULED: { pl: 'zaplanowana', en: 'scheduled' },
  QUEUED: { pl: 'w kolejce do wysłania', en: 'queued' },
  SENDING: { pl: 'wysyłanie', en: 'sending' },
  SENT: { pl: 'wysłana', en: 'sent' },
  DELIVERED: { pl: 'doręczona', en: 'delivered' },
  UNDELIVERED: { pl: 'niedoręczona', en: 'undelivered' },
  FAILED: { pl: 'błąd wysyłki', en: 'failed' },
  CANCELLED: { pl: 'anulowana', en: 'cancelled' },
  SKIPPED: { pl: 'pominięta', en: 'skipped' },
};

export interface JobView {
  jobId: string;
  phone: string;
  text: string;
  dueAt: string;
  createdAt: string;
  kind: Job['kind'];
  /** The column "Typ": the feature in the merchant's words. */
  type: { pl: string; en: string };
  state: JobState;
  stateName: { pl: string; en: string };
  orderId?: string;
  statusId?: string;
  cancelReason?: string;
  /** When quiet hours moved the job, the time it was first due. */
  shiftedFrom?: string;
  /** Why a due job still waits (e.g. the shop's daily storefront cap). */
  waitReason?: Job['waitReason'];
  sentAt?: string;
  deliveredAt?: string;
  error?: Job['error'];
  /** Why a SKIPPED job was not sent, in both languages. */
  skipReason?: { code: string; pl: string; en: string };
}

const SENT_STATES: ReadonlySet<JobState> = new Set(['SENT', 'DELIVERED', 'UNDELIVERED']);

/**
 * The text the customer got (as it went, after special-character replacement) or would get with the current
 * account setting; jobs sent before the text was recorded show the stored text.
 */
const shownText = (job: Job, replace: boolean) =>
  job.sentText ?? (replace && !SENT_STATES.has(job.state) ? replaceSpecialCharacters(job.text) : job.text);

const skipReasonView = (job: Job): JobView['skipReason'] => {
  if (!job.skipReason) return undefined;
  const known = SUPPRESSION_REASONS[job.skipReason.code as SuppressionReason];
  return {
    code: job.skipReason.code,
    pl: known?.pl ?? job.skipReason.message,
    en: known?.en ?? job.skipReason.en ?? job.skipReason.message,
  };
};

/** Expired: by SMSAPI (report 402 EXPIRED) or by our own check before sending (domain/held-back.ts). */
const expiredName = (job: Job) =>
  job.reportStatus === 'EXPIRED' || job.skipReason?.code === 'EXPIRED' ? { pl: 'wygasła', en: 'expired' } : undefined;

const view = (job: Job, replace = false): JobView => ({
  jobId: job.jobId,
  phone: job.phone,
  text: shownText(job, replace),
  dueAt: job.dueAt,
  createdAt: job.createdAt,
  kind: job.kind,
  type: PLACE_NAMES[job.kind] ?? { pl: job.kind, en: job.kind },
  state: job.state,
  stateName: expiredName(job) ?? JOB_STATE_NAMES[job.state],
  orderId: job.source.orderId,
  statusId: job.source.statusId,
  cancelReason: job.cancelReason,
  shiftedFrom: job.shiftedFrom,
  waitReason: job.waitReason,
  sentAt: job.sentAt,
  deliveredAt: job.deliveredAt,
  error: job.error,
  skipReason: skipReasonView(job),
});

const digits = (text: string) => text.replace(/\D/g, '');

/** Phone (typed with or without spaces and prefix), order number, or any words of the text. */
function matches(job: Job, search: string): boolean {
  const q = search.trim().toLocaleLowerCase('pl');
  if (q === '') return true;
  const qDigits = digits(q);
  if (qDigits.length >= 3 && qDigits.length === q.replace(/[\s+\-()]/g, '').length && digits(job.phone).includes(qDigits)) return true;
  if (job.source.orderId === q) return true;
  return job.text.toLocaleLowerCase('pl').includes(q);
}

/**
 * Scheduled: due later, soonest first, back-in-stock left out as in the manual; read through the byPending index,
 * so only waiting jobs are read. Cancelled and the history (`all`): newest first, from every job of the shop
 * (jobs expire 180 days after their due time).
 */
export async function listJobs(deps: Deps, shop: string, query: JobListQuery) {
  let jobs = query.state === 'scheduled' ? await deps.store.listPendingJobs(shop) : await deps.store.listJobs(shop);
  if (query.state === 'scheduled') {
    jobs = jobs.filter((job) => job.state === 'SCHEDULED' && job.kind !== 'back-in-stock');
    jobs.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.jobId.localeCompare(b.jobId));
  } else {
    if (query.state === 'cancelled') jobs = jobs.filter((job) => job.state === 'CANCELLED');
    // One date: when the app created the message (the list says so), newest first.
    jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.jobId.localeCompare(b.jobId));
  }
  if (query.search) jobs = jobs.filter((job) => matches(job, query.search!));
  const offset = decodeOffsetCursor(query.cursor);
  const page = jobs.slice(offset, offset + query.limit);
  const next = offset + page.length;
  const replace = (await deps.store.getSmsapi(shop))?.replaceSpecialCharacters ?? false;
  return {
    items: page.map((job) => view(job, replace)),
    total: jobs.length,
    ...(next < jobs.length ? { cursor: encodeOffsetCursor(next) } : {}),
  };
}

/** `not-cancellable`: already sent, being sent or failed; a job cancelled before counts as cancelled. */
export type CancelOutcome = 'cancelled' | 'not-found' | 'not-cancellable';

/** Cancels one job if it is still waiting (in one of `from`), and deletes its schedule. */
export async function cancelJob(
  deps: Deps,
  shop: string,
  jobId: string,
  reason: string,
  from: JobState[] = ['SCHEDULED', 'QUEUED'],
): Promise<CancelOutcome> {
  const at = deps.clock.now().toISOString();
  const cancelled = await deps.jobs.cancel(shop, jobId, from, at, reason);
  if (!cancelled) {
    const current = await deps.store.getJob(shop, jobId);
    return !current ? 'not-found' : current.state === 'CANCELLED' ? 'cancelled' : 'not-cancellable';
  }
  await deps.scheduler.cancel({ shop, jobId });
  deps.logger.info('job cancelled', { shop, jobId, kind: cancelled.kind, reason });
  return 'cancelled';
}

/** The planners' stale-message cancellations: only jobs still SCHEDULED (a queued one is already going out). */
export async function cancelStaleJobs(deps: Deps, shop: string, cancellations: readonly JobCancellation[]): Promise<void> {
  for (const c of cancellations) await cancelJob(deps, shop, c.jobId, c.reason, ['SCHEDULED']);
}

export async function deleteJob(deps: Deps, shop: string, jobId: string) {
  const outcome = JOB_ID.test(jobId) ? await cancelJob(deps, shop, jobId, DELETED_BY_MERCHANT) : 'not-found';
  if (outcome === 'not-found') throw notFound('JOB_NOT_FOUND', 'Nie ma takiej zaplanowanej wysyłki');
  if (outcome === 'not-cancellable') {
    throw conflict('JOB_NOT_CANCELLABLE', 'Tej wiadomości nie można już usunąć: została wysłana albo właśnie jest wysyłana');
  }
  return outcome;
}

/** "Usuń zaznaczone": each id is answered on its own, so one already-sent job does not block the others. */
export async function deleteJobs(deps: Deps, shop: string, ids: readonly string[]) {
  const result: Record<CancelOutcome, string[]> = { cancelled: [], 'not-found': [], 'not-cancellable': [] };
  for (const id of new Set(ids)) {
    const outcome = JOB_ID.test(id) ? await cancelJob(deps, shop, id, DELETED_BY_MERCHANT) : 'not-found';
    result[outcome].push(id);
  }
  return { cancelled: result.cancelled, notFound: result['not-found'], notCancellable: result['not-cancellable'] };
}
