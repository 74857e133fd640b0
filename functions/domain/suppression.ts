// Messages that were planned and are not sent (no consent, no usable number, no owner phone): each becomes a
// SKIPPED job with a reason code, so "Historia wiadomości" shows the owner what did not go out, and why.
// Pure: planners call `suppressed(...)`; services/dispatch.ts `recordSuppressed` stores what it returns.
import type { Job, NotificationKind } from './model';
import type { PhoneErrorCode, PhoneResult } from './phone';

/** Why a planned message is not sent, in the owner's words (and what to do about it where the owner can). */
export const SUPPRESSION_REASONS = {
  NO_CONSENT: {
    pl: 'Klient nie wyraził zgody na wiadomości marketingowe (Ustawienia → Zgody)',
    en: 'The customer has not agreed to marketing messages (Settings → Consent)',
  },
  NO_PHONE: {
    pl: 'Klient nie podał numeru telefonu',
    en: 'The customer gave no phone number',
  },
  PHONE_INVALID: {
    pl: 'Nieprawidłowy numer telefonu klienta',
    en: "The customer's phone number is invalid",
  },
  PHONE_NOT_MOBILE: {
    pl: 'Numer nie jest komórkowy (np. stacjonarny), SMS by nie dotarł',
    en: 'Not a mobile number (e.g. a landline), the SMS would not arrive',
  },
  PHONE_COUNTRY_NOT_ALLOWED: {
    pl: 'Numer z kraju spoza listy „Kraje numerów klientów” (Ustawienia)',
    en: 'A number from a country not on the "Customers\' number countries" list (Settings)',
  },
  NO_STAFF_PHONES: {
    pl: 'Brak numerów zespołu — wpisz je w zakładce „Powiadomienia dla zespołu”',
    en: 'No team numbers; enter them on the "Team alerts" tab',
  },
  OPTED_OUT: {
    pl: 'Pominięta: klient zrezygnował z SMS-ów marketingowych (link rezygnacji w SMS)',
    en: 'Skipped: the customer opted out of marketing SMS (the opt-out link in an SMS)',
  },
  NO_OWNER_PHONE: {
    pl: 'Brak numeru telefonu właściciela — wpisz go w zakładce „Nowe zamówienia”',
    en: 'No owner phone number; enter it on the "New orders" tab',
  },
} as const satisfies Record<string, { pl: string; en: string }>;

export type SuppressionReason = keyof typeof SUPPRESSION_REASONS;

export const SUPPRESSION_REASON_CODES = Object.keys(SUPPRESSION_REASONS) as SuppressionReason[];

/** A message that would have been sent: what the history shows for it. */
export interface Suppression {
  reason: SuppressionReason;
  /** The planned job's key: a duplicate event records the same skipped job once. */
  key: string;
  kind: NotificationKind;
  /** The number as the customer gave it (or the E.164 one), when there was one. */
  phone?: string;
  /** The text the customer would have got. */
  text?: string;
  source: Job['source'];
}

/** The reason for a phone that cannot take an SMS. */
export const phoneSuppression = (code: PhoneErrorCode): SuppressionReason => code;

/** The reason for a customer's phone lookup: undefined when the number is usable. */
export function phoneProblem(phone: PhoneResult | undefined): SuppressionReason | undefined {
  if (!phone) return 'NO_PHONE';
  return phone.ok ? undefined : phoneSuppression(phone.code);
}

/** One planned message not sent: call it where a planner gives up on a message it would otherwise send. */
export function suppressed(reason: SuppressionReason, message: Omit<Suppression, 'reason'>): Suppression {
  return { reason, ...message };
}

/** The SKIPPED job of a suppression: kept in the history, never sent (the sender takes QUEUED/SCHEDULED only). */
export function skippedJob(shop: string, jobId: string, suppression: Suppression, now: Date): Job {
  const at = now.toISOString();
  return {
    shop,
    jobId,
    kind: suppression.kind,
    phone: suppression.phone ?? '',
    text: suppression.text ?? '',
    dueAt: at,
    state: 'SKIPPED',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    source: suppression.source,
    skipReason: { code: suppression.reason, message: SUPPRESSION_REASONS[suppression.reason].pl },
  };
}
