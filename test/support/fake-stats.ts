// In-memory twin of the statistics repository (functions/services/stats-repository.ts): the day counters go into the
// fake sending store's `stats` map, checkpoints and collected numbers are kept here with the DynamoDB adapter's
// conditions, and `failCommits` makes the next commits throw after the numbers were written (a crash mid-batch).
import type { DayCounts, StatsRepository } from '#services/stats-repository';
import { MAX_COUNTS_PER_COMMIT } from '#services/stats-repository';
import type { createFakeSendingStore } from './fake-jobs';

type SendingStore = ReturnType<typeof createFakeSendingStore>;

export function createFakeStats(store: Pick<SendingStore, 'addStats'>): StatsRepository & {
  checkpoints: Map<string, string>;
  numbers: Map<string, { at: string; stamp?: string }>;
  commits: DayCounts[][];
  failCommits: number;
} {
  const checkpoints = new Map<string, string>();
  const numbers = new Map<string, { at: string; stamp?: string }>();
  const commits: DayCounts[][] = [];
  const key = (shop: string, phone: string) => `${shop}\u0000${phone}`;
  const fake = {
    checkpoints,
    numbers,
    commits,
    failCommits: 0,
    async collectedNumberTimes(shop: string) {
      return [...numbers.entries()].filter(([k]) => k.startsWith(`${shop}\u0000`)).map(([, n]) => n.at);
    },
    async streamCheckpoint(shardId: string) {
      return checkpoints.get(shardId);
    },
    async knownNumbers(shop: string, phones: string[]) {
      const known = new Map<string, string | undefined>();
      for (const phone of phones) if (numbers.has(key(shop, phone))) known.set(phone, numbers.get(key(shop, phone))!.stamp);
      return known;
    },
    async rememberNumber(shop: string, phone: string, first: { at: string; source: string; stamp: string }) {
      const old = numbers.get(key(shop, phone));
      if (old) return old.stamp === first.stamp;
      numbers.set(key(shop, phone), { at: first.at, stamp: first.stamp });
      return true;
    },
    async commitCounts(shardId: string, from: string | undefined, to: string, counts: DayCounts[]) {
      if (counts.length > MAX_COUNTS_PER_COMMIT) throw new Error('STATS_COMMIT_TOO_LARGE');
      if (fake.failCommits > 0) {
        fake.failCommits--;
        throw new Error('SIMULATED_CRASH');
      }
      if (checkpoints.get(shardId) !== from) throw new Error(`STATS_CHECKPOINT_MOVED: shard ${shardId}`);
      checkpoints.set(shardId, to);
      commits.push(structuredClone(counts));
      for (const day of counts) await store.addStats(day.shop, day.date, day.counters);
    },
  };
  return fake;
}
