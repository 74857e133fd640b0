// Use case: keep the Statistics tab's counters from the table's stream. The send path writes only its job's state;
// this sums what each job change counts (functions/domain/stats-counting.ts) per shop and local day, and applies a
// batch in one transaction with the stream shard's checkpoint, so a batch delivered again (a retry, a redelivery)
// counts nothing twice and a failed one counts nothing at all. A number's first SMS is recorded here too.
import { localDate } from '#domain/calendar';
import type { Job } from '#domain/model';
import { addCounters, countJobChange, sequenceKey, type CountedChange } from '#domain/stats-counting';
import type { Deps } from './deps';
import { MAX_COUNTS_PER_COMMIT, type DayCounts } from './stats-repository';
import { shopTimeZone } from './stats';

/** One write to a job item as the stream carries it: its position in the shard, the job before and after. */
export interface JobChange {
  sequenceNumber: string;
  before?: Job;
  after?: Job;
}

/** A batch of one stream shard, in the shard's order. */
export interface JobChangeBatch {
  shardId: string;
  changes: JobChange[];
}

export interface StatsBatchOutcome {
  /** Changes that counted something and were applied now. */
  counted: number;
  /** Changes that count, at or before the shard's checkpoint: applied by an earlier delivery of the batch. */
  alreadyCounted: number;
  /** Transactions written. */
  commits: number;
}

interface Counted extends CountedChange {
  seq: string;
  date?: string;
}

export async function countJobChanges(deps: Deps, batch: JobChangeBatch): Promise<StatsBatchOutcome> {
  const { shardId } = batch;
  // What counts, before anything is read: a batch of changes that count nothing (a claim, a retry) costs no request.
  const candidates: Counted[] = [];
  for (const change of batch.changes) {
    const c = countJobChange(change.before, change.after);
    if (c) candidates.push({ ...c, seq: sequenceKey(change.sequenceNumber) });
  }
  if (candidates.length === 0) return { counted: 0, alreadyCounted: 0, commits: 0 };
  // In the shard's order whatever order they came in (a redelivered batch may not keep it): the checkpoint then
  // moves to the highest position counted, and nothing below it is left out.
  candidates.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const checkpoint = await deps.stats.streamCheckpoint(shardId);
  const counted = candidates.filter(({ seq }) => checkpoint === undefined || seq > checkpoint);
  const alreadyCounted = candidates.length - counted.length;
  if (counted.length === 0) return { counted: 0, alreadyCounted, commits: 0 };

  // A shop uninstalled since (or being purged) keeps nothing: its changes count nothing and record no customer
  // number, which would outlive the purge. Each installed shop's local day, in its time zone as set now (two reads
  // per shop in the batch).
  const zones = new Map<string, string>();
  for (const shop of new Set(counted.map((c) => c.shop))) {
    if ((await deps.store.getShop(shop))?.status === 'installed') zones.set(shop, await shopTimeZone(deps, shop));
  }
  const kept = counted.filter((c) => zones.has(c.shop));
  for (const c of kept) c.date = localDate(new Date(c.at), zones.get(c.shop)!);

  await countFirstNumbers(deps, shardId, kept);

  // Ordered segments of at most MAX_COUNTS_PER_COMMIT days each; every segment moves the checkpoint to its last change.
  let from = checkpoint;
  let commits = 0;
  let segment = new Map<string, DayCounts>();
  let last = '';
  const flush = async () => {
    if (segment.size === 0) return;
    await deps.stats.commitCounts(shardId, from, last, [...segment.values()]);
    from = last;
    commits++;
    segment = new Map();
  };
  for (const c of counted) {
    // A gone shop's change only moves the checkpoint (with the next commit).
    if (!zones.has(c.shop)) {
      if (segment.size > 0) last = c.seq;
      continue;
    }
    const key = `${c.shop}\u0000${c.date}`;
    if (!segment.has(key) && segment.size >= MAX_COUNTS_PER_COMMIT) await flush();
    const day = segment.get(key) ?? { shop: c.shop, date: c.date!, counters: {} };
    addCounters(day.counters, c.counters);
    segment.set(key, day);
    last = c.seq;
  }
  await flush();
  return { counted: kept.length, alreadyCounted, commits };
}

/**
 * A customer's first SMS also counts the number as collected. Known numbers are read first (a read costs a quarter
 * of a refused conditional write); each new one is then recorded once, stamped with its stream position, so that a
 * retried batch recognises the numbers it recorded itself and still counts them.
 */
async function countFirstNumbers(deps: Deps, shardId: string, counted: Counted[]): Promise<void> {
  const byShop = new Map<string, Counted[]>();
  for (const c of counted) if (c.collect) byShop.set(c.shop, [...(byShop.get(c.shop) ?? []), c]);
  for (const [shop, changes] of byShop) {
    const known = await deps.stats.knownNumbers(
      shop,
      changes.map((c) => c.collect!.phone),
    );
    const seen = new Set<string>();
    for (const c of changes) {
      const { phone, kind } = c.collect!;
      if (seen.has(phone)) continue;
      seen.add(phone);
      // The shard without a replay's suffix (docs/operator.md: a dead-lettered batch is replayed as `<shard>#replay`):
      // the replay then recognises the number its failed first try recorded, and counts it.
      const stamp = `${shardId.split('#')[0]}#${c.seq}`;
      if (known.has(phone) && known.get(phone) !== stamp) continue;
      if (await deps.stats.rememberNumber(shop, phone, { at: c.at, source: kind, stamp })) addCounters(c.counters, { newNumbers: 1 });
    }
  }
}
