// The pure rules of "send less, spend knowingly": Polish holidays (computed), the frequency cap's decision, SMS
// validity and SMSAPI's expiration_date, the no-marketing-day shift, and validation messages naming the field.
import { easterSunday, isSundayOrHoliday, polishHoliday, polishHolidays } from '#domain/polish-holidays';
import { capDecision } from '#domain/frequency-cap';
import {
  DEFAULT_SENDING_LIMITS,
  mergeLimits,
  nextMarketingDay,
  sendingLimitsIssue,
  smsapiExpiration,
  validUntil,
  type SendingLimits,
} from '#domain/sending-limits';
import { frequencyCapReason } from '#domain/held-back';
import { dueTime } from '#domain/planning';
import { withDefaults } from '#domain/settings';

const HOUR = 3_600_000;
const WARSAW = { enabled: true, start: '08:00', end: '20:00', timeZone: 'Europe/Warsaw', applies: true };
const limits = (patch: Parameters<typeof mergeLimits>[1]): SendingLimits => mergeLimits(DEFAULT_SENDING_LIMITS, patch);

describe('Polish public holidays', () => {
  it('computes Easter for any year (checked against published dates)', () => {
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('derives the movable feasts from Easter and keeps the fixed ones', () => {
    expect(polishHoliday('2025-04-21')).toBe('Poniedziałek Wielkanocny');
    expect(polishHoliday('2025-06-08')).toBe('Zielone Świątki');
    expect(polishHoliday('2025-06-19')).toBe('Boże Ciało');
    expect(polishHoliday('2026-06-04')).toBe('Boże Ciało');
    expect(polishHoliday('2026-11-11')).toBe('Święto Niepodległości');
    expect(polishHoliday('2026-11-12')).toBeUndefined();
    expect(polishHolidays(2026).size).toBe(14);
  });

  it('counts Christmas Eve from 2025 on only, and every Sunday as a day off', () => {
    expect(polishHoliday('2024-12-24')).toBeUndefined();
    expect(polishHoliday('2025-12-24')).toBe('Wigilia Bożego Narodzenia');
    expect(isSundayOrHoliday('2026-12-06')).toBe(true); // a Sunday
    expect(isSundayOrHoliday('2026-12-07')).toBe(false);
  });
});

describe('the frequency cap', () => {
  const now = Date.parse('2026-05-12T10:00:00Z');
  it('lets the first marketing SMS through and caps the next one within the window', () => {
    expect(capDecision(undefined, 'a', now, 1, 24 * HOUR)).toEqual({ verdict: 'room', expired: [] });
    expect(capDecision({ recent: { a: now - HOUR } }, 'b', now, 1, 24 * HOUR)).toEqual({ verdict: 'capped', inWindow: 1 });
  });
  it('finds a retried job already counted, and forgets sends older than the window', () => {
    expect(capDecision({ recent: { a: now - HOUR } }, 'a', now, 1, 24 * HOUR)).toEqual({ verdict: 'counted' });
    expect(capDecision({ recent: { a: now - 25 * HOUR } }, 'b', now, 1, 24 * HOUR)).toEqual({ verdict: 'room', expired: ['a'] });
    expect(capDecision({ recent: { a: now - HOUR } }, 'b', now, 2, 24 * HOUR).verdict).toBe('room');
  });
  it("caps everything at 0, and says why in the owner's words", () => {
    expect(capDecision(undefined, 'a', now, 0, 24 * HOUR).verdict).toBe('capped');
    expect(frequencyCapReason(1, 24).message).toBe('Limit częstotliwości: klient dostał już SMS marketingowy w ciągu 24 h');
    expect(frequencyCapReason(0, 24).message).toMatch(/limit wynosi 0/);
  });
});

describe('validity', () => {
  it('gives status messages and marketing their own validity after the due time', () => {
    const due = new Date('2026-05-12T10:00:00Z');
    const l = limits({ validityHours: { transactional: 6, marketing: 2 } });
    expect(validUntil('order-status', due, l).toISOString()).toBe('2026-05-12T16:00:00.000Z');
    expect(validUntil('celebration', due, l).toISOString()).toBe('2026-05-12T12:00:00.000Z');
  });
  it('keeps expiration_date within what SMSAPI accepts: 15 minutes to 72 hours after the send', () => {
    const now = new Date('2026-05-12T10:00:00.500Z');
    expect(smsapiExpiration(new Date('2026-05-12T12:00:00Z'), now).toISOString()).toBe('2026-05-12T12:00:00.000Z');
    expect(smsapiExpiration(new Date('2026-05-12T10:05:00Z'), now).toISOString()).toBe('2026-05-12T10:15:00.000Z');
    expect(smsapiExpiration(new Date('2026-05-20T10:00:00Z'), now).toISOString()).toBe('2026-05-15T10:00:00.000Z');
  });
});

describe('no marketing on Sundays and holidays', () => {
  const on = limits({ noMarketingOnHolidays: true });
  it("moves a marketing SMS due on a Sunday to Monday's window opening, across Easter to Tuesday", () => {
    // Sunday 2026-05-10 12:00 Warsaw -> Monday 08:00 Warsaw (06:00 UTC).
    expect(nextMarketingDay('celebration', new Date('2026-05-10T10:00:00Z'), on, WARSAW).toISOString()).toBe('2026-05-11T06:00:00.000Z');
    // Easter Sunday 2026-04-05 -> Tuesday 2026-04-07 (Monday is a holiday too).
    expect(nextMarketingDay('abandoned-cart', new Date('2026-04-05T10:00:00Z'), on, WARSAW).toISOString()).toBe('2026-04-07T06:00:00.000Z');
  });
  it('leaves order messages, working days and shops that did not ask alone', () => {
    const sunday = new Date('2026-05-10T10:00:00Z');
    expect(nextMarketingDay('order-status', sunday, on, WARSAW)).toBe(sunday);
    expect(nextMarketingDay('celebration', sunday, DEFAULT_SENDING_LIMITS, WARSAW)).toBe(sunday);
    const monday = new Date('2026-05-11T10:00:00Z');
    expect(nextMarketingDay('celebration', monday, on, WARSAW)).toBe(monday);
  });
  it('is applied when a marketing message is planned', () => {
    const settings = withDefaults({ limits: on });
    // Saturday 2026-05-09 12:00 Warsaw + 1 day = Sunday -> Monday 08:00.
    const { dueAt } = dueTime('celebration', 1, { now: new Date('2026-05-09T10:00:00Z'), settings });
    expect(dueAt.toISOString()).toBe('2026-05-11T06:00:00.000Z');
  });
});

describe("validation in the owner's words", () => {
  it('names the field by its label and says what to enter', () => {
    expect(sendingLimitsIssue(DEFAULT_SENDING_LIMITS)).toBeUndefined();
    expect(sendingLimitsIssue(limits({ frequencyCap: { count: -1 } }))).toEqual({
      field: 'limits.frequencyCap.count',
      message:
        'Limit częstotliwości — liczba SMS marketingowych na numer: wpisz liczbę całkowitą od 0 do 20 (0 = żadnych SMS marketingowych)',
    });
    expect(sendingLimitsIssue(limits({ validityHours: { transactional: 100 } }))?.message).toMatch(
      /^Ważność SMS o zamówieniach \(godziny\): .*72/,
    );
    expect(sendingLimitsIssue(limits({ spend: { dailyParts: 2.5 } }))?.field).toBe('limits.spend.dailyParts');
    expect(sendingLimitsIssue(limits({ spend: { dailyPoints: 2.5 } }))).toBeUndefined();
    expect(sendingLimitsIssue(limits({ lowBalancePoints: -3 }))?.message).toMatch(/^Próg niskiego salda/);
  });
  it('accepts a cap of 0 (no marketing SMS) and no spend limits (null)', () => {
    expect(sendingLimitsIssue(limits({ frequencyCap: { count: 0 }, spend: { dailyParts: null } }))).toBeUndefined();
  });
});
