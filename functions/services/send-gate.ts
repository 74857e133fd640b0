// The sender's last gate before SMSAPI: a claimed (SENDING) job goes only if it is still valid, not due on a day
// without marketing, within the shop's spend limits and under the frequency cap. A message held back becomes a
// SKIPPED job with its reason (conditional: once), counts nothing, and is never rescheduled — except for the
// Sunday/holiday rule, which moves it to the next working day. Refusing gates run on a job's first attempt only:
// a retry may already have been accepted by SMSAPI (check_idx then answers 53), so it must be allowed to settle.
import { localDate } from '#domain/calendar';
import {
  expiredReason,
  frequencyCapReason,
  holidayWaitReason,
  spendLimitReason,
  type Reason,
  type SpendLimitKind,
} from '#domain/held-back';
import type { Job, ShopSettings } from '#domain/model';
import { isMarketing, nextMarketingDay, smsapiExpiration, validityMs, validUntil } from '#domain/sending-limits';
import { smsLength } from '#domain/sms-length';
import type { Deps } from './deps';

export type GateVerdict =
  /** Send, with SMSAPI's expiration_date. */
  | { go: true; expiresAt: Date }
  /** Held back: the job is SKIPPED (or moved to a later day) and nothing of it counts. */
  | { go: false; outcome: 'skipped' | 'rescheduled' };

interface Figures {
  parts: number;
  points: number;
}

/**
 * What the shop has spent on its local day `today` and in that month, as the spend limits count it (the send gate
 * and the limits banner): the larger of the statistics (every SMS, counted from the table's stream seconds after it
 * went) and the spend the sender recorded at once while a limit is set (`SPEND#`: exact at once, but only since a
 * limit was set).
 */
export async function spentSoFar(
  deps: Pick<Deps, 'store' | 'sendLimits'>,
  shop: string,
  today: string,
): Promise<{ day: Figures; month: Figures }> {
  const [days, recorded] = await Promise.all([
    deps.store.listStats(shop, `${today.slice(0, 8)}01`, today),
    deps.sendLimits.spendOf(shop, today.slice(0, 7)),
  ]);
  const month = { parts: 0, points: 0 };
  const day = { parts: 0, points: 0 };
  for (const d of days) {
    month.parts += d.parts;
    month.points += d.points;
    if (d.date === today) {
      day.parts += d.parts;
      day.points += d.points;
    }
  }
  const recordedToday = recorded.days[today] ?? { parts: 0, points: 0 };
  return {
    day: { parts: Math.max(day.parts, recordedToday.parts), points: Math.max(day.points, recordedToday.points) },
    month: { parts: Math.max(month.parts, recorded.parts), points: Math.max(month.points, recorded.points) },
  };
}

/**
 * One gate per sender invocation (one job, or one batch): the spend figures are read once, when a limit needs
 * them, and what this invocation lets through is added to them, so a batch stays within the limit too.
 */
