// The send window ("wysyłaj tylko między 8:00 a 20:00"): when a message due now may actually go out, and
// calendar-day delays, both in the shop's time zone and correct across daylight-saving changes.

export interface QuietHours {
  enabled: boolean;
  /** 'HH:MM', local time the window opens (inclusive). */
  start: string;
  /** 'HH:MM' (or '24:00'), local time the window closes (exclusive). */
  end: string;
  /** IANA zone, e.g. 'Europe/Warsaw'. */
  timeZone: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = {
  enabled: true,
  start: '08:00',
  end: '20:00',
  timeZone: 'Europe/Warsaw',
};

export type QuietHoursIssue =
  | { code: 'QUIET_HOURS_BAD_TIME'; field: 'start' | 'end'; value: string }
  | { code: 'QUIET_HOURS_START_NOT_BEFORE_END'; start: string; end: string }
  | { code: 'QUIET_HOURS_BAD_TIME_ZONE'; timeZone: string };

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
const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight, or undefined when the text is not a valid 'HH:MM' ('24:00' allowed). */
function minutesOfDay(text: string): number | undefined {
  const match = TIME.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

// One formatter per zone: creating them is the slow part of Intl.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Why a window cannot be used, or undefined when it is fine. Only windows within one day are supported. */
export function quietHoursIssue(window: QuietHours): QuietHoursIssue | undefined {
  const start = minutesOfDay(window.start);
  if (start === undefined || start === 24 * 60) return { code: 'QUIET_HOURS_BAD_TIME', field: 'start', value: window.start };
  const end = minutesOfDay(window.end);
  if (end === undefined) return { code: 'QUIET_HOURS_BAD_TIME', field: 'end', value: window.end };
  if (start >= end) return { code: 'QUIET_HOURS_START_NOT_BEFORE_END', start: window.start, end: window.end };
  if (!isTimeZone(window.timeZone)) return { code: 'QUIET_HOURS_BAD_TIME_ZONE', timeZone: window.timeZone };
  return undefined;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0, month: fields.month ?? 1, day: fields.day ?? 1, hour: fields.hour ?? 0,
    minute: fields.minute ?? 0, second: fields.second ?? 0, millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The wall clock read as if it were UTC: the arithmetic base for dates and offsets. */
function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClockAt(instant, timeZone)) - instant;
}

/**
 * The instant a local wall-clock time happens. A time skipped by the spring change (02:30 on the last
 * Sunday of March in Warsaw) moves forward by the gap; a time that happens twice in autumn takes the first.
 */
function instantOf(wall: WallClock, timeZone: string): number {
  return instantsOf(wall, timeZone)[0] ?? asUtc(wall) - offsetAt(asUtc(wall) - DAY_MS, timeZone);
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

function assertUsable(window: QuietHours): void {
  const issue = quietHoursIssue(window);
  if (issue !== undefined) throw new Error(`${issue.code}: ${JSON.stringify(issue)}`);
}

/** `due` itself when it falls inside [start, end) local time (or the window is off); else the next opening. */
export function nextSendTime(due: Date, window: QuietHours): Date {
  if (!window.enabled) return due;
  assertUsable(window);
  const start = minutesOfDay(window.start) ?? 0;
  const end = minutesOfDay(window.end) ?? 24 * 60;
  const wall = wallClockAt(due.getTime(), window.timeZone);
  const now = wall.hour * 60 + wall.minute;
  if (now >= start && now < end) return due;

  const opening = (dayOffset: number): Date => {
    const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + dayOffset));
    return new Date(instantOf({
      year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(),
      hour: Math.floor(start / 60), minute: start % 60, second: 0, millisecond: 0,
    }, window.timeZone));
  };
  const today = opening(0);
  return today.getTime() > due.getTime() ? today : opening(1);
}

/** The same local wall-clock time `days` calendar days later (a delay of "3 dni" across a DST change). */
export function addDays(date: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days)) throw new Error(`DAYS_NOT_WHOLE: ${days}`);
  const wall = wallClockAt(date.getTime(), timeZone);
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return new Date(instantOf({
    ...wall, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(),
  }, timeZone));
}
