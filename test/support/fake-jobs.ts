// In-memory twin of the jobs repository (functions/services/jobs-repository.ts) with the same conditional
// semantics as the DynamoDB adapter (test/integration/jobs-repository.contract.ts runs one suite against both),
// and the few Store reads and counters the send path uses, so the sender, batch sender and delivery reports can be
// unit-tested in milliseconds without Java. Every change it makes is also appended to `stream`, as the table's
// DynamoDB stream carries it (sequence number, job before and after), for the statistics aggregator.
import type { DailyStats, ErrorLogEntry, Job, JobState, Shop, ShopSettings, SmsapiConnection } from '#domain/model';
import { capDecision, type RecentMarketing } from '#domain/frequency-cap';
import type { JobsRepository, RecordedSpend, SendLimitsRepository } from '#services/jobs-repository';

const clone = <T>(value: T): T => structuredClone(value);

export interface FakeStreamRecord {
  sequenceNumber: string;
  before: Job;
  after: Job;
}

export function createFakeJobs(): JobsRepository & {
  jobs: Map<string, Job>;
  /** The previous release's `MSG#` lookup items (shop + MsgId -> job id): read only when no job has the id. */
  legacyMessages: Map<string, string>;
  stream: FakeStreamRecord[];
  put(job: Job): void;
} {
  const jobs = new Map<string, Job>();
  const stream: FakeStreamRecord[] = [];
  const legacyMessages = new Map<string, string>();
  const key = (shop: string, jobId: string) => `${shop}\u0000${jobId}`;

  /** Applies `change` when the job exists and `when` holds; the job before and after, or undefined. */
  function move(
    shop: string,
    jobId: string,
    when: (job: Job) => boolean,
    change: (job: Job) => Job,
  ): { before: Job; after: Job } | undefined {
    const before = jobs.get(key(shop, jobId));
    if (!before || !when(before)) return undefined;
    const after = change(clone(before));
    jobs.set(key(shop, jobId), after);
    // 21 digits, increasing: the shape of a DynamoDB stream sequence number.
    stream.push({ sequenceNumber: (10n ** 20n + BigInt(stream.length + 1)).toString(), before: clone(before), after: clone(after) });
    return { before: clone(before), after: clone(after) };
  }
  const without = (job: Job, ...names: (keyof Job)[]) => {
    for (const n of names) delete job[n];
    return job;
  };
  const from =
    (...states: JobState[]) =>
    (job: Job) =>
      states.includes(job.state);
  /** As the adapter's SET: a field given as undefined leaves the stored one as it is (53's SENT keeps a stored id). */
  const defined = <T extends object>(fields: T): Partial<T> =>
    Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;

  return {
    jobs,
    legacyMessages,
    stream,
    put: (job) => void jobs.set(key(job.shop, job.jobId), clone(job)),

    get: async (shop, jobId) => {
      const job = jobs.get(key(shop, jobId));
      return job && clone(job);
    },

    async claimForSending(shop, jobId, { at, leaseUntil }) {
      const moved = move(
        shop,
        jobId,
        (j) => ['QUEUED', 'SCHEDULED'].includes(j.state) || (j.state === 'SENDING' && (j.leaseUntil ?? '') < at),
        (j) => ({ ...j, state: 'SENDING', attempts: j.attempts + 1, leaseUntil, updatedAt: at }),
      );
      if (moved) return { claimed: true, job: moved.after };
      const state = jobs.get(key(shop, jobId))?.state;
      return { claimed: false, ...(state ? { state } : {}) };
    },

    markSent: async (shop, jobId, sentAt, figures) =>
      move(shop, jobId, from('SENDING'), (j) =>
        without({ ...j, ...defined(figures), state: 'SENT', sentAt, updatedAt: sentAt }, 'leaseUntil'),
      )?.after,

    async completeAfterReport(shop, jobId, sentAt, figures) {
      const moved = move(
        shop,
        jobId,
        (j) => (j.state === 'DELIVERED' || j.state === 'UNDELIVERED') && j.sentAt === undefined,
        (j) => ({ ...j, ...defined(figures), sentAt }),
      );
      return moved?.after.state as 'DELIVERED' | 'UNDELIVERED' | undefined;
    },

    markFailed: async (shop, jobId, at, error) =>
      Boolean(move(shop, jobId, from('SENDING'), (j) => without({ ...j, state: 'FAILED', updatedAt: at, error }, 'leaseUntil'))),

    releaseAccepted: async (shop, jobId, at, smsapiId) =>
      Boolean(move(shop, jobId, from('SENDING'), (j) => without({ ...j, state: 'QUEUED', smsapiId, updatedAt: at }, 'leaseUntil'))),

    requeueForRetry: async (shop, jobId, at, error) =>
      Boolean(
        move(shop, jobId, from('SENDING'), (j) =>
          without({ ...j, state: 'QUEUED', updatedAt: at, ...(error ? { error } : {}) }, 'leaseUntil'),
        ),
      ),

    skip: async (shop, jobId, at, skipReason) =>
      Boolean(move(shop, jobId, from('SENDING'), (j) => without({ ...j, state: 'SKIPPED', skipReason, updatedAt: at }, 'leaseUntil'))),

    postpone: async (shop, jobId, at, to) =>
      Boolean(
        move(shop, jobId, from('SENDING'), (j) => without({ ...j, ...to, attempts: 0, state: 'SCHEDULED', updatedAt: at }, 'leaseUntil')),
      ),

    async settleFromReport(shop, jobId, report) {
      const set = { deliveredAt: report.deliveredAt, reportStatus: report.reportStatus, updatedAt: report.at, smsapiId: report.msgId };
      const moved = move(
        shop,
        jobId,
        (j) =>
          (j.state === 'SENT' && j.smsapiId === report.msgId) ||
          ((j.state === 'SENDING' || j.state === 'QUEUED') && (j.smsapiId === undefined || j.smsapiId === report.msgId)),
        (j) => without({ ...j, ...set, state: report.outcome }, 'leaseUntil'),
      );
      return moved && { job: moved.after, overtook: moved.before.state !== 'SENT' };
    },

    cancel: async (shop, jobId, states, at, cancelReason) =>
      move(shop, jobId, from(...states), (j) => ({ ...j, state: 'CANCELLED', cancelReason, updatedAt: at }))?.after,

    // The byMessage index: every job of the shop that stores this SMSAPI id (the fake's index is never behind).
    findJobByMessage: async (shop, msgId) => {
      for (const job of jobs.values()) if (job.shop === shop && job.smsapiId === msgId) return job.jobId;
      return legacyMessages.get(key(shop, msgId));
    },
  };
}

