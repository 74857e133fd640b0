// The `timestamp` Shoper puts on App Store lifecycle events and admin iframe parameters. A captured live install
// sends `Y-m-d H:i:s` wall-clock time in Europe/Warsaw (`2015-06-25 10:14:16`) and Shoper's own library parses it
// so; newer code accepts Unix seconds too. Both are read here, DST-correct, through Intl (no fixed offsets).
import { instantsOf } from './calendar';

/** The zone Shoper writes its App Store dates in. */
export const SHOPER_TIME_ZONE = 'Europe/Warsaw';

const UNIX_SECONDS = /^\d{1,12}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** What the request schemas accept as a timestamp (the value is then read by parseShoperTimestamp). */
export const SHOPER_TIMESTAMP_PATTERN = /^(\d{1,12}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})$/;

/**
 * Unix seconds of a Shoper timestamp, or undefined when it is neither form or names no real time (a time the spring
 * change skips, 31 February). A time the autumn change repeats happens twice: the one nearer `near` is taken, so a
 * fresh event is never mistaken for one an hour older.
 */
export function parseShoperTimestamp(value: string, near: Date): number | undefined {
  const text = value.trim();
  if (UNIX_SECONDS.test(text)) return Number(text);
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) return undefined;
  const instants = instantsOf({ year, month, day, hour, minute, second, millisecond: 0 }, SHOPER_TIME_ZONE);
  if (instants.length === 0) return undefined;
  const nearest = instants.reduce((best, t) => (Math.abs(t - near.getTime()) < Math.abs(best - near.getTime()) ? t : best));
  return Math.floor(nearest / 1000);
}

export type FreshnessVerdict = { ok: true; seconds: number } | { ok: false; reason: 'unreadable' | 'too-old' | 'from-the-future' };

/**
 * A signed timestamp is fresh when it is at most `maxAgeSeconds` old and at most `maxAheadSeconds` ahead of our clock
 * (clock skew). The future allowance is small on purpose: a Warsaw time read with the wrong offset lands an hour
 * ahead and is refused rather than silently accepted.
 */
export function checkFreshness(value: string, now: Date, maxAgeSeconds: number, maxAheadSeconds = 300): FreshnessVerdict {
  const seconds = parseShoperTimestamp(value, now);
  if (seconds === undefined) return { ok: false, reason: 'unreadable' };
  const age = now.getTime() / 1000 - seconds;
  if (age > maxAgeSeconds) return { ok: false, reason: 'too-old' };
  if (-age > maxAheadSeconds) return { ok: false, reason: 'from-the-future' };
  return { ok: true, seconds };
}
