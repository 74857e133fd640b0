// Shoper's App Store / iframe `timestamp`: Unix seconds, or `Y-m-d H:i:s` wall-clock time in Europe/Warsaw read
// DST-correctly (Warsaw: last Sunday of March 02:00 CET -> 03:00 CEST; last Sunday of October 03:00 CEST -> 02:00 CET).
import { checkFreshness, parseShoperTimestamp } from '#domain/shoper-time';

const at = (iso: string) => new Date(iso);
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('parseShoperTimestamp', () => {
  it.each([
    ['Unix seconds as they are', '1435220056', '2030-01-01T00:00:00Z', 1435220056],
    // The captured live install: 10:14:16 on 25 June 2015 in Warsaw is 08:14:16 UTC (CEST, +02:00).
    ['the captured install, summer', '2015-06-25 10:14:16', '2015-06-25T08:20:00Z', seconds('2015-06-25T08:14:16Z')],
    ['winter (CET, +01:00)', '2026-12-04 19:34:20', '2026-12-04T18:34:00Z', seconds('2026-12-04T18:34:20Z')],
    ['the last second before the spring change', '2027-03-28 01:59:59', '2027-03-28T01:00:00Z', seconds('2027-03-28T00:59:59Z')],
    ['the first second after it', '2027-03-28 03:00:00', '2027-03-28T01:00:00Z', seconds('2027-03-28T01:00:00Z')],
    ['an ISO-style T between date and time', '2027-07-01T12:00:00', '2027-07-01T10:00:00Z', seconds('2027-07-01T10:00:00Z')],
  ])('%s', (_name, value, near, expected) => {
    expect(parseShoperTimestamp(value, at(near))).toBe(expected);
  });

  it('takes the occurrence nearer our clock for a time the autumn change repeats', () => {
    // 02:30 on 31 October 2027 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(parseShoperTimestamp('2027-10-31 02:30:00', at('2027-10-31T00:31:00Z'))).toBe(seconds('2027-10-31T00:30:00Z'));
    expect(parseShoperTimestamp('2027-10-31 02:30:00', at('2027-10-31T01:31:00Z'))).toBe(seconds('2027-10-31T01:30:00Z'));
  });

  it.each([
    '2027-03-28 02:30:00',
    '2027-02-30 10:00:00',
    '2027-13-01 10:00:00',
    '2027-01-01 24:00:00',
    'yesterday',
    '',
    '2027-01-01',
    '-5',
  ])('refuses %j (a skipped or impossible time, or neither form)', (value) => {
    expect(parseShoperTimestamp(value, at('2027-03-28T01:00:00Z'))).toBeUndefined();
  });
});

describe('checkFreshness', () => {
  const now = at('2027-07-01T10:00:00Z'); // 12:00 CEST
  it('accepts a fresh event in both forms', () => {
    expect(checkFreshness('2027-07-01 11:59:30', now, 3600)).toEqual({ ok: true, seconds: seconds('2027-07-01T09:59:30Z') });
    expect(checkFreshness(String(seconds('2027-07-01T09:59:30Z')), now, 3600).ok).toBe(true);
  });
  it('refuses a three-day-old event in both forms', () => {
    expect(checkFreshness('2027-06-28 12:00:00', now, 3600)).toEqual({ ok: false, reason: 'too-old' });
    expect(checkFreshness(String(seconds('2027-06-28T10:00:00Z')), now, 3600)).toEqual({ ok: false, reason: 'too-old' });
  });
  it('refuses a summer time read with the winter offset: it would land an hour ahead', () => {
    // 12:00 read as CET would be 11:00 UTC, an hour in the future: more than the clock-skew allowance.
    expect(checkFreshness('2027-07-01 13:00:00', now, 3600)).toEqual({ ok: false, reason: 'from-the-future' });
    expect(checkFreshness('2027-07-01 12:04:00', now, 3600).ok).toBe(true);
  });
  it('names an unreadable value', () => {
    expect(checkFreshness('25.06.2015', now, 3600)).toEqual({ ok: false, reason: 'unreadable' });
  });
});