/** The Store reads and counters the send path uses besides jobs: SMSAPI connection, settings, statistics, error log. */
export function createFakeSendingStore(initial: {
  smsapi?: SmsapiConnection;
  settings?: Partial<ShopSettings>;
  /** Shops uninstalled (every other shop is installed). */
  uninstalled?: Set<string>;
}) {
  const stats = new Map<string, DailyStats>();
  const numbers = new Set<string>();
  const errors: ErrorLogEntry[] = [];
  const state = { ...initial };
  const day = (shop: string, date: string) => {
    const k = `${shop}\u0000${date}`;
    if (!stats.has(k)) stats.set(k, { date, sent: 0, parts: 0, points: 0, failed: 0, delivered: 0, newNumbers: 0 });
    return stats.get(k)!;
  };
  return {
    stats,
    errors,
    state,
    getSendingSetup: async () => clone({ smsapi: state.smsapi, settings: state.settings }),
    getSmsapi: async () => clone(state.smsapi),
    getSettings: async () => clone(state.settings),
    getShop: async (shop: string) =>
      ({ shop, status: state.uninstalled?.has(shop) ? 'uninstalled' : 'installed' }) as Pick<Shop, 'shop' | 'status'> as Shop,
    async addStats(shop: string, date: string, counters: Partial<Omit<DailyStats, 'date'>>) {
      const d = day(shop, date) as unknown as Record<string, number>;
      for (const [k, v] of Object.entries(counters)) if (typeof v === 'number') d[k] = (d[k] ?? 0) + v;
    },
    async listStats(shop: string, fromDate: string, toDate: string) {
      return [...stats.entries()]
        .filter(([k, d]) => k.startsWith(`${shop}\u0000`) && d.date >= fromDate && d.date <= toDate)
        .map(([, d]) => clone(d));
    },
    async rememberNumber(shop: string, phone: string) {
      const k = `${shop}\u0000${phone}`;
      if (numbers.has(k)) return false;
      numbers.add(k);
      return true;
    },
    addError: async (_shop: string, entry: ErrorLogEntry) => void errors.push(clone(entry)),
  };
}

