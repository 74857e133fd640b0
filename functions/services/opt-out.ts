// One-click opt-out ({stop_link}): the recipient confirms on our page, and from then on no marketing SMS
// (celebrations, basket reminders, back in stock) is planned to that number by that shop; order messages still go.
// The withdrawal is recorded once (when, how, from which SMS); the number's waiting marketing SMS are cancelled and
// its waiting back-in-stock sign-ups withdrawn.
import { localDate } from '#domain/calendar';
import type { Plan } from '#domain/planning';
import { suppressed } from '#domain/suppression';
import { isMarketing, type ShortLink } from '#domain/short-links';
import { kindCounter, type OptOut } from '#domain/link-results';
import type { Deps } from './deps';

/** The confirmation POST of a `{stop_link}` page: only a live opt-out link of a shop records anything. */
export async function optOutByCode(
  deps: Pick<Deps, 'store' | 'jobs' | 'shortLinks' | 'signUps' | 'clock' | 'logger'>,
  code: string,
): Promise<{ done: true; link: ShortLink } | { done: false; link?: ShortLink }> {
  const link = await deps.shortLinks.get(code);
  if (!link || link.purpose !== 'stop' || link.validUntil <= deps.clock.now().toISOString()) return { done: false, link };
  await optOutByLink(deps, link);
  return { done: true, link };
}

export async function optOutByLink(
  deps: Pick<Deps, 'store' | 'jobs' | 'shortLinks' | 'signUps' | 'clock' | 'logger'>,
  link: ShortLink,
): Promise<{ first: boolean; cancelled: number }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const first = await deps.shortLinks.recordOptOut(link.shop, {
    phone: link.phone,
    at,
    how: 'stop-link',
    kind: link.kind,
    jobId: link.jobId,
    code: link.code,
  });
  if (first) await deps.shortLinks.addKindCounters(link.shop, localDate(now, link.timeZone), { [kindCounter('optOuts', link.kind)]: 1 });
  // Already planned marketing SMS to this number are cancelled: a cancelled job never sends (its schedule may still
  // fire; the sender finds the job cancelled).
  let cancelled = 0;
  for (const job of await deps.store.listPendingJobs(link.shop)) {
    if (job.phone !== link.phone || !isMarketing(job.kind)) continue;
    const done = await deps.jobs.cancel(link.shop, job.jobId, ['SCHEDULED', 'QUEUED'], at, 'OPTED_OUT');
    if (done) cancelled++;
  }
  // The number's waiting back-in-stock sign-ups are withdrawn ("Lista powiadomień" shows when).
  for (const signUp of await deps.signUps.listAll(link.shop)) {
    if (signUp.phone === link.phone && signUp.status === 'waiting')
      await deps.signUps.withdraw(link.shop, signUp.productId, signUp.phone, at);
  }
  deps.logger.info('opt-out recorded', { shop: link.shop, phone: `…${link.phone.slice(-3)}`, first, cancelled });
  return { first, cancelled };
}

/** The numbers (of these) that opted out in this shop. */
export async function optOutsOf(deps: Pick<Deps, 'shortLinks'>, shop: string, phones: readonly string[]): Promise<Map<string, OptOut>> {
  if (phones.length === 0) return new Map();
  return deps.shortLinks.optOutsOf(shop, phones);
}

/** Marketing jobs of a plan to numbers that opted out become skips (OPTED_OUT); everything else stays. */
export async function dropOptedOut(deps: Pick<Deps, 'shortLinks'>, shop: string, plan: Plan): Promise<Plan> {
  const marketing = plan.jobs.filter((job) => isMarketing(job.kind));
  if (marketing.length === 0) return plan;
  const optedOut = await optOutsOf(
    deps,
    shop,
    marketing.map((job) => job.phone),
  );
  if (optedOut.size === 0) return plan;
  const dropped = marketing.filter((job) => optedOut.has(job.phone));
  return {
    jobs: plan.jobs.filter((job) => !dropped.includes(job)),
    skipped: [
      ...plan.skipped,
      ...dropped.map((job) => ({
        reason: 'OPTED_OUT' as const,
        detail: `${job.kind}:…${job.phone.slice(-3)}`,
        // Shown in the history as a skipped message with its reason (its links are never stored).
        suppressed: suppressed('OPTED_OUT', { key: job.key, kind: job.kind, phone: job.phone, text: job.text, source: job.source }),
      })),
    ],
  };
}

export async function listOptOuts(deps: Pick<Deps, 'shortLinks'>, shop: string): Promise<OptOut[]> {
  return deps.shortLinks.listOptOuts(shop);
}
