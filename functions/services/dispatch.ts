// Turning planned jobs into Job items and putting them on their road: due now -> the `sends` queue, due later
// -> a one-shot schedule. Safe to repeat: job ids are deterministic and both roads are idempotent downstream.
import { createHmac } from 'node:crypto';
import type { Job } from '#domain/model';
import { jobIdFor, type PlannedJob, type Skip } from '#domain/planning';
import { skippedJob, type Suppression } from '#domain/suppression';
import type { Deps } from './deps';
import { saveLinks } from './save-links';

/**
 * The secret job ids are keyed with: derived from the deployment's session secret under its own label. Rotating
 * that secret changes the ids of jobs planned afterwards (events already planned stay deduped by their SEEN/EVT rows).
 */
export async function jobIdKey(deps: Pick<Deps, 'secrets'>): Promise<string> {
  return createHmac('sha256', (await deps.secrets()).sessionSecret)
    .update('job-id')
    .digest('hex');
}

/** A job due within this margin goes on the queue at once rather than through the scheduler. */
const IMMEDIATE_MARGIN_MS = 60_000;

export function jobFromPlan(shop: string, planned: PlannedJob, now: Date, idKey: string): Job {
  const immediate = planned.dueAt.getTime() <= now.getTime() + IMMEDIATE_MARGIN_MS;
  const at = now.toISOString();
  return {
    shop,
    jobId: jobIdFor(shop, planned.key, idKey),
    kind: planned.kind,
    phone: planned.phone,
    text: planned.text,
    dueAt: planned.dueAt.toISOString(),
    state: immediate ? 'QUEUED' : 'SCHEDULED',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    source: planned.source,
    ...(planned.shiftedFrom ? { shiftedFrom: planned.shiftedFrom.toISOString() } : {}),
  };
}

export async function dispatchJob(deps: Deps, job: Job): Promise<void> {
  const ref = { shop: job.shop, jobId: job.jobId };
  if (job.state === 'QUEUED') await deps.sendsQueue.send(ref);
  else if (job.state === 'SCHEDULED') await deps.scheduler.schedule(ref, new Date(job.dueAt));
}

/** Creates each job once and (re)dispatches it; a re-run after a crash finishes what the first run began. */
export async function createAndDispatch(deps: Deps, shop: string, planned: PlannedJob[]): Promise<Job[]> {
  const now = deps.clock.now();
  const idKey = await jobIdKey(deps);
  const jobs: Job[] = [];
  for (const p of planned) {
    const job = jobFromPlan(shop, p, now, idKey);
    // Links first: an SMS never carries a link that does not answer.
    await saveLinks(deps, p.links);
    const outcome = await deps.store.createJob(job);
    const current = outcome === 'created' ? job : await deps.store.getJob(shop, job.jobId);
    if (!current) continue;
    if (current.state === 'QUEUED' || current.state === 'SCHEDULED') await dispatchJob(deps, current);
    jobs.push(current);
  }
  return jobs;
}

/**
 * Records each planned-but-not-sent message as a SKIPPED job (shown in "Historia wiadomości" with its reason).
 * Takes a plan's skips (those without `suppressed` are ignored) or suppressions; a duplicate event records once.
 */
export async function recordSuppressed(deps: Deps, shop: string, items: readonly (Skip | Suppression)[]): Promise<Job[]> {
  const now = deps.clock.now();
  const recorded: Job[] = [];
  let idKey: string | undefined;
  for (const item of items) {
    const suppression = 'key' in item ? item : item.suppressed;
    if (!suppression) continue;
    idKey ??= await jobIdKey(deps);
    const job = skippedJob(shop, jobIdFor(shop, suppression.key, idKey), suppression, now);
    if ((await deps.store.createJob(job)) === 'created') recorded.push(job);
  }
  if (recorded.length > 0) {
    deps.logger.info('planned messages not sent', { shop, skipped: recorded.map((j) => ({ jobId: j.jobId, reason: j.skipReason?.code })) });
  }
  return recorded;
}