/** The sender's limits storage in memory: the frequency cap decided by the same domain rule as the DynamoDB adapter. */
export function createFakeSendLimits(): SendLimitsRepository & { heldBackCounts: Map<string, number> } {
  const recent = new Map<string, RecentMarketing>();
  const heldBackCounts = new Map<string, number>();
  const spend = new Map<string, RecordedSpend>();
  const balances = new Map<string, { claimedAt?: number; points?: number | null; readAt?: string; alertedOn?: string }>();
  const balance = (shop: string) => balances.get(shop) ?? (balances.set(shop, {}), balances.get(shop)!);
  return {
    heldBackCounts,
    async reserveMarketing(shop, phone, jobId, nowMs, count, windowMs) {
      if (count <= 0) return 'capped';
      const k = `${shop}\u0000${phone}`;
      const state = recent.get(k);
      if (state?.newest === undefined || state.newest <= nowMs - windowMs) {
        recent.set(k, { recent: { [jobId]: nowMs }, newest: nowMs });
        return 'reserved';
      }
      const decision = capDecision(state, jobId, nowMs, count, windowMs);
      if (decision.verdict !== 'room') return decision.verdict;
      for (const id of decision.expired) delete state.recent[id];
      state.recent[jobId] = nowMs;
      state.newest = Math.max(nowMs, state.newest);
      return 'reserved';
    },
    async releaseMarketing(shop, phone, jobId) {
      delete recent.get(`${shop}\u0000${phone}`)?.recent[jobId];
    },
    async addSpend(shop, date, parts, points) {
      const month = spend.get(`${shop}\u0000${date.slice(0, 7)}`) ?? { parts: 0, points: 0, days: {} };
      const day = month.days[date] ?? { parts: 0, points: 0 };
      month.parts += parts;
      month.points += points;
      month.days[date] = { parts: day.parts + parts, points: day.points + points };
      spend.set(`${shop}\u0000${date.slice(0, 7)}`, month);
    },
    async spendOf(shop, month) {
      return structuredClone(spend.get(`${shop}\u0000${month}`) ?? { parts: 0, points: 0, days: {} });
    },
    async countHeldBack(shop, date, kind) {
      const k = `${shop}\u0000${date}\u0000${kind}`;
      heldBackCounts.set(k, (heldBackCounts.get(k) ?? 0) + 1);
    },
    async heldBack(shop, fromDate, toDate) {
      const days = new Map<string, Record<string, number>>();
      for (const [k, n] of heldBackCounts) {
        const [s, date, kind] = k.split('\u0000') as [string, string, string];
        if (s !== shop || date < fromDate || date > toDate) continue;
        const counts = days.get(date) ?? (days.set(date, {}), days.get(date)!);
        counts[kind] = (counts[kind] ?? 0) + n;
      }
      return days;
    },
    async balance(shop) {
      // As the stored record: any of the balance writes creates it.
      const b = balances.get(shop);
      if (!b) return undefined;
      return {
        points: typeof b.points === 'number' ? b.points : null,
        readAt: b.readAt ?? '',
        ...(b.alertedOn ? { alertedOn: b.alertedOn } : {}),
      };
    },
    async claimBalanceRead(shop, now, minIntervalMs) {
      const b = balance(shop);
      if (b.claimedAt !== undefined && b.claimedAt > now.getTime() - minIntervalMs) return false;
      b.claimedAt = now.getTime();
      return true;
    },
    async recordBalance(shop, points, readAt) {
      balance(shop).points = points;
      balance(shop).readAt = readAt;
    },
    async claimLowBalanceAlert(shop, date) {
      const b = balance(shop);
      if (b.alertedOn === date) return false;
      b.alertedOn = date;
      return true;
    },
  };
}