export function createSendGate(deps: Deps, shop: string, settings: ShopSettings) {
  const limits = settings.limits;
  const tz = settings.quietHours.timeZone;
  const repo = deps.sendLimits;
  let spend: Promise<{ day: Figures; month: Figures }> | undefined;

  const spent = () => (spend ??= spentSoFar(deps, shop, localDate(deps.clock.now(), tz)));

  const spendLimitsSet = Object.entries(limits.spend).some(([k, v]) => k !== 'includeTransactional' && v !== null);
  const pending = { parts: 0, points: 0 };

  /** The first spend limit this message would cross, or undefined. `parts`: the message's parts. */
  async function crossedLimit(parts: number): Promise<{ limit: SpendLimitKind; value: number } | undefined> {
    const s = await spent();
    // Points are known only after SMSAPI charges them: estimated from this month's points per part (0 on accounts
    // that report none, whose points limits then never trigger).
    const perPart = s.month.parts > 0 ? s.month.points / s.month.parts : 0;
    const checks: [SpendLimitKind, number, number][] = [
      ['dailyParts', s.day.parts, parts],
      ['monthlyParts', s.month.parts, parts],
      ['dailyPoints', s.day.points, parts * perPart],
      ['monthlyPoints', s.month.points, parts * perPart],
    ];
    for (const [limit, used, adding] of checks) {
      const value = limits.spend[limit];
      if (value === null) continue;
      if (used >= value || (adding > 0 && used + adding > value + 1e-9)) return { limit, value };
    }
    return undefined;
  }

  async function skip(job: Job, reason: Reason): Promise<boolean> {
    const done = await deps.jobs.skip(job.shop, job.jobId, deps.clock.now().toISOString(), {
      code: reason.code,
      message: reason.message,
      en: reason.en,
    });
    deps.logger.info('sms held back', { shop: job.shop, jobId: job.jobId, reason: reason.code, recorded: Boolean(done) });
    return Boolean(done);
  }

  return {
    /**
     * Whether claimed job `job` (attempt `attempt`, text as it will go: `message`) may be sent now. Its validity runs
     * from its due time, or from when it was put on the sends queue (`queuedAt`) if that was later (a schedule fires
     * at the due time in AWS; a fast-forwarded local clock fires it late, as if on time).
     */
    async admit(job: Job, attempt: number, message: string, queuedAt?: Date): Promise<GateVerdict> {
      const now = deps.clock.now();
      const due = new Date(job.dueAt);
      const deadline = validUntil(job.kind, queuedAt && queuedAt > due ? queuedAt : due, limits);
      const first = attempt === 1;

      if (first && now.getTime() > deadline.getTime()) {
        const hours = Math.round(validityMs(job.kind, limits) / 3_600_000);
        await skip(job, expiredReason(hours, deadline, tz));
        return { go: false, outcome: 'skipped' };
      }

      if (first && limits.noMarketingOnHolidays && isMarketing(job.kind)) {
        const applies = settings.quietHours.enabled && (settings.quietHoursFor[job.kind] ?? false);
        const next = nextMarketingDay(job.kind, now, limits, { ...settings.quietHours, applies });
        if (next.getTime() > now.getTime()) {
          const moved = await deps.jobs.postpone(job.shop, job.jobId, now.toISOString(), {
            dueAt: next.toISOString(),
            shiftedFrom: job.shiftedFrom ?? job.dueAt,
            waitReason: holidayWaitReason(next, tz),
          });
          if (moved) {
            // The schedule that just fired may not be deleted yet, and scheduling keeps an existing one: replace it.
            const ref = { shop: job.shop, jobId: job.jobId };
            await deps.scheduler.cancel(ref);
            await deps.scheduler.schedule(ref, next);
          }
          return { go: false, outcome: 'rescheduled' };
        }
      }

      const parts = smsLength(message).parts;
      const paused = first && spendLimitsSet && (isMarketing(job.kind) || limits.spend.includeTransactional);
      if (paused) {
        const crossed = await crossedLimit(parts);
        if (crossed) {
          if (await skip(job, spendLimitReason(crossed.limit, crossed.value))) {
            await repo.countHeldBack(job.shop, localDate(now, tz), job.kind, crossed.limit);
          }
          return { go: false, outcome: 'skipped' };
        }
      }

      if (isMarketing(job.kind) && limits.frequencyCap.enabled) {
        const cap = limits.frequencyCap;
        const outcome = await repo.reserveMarketing(job.shop, job.phone, job.jobId, now.getTime(), cap.count, cap.windowHours * 3_600_000);
        if (outcome === 'capped') {
          await skip(job, frequencyCapReason(cap.count, cap.windowHours));
          return { go: false, outcome: 'skipped' };
        }
      }

      // What this invocation lets through counts against the limits of the next message of the batch.
      if (spend) {
        const s = await spend;
        const perPart = s.month.parts > 0 ? s.month.points / s.month.parts : 0;
        for (const bucket of [s.day, s.month]) {
          bucket.parts += parts;
          bucket.points += parts * perPart;
        }
      }
      return { go: true, expiresAt: smsapiExpiration(deadline, now) };
    },

    /** An SMS of this invocation went (SENT): its parts and points count against the limits of the next ones. */
    noteSent(parts: number, points: number) {
      if (!spendLimitsSet) return;
      pending.parts += parts;
      pending.points += points;
    },

    /**
     * Records what this invocation sent (one write, only while a spend limit is set), so that the next invocation's
     * gate sees it at once. Best effort: the statistics count the same SMS seconds later.
     */
    async recordSpend() {
      if (pending.parts === 0 && pending.points === 0) return;
      const { parts, points } = pending;
      pending.parts = 0;
      pending.points = 0;
      try {
        await repo.addSpend(shop, localDate(deps.clock.now(), tz), parts, points);
      } catch (error) {
        deps.logger.warn('spend not recorded; the statistics will count it', { shop, parts, error: String(error) });
      }
    },
  };
}

/** A marketing message that failed for good never reached the customer: it gives its place under the cap back. */
export async function releaseCapPlace(deps: Deps, job: Job): Promise<void> {
  if (isMarketing(job.kind)) await deps.sendLimits.releaseMarketing(job.shop, job.phone, job.jobId);
}

export type SendGate = ReturnType<typeof createSendGate>;
