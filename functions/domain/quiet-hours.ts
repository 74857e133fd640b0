// The send window ("wysyłaj tylko między 8:00 a 20:00"): when a message due now may actually go out, and
// both in the shop's time zone and correct across daylight-saving changes (the zone arithmetic is in calendar.ts).
import { instantOf, isTimeZone, wallClockAt } from './calendar';

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
    return new Date(
      instantOf(
        {
          year: day.getUTCFullYear(),
          month: day.getUTCMonth() + 1,
          day: day.getUTCDate(),
          hour: Math.floor(start / 60),
          minute: start % 60,
          second: 0,
          millisecond: 0,
        },
        window.timeZone,
      ),
    );
  };
  const today = opening(0);
  return today.getTime() > due.getTime() ? today : opening(1);
}
