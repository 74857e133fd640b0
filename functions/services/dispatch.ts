// Turning planned jobs into Job items and putting them on their road: due now -> the `sends` queue, due later
// -> a one-shot schedule. Safe to repeat: job ids are deterministic and both roads are idempotent downstream.
import type { Job } from '#domain/model';
import { jobIdFor, type PlannedJob } from '#domain/planning';
import type { Deps } from './deps';
import { saveLinks } from './short-links';

/** A job due within this margin goes on the queue at once rather than through the scheduler. */
const IMMEDIATE_MARGIN_MS = 60_000;

export function jobFromPlan(shop: string, planned: PlannedJob, now: Date): Job {
  const immediate = planned.dueAt.getTime() <= now.getTime() + IMMEDIATE_MARGIN_MS;
  const at = now.toISOString();
  return {
    shop,
    jobId: jobIdFor(shop, planned.key),
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
  const jobs: Job[] = [];
  for (const p of planned) {
    const job = jobFromPlan(shop, p, now);
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
