// Dates and wall-clock times in a shop's time zone (an IANA name, e.g. Europe/Warsaw): the one place that reads a
// zone through Intl. Local dates key the daily counters and limits; wall-clock arithmetic makes delays, the send
// window and midnights correct across daylight-saving changes (no fixed offsets anywhere).

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;

// One formatter per zone: creating them is the slow part of Intl, and a shop's zone is one of a handful.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (what the settings accept). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in the zone at an instant (epoch milliseconds). */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local calendar date (yyyy-mm-dd) of an instant in the zone. */
export function localDate(at: Date, timeZone: string): string {
  const wall = wallClockAt(at.getTime(), timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The local date `days` days before `date` (yyyy-mm-dd arithmetic, no time zone involved). */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The wall clock read as if it were UTC: the arithmetic base for dates and offsets. */
function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClockAt(instant, timeZone)) - instant;
}

/**
 * Every instant a local wall-clock time happens, earliest first: none for a time the spring change skips, two for
 * a time the autumn change repeats, one otherwise.
 */
export function instantsOf(wall: WallClock, timeZone: string): number[] {
  const local = asUtc(wall);
  // Zone offsets a day either side: the two offsets around any change near this time.
  const offsetBefore = offsetAt(local - DAY_MS, timeZone);
  const offsetAfter = offsetAt(local + DAY_MS, timeZone);
  return [...new Set([local - offsetBefore, local - offsetAfter])]
    .filter((instant) => asUtc(wallClockAt(instant, timeZone)) === local)
    .sort((a, b) => a - b);
}

/**
 * The instant a local wall-clock time happens. A time skipped by the spring change (02:30 on the last
 * Sunday of March in Warsaw) moves forward by the gap; a time that happens twice in autumn takes the first.
 */
export function instantOf(wall: WallClock, timeZone: string): number {
  return instantsOf(wall, timeZone)[0] ?? asUtc(wall) - offsetAt(asUtc(wall) - DAY_MS, timeZone);
}

/** 00:00 of a local calendar date (yyyy-mm-dd) in the zone (where a change skips midnight: the first time after). */
export function localMidnight(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(instantOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone));
}

/** The same local wall-clock time `days` calendar days later (a delay of "3 dni" across a DST change). */
export function addDays(date: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days)) throw new Error(`DAYS_NOT_WHOLE: ${days}`);
  const wall = wallClockAt(date.getTime(), timeZone);
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return new Date(
    instantOf(
      {
        ...wall,
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
      },
      timeZone,
    ),
  );
}
