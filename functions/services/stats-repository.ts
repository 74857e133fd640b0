// The port through which the Statistics tab reads what it cannot get from the day counters (the collected numbers)
// and the stream aggregator (functions/services/stats-stream.ts) applies the job changes it counted, exactly once.
// Adapters: DynamoDB (functions/adapters/dynamodb/stats.ts) and an in-memory twin (test/support/fake-stats.ts).
import type { StatsCounters } from '#domain/stats-counting';

/** One day's counters of one shop, to be added. */
export interface DayCounts {
  shop: string;
  date: string;
  counters: StatsCounters;
}

export interface StatsRepository {
  /** The first-seen times (ISO) of every phone number the shop has collected. */
  collectedNumberTimes(shop: string): Promise<string[]>;
  /** The last stream position (padded sequence number) whose counts are applied for this shard; undefined: none. */
  streamCheckpoint(shardId: string): Promise<string | undefined>;
  /**
   * Which of `phones` the shop already has, each with the stream position that recorded it (undefined when it came
   * from elsewhere, e.g. a back-in-stock sign-up).
   */
  knownNumbers(shop: string, phones: string[]): Promise<Map<string, string | undefined>>;
  /**
   * Records a number the first time it is seen, stamped with the stream position that saw it; true when it is new,
   * also when the stamp is this one (an earlier try of the same batch recorded it and failed before counting it).
   */
  rememberNumber(shop: string, phone: string, first: { at: string; source: string; stamp: string }): Promise<boolean>;
  /**
   * Adds the counts and moves the shard's checkpoint from `from` to `to` in one transaction (at most
   * MAX_COUNTS_PER_COMMIT days); throws STATS_CHECKPOINT_MOVED when the checkpoint is no longer `from`.
   */
  commitCounts(shardId: string, from: string | undefined, to: string, counts: DayCounts[]): Promise<void>;
}

/** A transaction holds 100 writes: the checkpoint and 99 days' counters. */
export const MAX_COUNTS_PER_COMMIT = 99;
