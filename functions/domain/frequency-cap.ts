// The frequency cap across automations: at most N marketing SMS per number within a window. What is remembered per
// number is the send time of its recent marketing SMS by job id, so a retried job finds itself already counted
// (exact under retries); the rule itself is pure, the conditional writes are in adapters/dynamodb/send-limits.ts.

/** A number's recent marketing SMS: job id -> epoch ms when it was let through; `newest` is the latest of them. */
export interface RecentMarketing {
  recent: Record<string, number>;
  newest?: number;
}

export type CapDecision =
  /** This job was let through before (a retry): it goes, and counts nothing more. */
  | { verdict: 'counted' }
  /** The window already holds `count` marketing SMS for this number. */
  | { verdict: 'capped'; inWindow: number }
  /** There is room: record the job; entries older than the window may be dropped. */
  | { verdict: 'room'; expired: string[] };

/** What to do with job `jobId` for a number whose record is `state`, with `count` allowed per `windowMs`. */
export function capDecision(
  state: RecentMarketing | undefined,
  jobId: string,
  nowMs: number,
  count: number,
  windowMs: number,
): CapDecision {
  const recent = state?.recent ?? {};
  if (recent[jobId] !== undefined) return { verdict: 'counted' };
  const cutoff = nowMs - windowMs;
  const inWindow = Object.values(recent).filter((t) => t > cutoff).length;
  if (inWindow >= count) return { verdict: 'capped', inWindow };
  return {
    verdict: 'room',
    expired: Object.entries(recent)
      .filter(([, t]) => t <= cutoff)
      .map(([id]) => id),
  };
}

/** "24 h", "2 dni" (48 h), "36 h": the window as the owner set it. */
export function windowText(hours: number, locale: 'pl' | 'en' = 'pl'): string {
  if (hours % 24 === 0 && hours >= 48) return locale === 'pl' ? `${hours / 24} dni` : `${hours / 24} days`;
  return `${hours} h`;
}
