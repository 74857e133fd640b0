// Shoper's REST rate limit: a leaky bucket per shop. It runs on real time, not the simulated clock:
// fast-forwarding days must not make a burst of real requests look slow.
import type { RateLimit } from './types';

export type BucketVerdict =
  | { allowed: true; calls: number; limit: number; bandwidth: number }
  | { allowed: false; calls: number; limit: number; bandwidth: number; retryAfterSeconds: number };

export class LeakyBuckets {
  private readonly levels = new Map<string, { level: number; at: number }>();

  constructor(
    private limit: RateLimit | false,
    private readonly realNow: () => number = () => performance.now(),
  ) {}

  setLimit(limit: RateLimit | false): void {
    this.limit = limit;
    this.levels.clear();
  }

  current(): RateLimit | false {
    return this.limit;
  }

  private drained(key: string, limit: RateLimit): number {
    const entry = this.levels.get(key);
    if (!entry) return 0;
    const elapsedSeconds = (this.realNow() - entry.at) / 1000;
    return Math.max(0, entry.level - elapsedSeconds * limit.leakPerSecond);
  }

  /** Level without taking a call, for headers on answers that do not count (401, token endpoint). */
  peek(key: string): BucketVerdict | undefined {
    if (!this.limit) return undefined;
    const level = this.drained(key, this.limit);
    return { allowed: true, calls: Math.ceil(level), limit: this.limit.capacity, bandwidth: this.limit.leakPerSecond };
  }

  take(key: string): BucketVerdict | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    const level = this.drained(key, limit);
    if (level + 1 > limit.capacity) {
      this.levels.set(key, { level, at: this.realNow() });
      const retryAfterSeconds = Math.max(1, Math.ceil((level + 1 - limit.capacity) / limit.leakPerSecond));
      return { allowed: false, calls: Math.ceil(level), limit: limit.capacity, bandwidth: limit.leakPerSecond, retryAfterSeconds };
    }
    this.levels.set(key, { level: level + 1, at: this.realNow() });
    return { allowed: true, calls: Math.ceil(level + 1), limit: limit.capacity, bandwidth: limit.leakPerSecond };
  }
}
