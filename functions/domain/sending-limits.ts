// "Send less, spend knowingly": the shop's limits on what goes out (frequency cap, no marketing on Sundays and
// holidays, how long an SMS stays valid, spend limits, the low-balance alert), their defaults, their validation in
// the owner's words, and the pure rules the sender applies. Storage and I/O live in services/send-gate.ts.
import { localDate, localMidnight, shiftDate } from './calendar';
import { isMarketing, type NotificationKind } from './notification-kinds';
import { isSundayOrHoliday } from './polish-holidays';
import { nextSendTime, type QuietHours } from './quiet-hours';

export interface SendingLimits {
  /** At most `count` marketing SMS per number within `windowHours`; a count of 0 sends no marketing SMS at all. */
  frequencyCap: { enabled: boolean; count: number; windowHours: number };
  /** No marketing SMS on Sundays and Polish public holidays: they wait for the next working day. */
  noMarketingOnHolidays: boolean;
  /** How long after its due time an SMS may still go (and SMSAPI may still deliver it), in hours. */
  validityHours: { transactional: number; marketing: number };
  /** Spend limits in the shop's calendar (day, month); null = no limit. */
  spend: {
    dailyParts: number | null;
    monthlyParts: number | null;
    dailyPoints: number | null;
    monthlyPoints: number | null;
    /** Reaching a limit pauses order-status and owner messages too (by default only marketing pauses). */
    includeTransactional: boolean;
  };
  /** Points under which the owner gets one SMS a day (and a banner); null = no alert. */
  lowBalancePoints: number | null;
}

export const DEFAULT_SENDING_LIMITS: SendingLimits = {
  frequencyCap: { enabled: true, count: 1, windowHours: 24 },
  noMarketingOnHolidays: false,
  validityHours: { transactional: 6, marketing: 3 },
  spend: { dailyParts: null, monthlyParts: null, dailyPoints: null, monthlyPoints: null, includeTransactional: false },
  lowBalancePoints: null,
};

/** A partial change of the limits, as PUT /api/settings takes it. */
export interface SendingLimitsPatch {
  frequencyCap?: Partial<SendingLimits['frequencyCap']>;
  noMarketingOnHolidays?: boolean;
  validityHours?: Partial<SendingLimits['validityHours']>;
  spend?: Partial<SendingLimits['spend']>;
  lowBalancePoints?: number | null;
}

export function limitsWithDefaults(saved: SendingLimitsPatch | undefined): SendingLimits {
  const d = DEFAULT_SENDING_LIMITS;
  return {
    frequencyCap: { ...d.frequencyCap, ...saved?.frequencyCap },
    noMarketingOnHolidays: saved?.noMarketingOnHolidays ?? d.noMarketingOnHolidays,
    validityHours: { ...d.validityHours, ...saved?.validityHours },
    spend: { ...d.spend, ...saved?.spend },
    lowBalancePoints: saved?.lowBalancePoints === undefined ? d.lowBalancePoints : saved.lowBalancePoints,
  };
}

export const mergeLimits = (current: SendingLimits, patch: SendingLimitsPatch | undefined): SendingLimits =>
  patch
    ? {
        frequencyCap: { ...current.frequencyCap, ...patch.frequencyCap },
        noMarketingOnHolidays: patch.noMarketingOnHolidays ?? current.noMarketingOnHolidays,
        validityHours: { ...current.validityHours, ...patch.validityHours },
        spend: { ...current.spend, ...patch.spend },
        lowBalancePoints: patch.lowBalancePoints === undefined ? current.lowBalancePoints : patch.lowBalancePoints,
      }
    : current;

/** Marketing (notification-kinds.ts): what the frequency cap, the holiday rule and (by default) the spend limits hold back. */
export { MARKETING_KINDS, isMarketing } from './notification-kinds';

/** SMSAPI takes an expiration_date 15 minutes to 72 hours after the send (its sms.do documentation). */
export const SMSAPI_EXPIRY_MIN_MS = 15 * 60_000;
export const SMSAPI_EXPIRY_MAX_MS = 72 * 3_600_000;

/** Field labels as the Settings tab shows them: every error names the field the owner sees. */
export const LIMIT_LABELS = {
  'limits.frequencyCap.count': 'Limit częstotliwości — liczba SMS marketingowych na numer',
  'limits.frequencyCap.windowHours': 'Limit częstotliwości — w ciągu (godzin)',
  'limits.validityHours.transactional': 'Ważność SMS o zamówieniach (godziny)',
  'limits.validityHours.marketing': 'Ważność SMS marketingowych (godziny)',
  'limits.spend.dailyParts': 'Dzienny limit części SMS',
  'limits.spend.monthlyParts': 'Miesięczny limit części SMS',
  'limits.spend.dailyPoints': 'Dzienny limit punktów SMSAPI',
  'limits.spend.monthlyPoints': 'Miesięczny limit punktów SMSAPI',
  'limits.lowBalancePoints': 'Próg niskiego salda (punkty SMSAPI)',
} as const;
export type LimitField = keyof typeof LIMIT_LABELS;

