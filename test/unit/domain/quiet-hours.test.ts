// The send window and day delays in the shop's zone, including the nights the clocks change
// (Warsaw: last Sunday of March 02:00 CET -> 03:00 CEST, last Sunday of October 03:00 CEST -> 02:00 CET).
import { addDays } from '#domain/calendar';
import { DEFAULT_QUIET_HOURS, nextSendTime, quietHoursIssue, type QuietHours } from '#domain/quiet-hours';

const warsaw = DEFAULT_QUIET_HOURS;
const at = (iso: string): Date => new Date(iso);

describe('DEFAULT_QUIET_HOURS', () => {
  it('sends between 08:00 and 20:00 Warsaw time', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ enabled: true, start: '08:00', end: '20:00', timeZone: 'Europe/Warsaw' });
  });
});

describe('nextSendTime', () => {
  it.each([
    // [description, due (UTC), expected (UTC)]
    ['23:00 in winter waits for 08:00 the next day', '2025-01-15T22:00:00.000Z', '2025-01-16T07:00:00.000Z'],
    ['07:00 waits for 08:00 the same day', '2025-01-15T06:00:00.000Z', '2025-01-15T07:00:00.000Z'],
    ['07:59:59 waits for 08:00:00', '2025-01-15T06:59:59.000Z', '2025-01-15T07:00:00.000Z'],
    ['midnight waits for 08:00 the same day', '2025-01-14T23:00:00.000Z', '2025-01-15T07:00:00.000Z'],
    ['08:00 sharp goes at once', '2025-01-15T07:00:00.000Z', '2025-01-15T07:00:00.000Z'],
    ['12:00 goes at once', '2025-01-15T11:00:00.000Z', '2025-01-15T11:00:00.000Z'],
    ['19:59:59.999 goes at once', '2025-01-15T18:59:59.999Z', '2025-01-15T18:59:59.999Z'],
    ['20:00 sharp waits for the next morning', '2025-01-15T19:00:00.000Z', '2025-01-16T07:00:00.000Z'],
    ['23:00 in summer waits for 08:00 CEST', '2025-07-10T21:00:00.000Z', '2025-07-11T06:00:00.000Z'],
    ['the last evening of the year waits for New Year morning', '2025-12-31T21:30:00.000Z', '2026-01-01T07:00:00.000Z'],
    // Night of 29/30 March 2025: the night is an hour shorter.
    ['22:00 CET before the spring change waits for 08:00 CEST', '2025-03-29T21:00:00.000Z', '2025-03-30T06:00:00.000Z'],
    ['01:30 CET in the spring-change night', '2025-03-30T00:30:00.000Z', '2025-03-30T06:00:00.000Z'],
    ['03:30 CEST right after the spring change', '2025-03-30T01:30:00.000Z', '2025-03-30T06:00:00.000Z'],
    // Night of 25/26 October 2025: the night is an hour longer and 02:00-03:00 happens twice.
    ['23:00 CEST before the autumn change waits for 08:00 CET', '2025-10-25T21:00:00.000Z', '2025-10-26T07:00:00.000Z'],
    ['02:30 CEST (first time)', '2025-10-26T00:30:00.000Z', '2025-10-26T07:00:00.000Z'],
    ['02:30 CET (second time)', '2025-10-26T01:30:00.000Z', '2025-10-26T07:00:00.000Z'],
    ['20:30 CET on the day of the autumn change', '2025-10-26T19:30:00.000Z', '2025-10-27T07:00:00.000Z'],
  ])('%s', (_description, due, expected) => {
    expect(nextSendTime(at(due), warsaw).toISOString()).toBe(expected);
  });

  it('returns the due time unchanged when quiet hours are off', () => {
    const due = at('2025-01-15T22:00:00.000Z');
    expect(nextSendTime(due, { ...warsaw, enabled: false })).toBe(due);
  });

  it('works in another zone with its own DST date (New York, 9 March 2025)', () => {
    const newYork: QuietHours = { enabled: true, start: '09:00', end: '17:30', timeZone: 'America/New_York' };
    // Saturday 8 March 18:00 EST -> Sunday 9 March 09:00 EDT (13:00Z).
    expect(nextSendTime(at('2025-03-08T23:00:00.000Z'), newYork).toISOString()).toBe('2025-03-09T13:00:00.000Z');
    // 17:29 EDT still inside; 17:30 outside.
    expect(nextSendTime(at('2025-03-10T21:29:00.000Z'), newYork).toISOString()).toBe('2025-03-10T21:29:00.000Z');
    expect(nextSendTime(at('2025-03-10T21:30:00.000Z'), newYork).toISOString()).toBe('2025-03-11T13:00:00.000Z');
  });

  it('opens at the first existing minute when the opening time is skipped by the spring change', () => {
    const early: QuietHours = { ...warsaw, start: '02:30' };
    // 01:00 CET on 30 March: 02:30 does not exist that night, 03:30 CEST (01:30Z) is the same instant.
    expect(nextSendTime(at('2025-03-30T00:00:00.000Z'), early).toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('accepts a window that lasts until midnight', () => {
    const late: QuietHours = { ...warsaw, end: '24:00' };
    expect(nextSendTime(at('2025-01-15T22:59:00.000Z'), late).toISOString()).toBe('2025-01-15T22:59:00.000Z');
  });

  it('refuses a window it cannot use, naming the problem', () => {
    expect(() => nextSendTime(at('2025-01-15T12:00:00.000Z'), { ...warsaw, start: '20:00', end: '08:00' })).toThrow(
      'QUIET_HOURS_START_NOT_BEFORE_END',
    );
    expect(() => nextSendTime(at('2025-01-15T12:00:00.000Z'), { ...warsaw, timeZone: 'Mars/Olympus' })).toThrow(
      'QUIET_HOURS_BAD_TIME_ZONE',
    );
  });
});

describe('quietHoursIssue', () => {
  it.each<[Partial<QuietHours>, string | undefined]>([
    [{}, undefined],
    [{ start: '00:00', end: '23:59' }, undefined],
    [{ end: '24:00' }, undefined],
    [{ start: '8:00' }, 'QUIET_HOURS_BAD_TIME'],
    [{ start: '24:00' }, 'QUIET_HOURS_BAD_TIME'],
    [{ end: '20:60' }, 'QUIET_HOURS_BAD_TIME'],
    [{ end: '25:00' }, 'QUIET_HOURS_BAD_TIME'],
    [{ start: '08:00', end: '08:00' }, 'QUIET_HOURS_START_NOT_BEFORE_END'],
    [{ start: '22:00', end: '06:00' }, 'QUIET_HOURS_START_NOT_BEFORE_END'],
    [{ timeZone: 'Europe/Warszawa' }, 'QUIET_HOURS_BAD_TIME_ZONE'],
  ])('%j -> %s', (change, code) => {
    expect(quietHoursIssue({ ...warsaw, ...change })?.code).toBe(code);
  });
});

describe('addDays', () => {
  it.each([
    ['keeps 10:00 across the spring change', '2025-03-29T09:00:00.000Z', 1, '2025-03-30T08:00:00.000Z'],
    ['keeps 10:00 across the autumn change', '2025-10-25T08:00:00.000Z', 1, '2025-10-26T09:00:00.000Z'],
    ['keeps 10:00 a week across the spring change', '2025-03-25T09:00:00.000Z', 7, '2025-04-01T08:00:00.000Z'],
    ['goes back across the autumn change', '2025-10-27T09:00:00.000Z', -2, '2025-10-25T08:00:00.000Z'],
    ['changes nothing for zero days', '2025-05-05T05:05:05.005Z', 0, '2025-05-05T05:05:05.005Z'],
    ['rolls into the next year', '2024-12-31T11:00:00.000Z', 1, '2025-01-01T11:00:00.000Z'],
    ['lands on a leap day', '2024-02-28T11:00:00.000Z', 1, '2024-02-29T11:00:00.000Z'],
    ['keeps seconds and milliseconds', '2025-01-15T11:22:33.444Z', 3, '2025-01-18T11:22:33.444Z'],
    ['uses the local date, not the UTC one (00:30 Warsaw)', '2025-01-14T23:30:00.000Z', 1, '2025-01-15T23:30:00.000Z'],
    ['moves a time skipped by the spring change forward by the gap', '2025-03-29T01:30:00.000Z', 1, '2025-03-30T01:30:00.000Z'],
    ['takes the first of a time that happens twice in autumn', '2025-10-25T00:30:00.000Z', 1, '2025-10-26T00:30:00.000Z'],
  ])('%s', (_description, from, days, expected) => {
    expect(addDays(at(from), days, 'Europe/Warsaw').toISOString()).toBe(expected);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays(at('2025-01-15T11:00:00.000Z'), 1.5, 'Europe/Warsaw')).toThrow('DAYS_NOT_WHOLE');
  });
});
