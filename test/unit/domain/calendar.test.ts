// Dates in a shop's time zone: the local day a counter or limit belongs to, and the midnight a paused limit or the
// storefront cap's next day starts at, right on the nights the clocks change.
import { isTimeZone, localDate, localMidnight, shiftDate } from '#domain/calendar';

describe('localDate', () => {
  it.each([
    ['late evening UTC is already the next day in Warsaw (winter, +1)', '2026-01-14T23:30:00Z', '2026-01-15'],
    ['late evening UTC is already the next day in Warsaw (summer, +2)', '2026-07-14T22:30:00Z', '2026-07-15'],
    ['21:59 UTC in summer is still the same day', '2026-07-14T21:59:59Z', '2026-07-14'],
  ])('%s', (_, iso, expected) => {
    expect(localDate(new Date(iso), 'Europe/Warsaw')).toBe(expected);
  });

  it('reads the date in the zone given, not the server’s', () => {
    expect(localDate(new Date('2026-01-15T03:00:00Z'), 'America/New_York')).toBe('2026-01-14');
  });
});

describe('localMidnight', () => {
  it.each([
    ['a winter day starts at 23:00 UTC the day before', '2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['a summer day starts at 22:00 UTC the day before', '2026-07-15', '2026-07-14T22:00:00.000Z'],
    ['the day the clocks go forward starts in winter time', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['the day after it starts in summer time', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['the day the clocks go back starts in summer time', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['the day after it starts in winter time', '2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s (Warsaw)', (_, date, expected) => {
    expect(localMidnight(date, 'Europe/Warsaw').toISOString()).toBe(expected);
  });

  it('takes the first time after a midnight the spring change skips (Santiago: 00:00 → 01:00)', () => {
    expect(localMidnight('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('is the instant whose local date is the date asked for', () => {
    for (const date of ['2026-03-29', '2026-10-25', '2026-12-31']) {
      const midnight = localMidnight(date, 'Europe/Warsaw');
      expect(localDate(midnight, 'Europe/Warsaw')).toBe(date);
      expect(localDate(new Date(midnight.getTime() - 1), 'Europe/Warsaw')).toBe(shiftDate(date, -1));
    }
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and refuses anything else', () => {
    expect(isTimeZone('Europe/Warsaw')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Warszawa')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