export interface LimitIssue {
  field: LimitField;
  message: string;
}

const MAX_LIMIT = 1_000_000;

/** The first value the owner must correct, in Polish with the field's label, or undefined when all are fine. */
export function sendingLimitsIssue(limits: SendingLimits): LimitIssue | undefined {
  const whole = (field: LimitField, value: number, min: number, max: number, hint: string): LimitIssue | undefined =>
    Number.isInteger(value) && value >= min && value <= max
      ? undefined
      : { field, message: `${LIMIT_LABELS[field]}: wpisz liczbę całkowitą od ${min} do ${max}${hint}` };
  const amount = (field: LimitField, value: number | null, decimals: boolean): LimitIssue | undefined => {
    if (value === null) return undefined;
    const ok = Number.isFinite(value) && value >= 0 && value <= MAX_LIMIT && (decimals || Number.isInteger(value));
    return ok
      ? undefined
      : {
          field,
          message: `${LIMIT_LABELS[field]}: wpisz ${decimals ? 'liczbę' : 'liczbę całkowitą'} od 0 do ${MAX_LIMIT.toLocaleString('pl-PL')} albo zostaw puste pole (bez limitu)`,
        };
  };
  return (
    whole('limits.frequencyCap.count', limits.frequencyCap.count, 0, 20, ' (0 = żadnych SMS marketingowych)') ??
    whole('limits.frequencyCap.windowHours', limits.frequencyCap.windowHours, 1, 24 * 31, ' (np. 24 = doba)') ??
    whole('limits.validityHours.transactional', limits.validityHours.transactional, 1, 72, ' (SMSAPI przyjmuje najwyżej 72 h)') ??
    whole('limits.validityHours.marketing', limits.validityHours.marketing, 1, 72, ' (SMSAPI przyjmuje najwyżej 72 h)') ??
    amount('limits.spend.dailyParts', limits.spend.dailyParts, false) ??
    amount('limits.spend.monthlyParts', limits.spend.monthlyParts, false) ??
    amount('limits.spend.dailyPoints', limits.spend.dailyPoints, true) ??
    amount('limits.spend.monthlyPoints', limits.spend.monthlyPoints, true) ??
    amount('limits.lowBalancePoints', limits.lowBalancePoints, true)
  );
}

// ---- Validity: SMSAPI's expiration_date and our own check before sending ----

export const validityMs = (kind: NotificationKind, limits: SendingLimits) =>
  (isMarketing(kind) ? limits.validityHours.marketing : limits.validityHours.transactional) * 3_600_000;

/** The moment after which the SMS must not go any more: its due time plus the kind's validity. */
export const validUntil = (kind: NotificationKind, dueAt: Date, limits: SendingLimits) =>
  new Date(dueAt.getTime() + validityMs(kind, limits));

/**
 * SMSAPI's expiration_date for an SMS sent `now` that must not arrive after `deadline`: the deadline itself, kept
 * within what SMSAPI accepts (at least 15 minutes, at most 72 hours after the send).
 */
export function smsapiExpiration(deadline: Date, now: Date): Date {
  const at = Math.min(Math.max(deadline.getTime(), now.getTime() + SMSAPI_EXPIRY_MIN_MS), now.getTime() + SMSAPI_EXPIRY_MAX_MS);
  // SMSAPI takes whole seconds.
  return new Date(Math.floor(at / 1000) * 1000);
}

// ---- No marketing on Sundays and holidays ----

/**
 * When a message of `kind` due at `due` may go under the holiday rule: `due` itself, or the first send-window
 * opening on the next day that is neither a Sunday nor a public holiday. `window` applies when the kind keeps to
 * the shop's sending hours.
 */
export function nextMarketingDay(
  kind: NotificationKind,
  due: Date,
  limits: SendingLimits,
  window: QuietHours & { applies: boolean },
): Date {
  if (!limits.noMarketingOnHolidays || !isMarketing(kind)) return due;
  let at = due;
  // A run of days off is never longer than a few days (Easter, Christmas with a Sunday): two weeks is ample.
  for (let i = 0; i < 14; i++) {
    const date = localDate(at, window.timeZone);
    if (!isSundayOrHoliday(date)) return at;
    const midnight = localMidnight(shiftDate(date, 1), window.timeZone);
    at = window.applies ? nextSendTime(midnight, window) : midnight;
  }
  return at;
}
