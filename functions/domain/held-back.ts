// Why the sender held a message back (frequency cap, spend limit, expired before it could leave, a Sunday or a
// holiday), in both languages: stored on the SKIPPED job (or as its wait reason) and shown in "Historia wiadomości".
import { windowText } from './frequency-cap';

export type HeldBackCode = 'FREQUENCY_CAP' | 'SPEND_LIMIT' | 'EXPIRED';
export type SpendLimitKind = 'dailyParts' | 'monthlyParts' | 'dailyPoints' | 'monthlyPoints';

export interface Reason {
  code: string;
  message: string;
  en: string;
}

export function frequencyCapReason(count: number, windowHours: number): Reason {
  if (count === 0) {
    return {
      code: 'FREQUENCY_CAP',
      message: 'Limit częstotliwości: limit wynosi 0 — sklep nie wysyła SMS marketingowych (Ustawienia → Limity)',
      en: 'Frequency cap: the cap is 0, the shop sends no marketing SMS (Settings → Limits)',
    };
  }
  const pl = windowText(windowHours, 'pl');
  const en = windowText(windowHours, 'en');
  return count === 1
    ? {
        code: 'FREQUENCY_CAP',
        message: `Limit częstotliwości: klient dostał już SMS marketingowy w ciągu ${pl}`,
        en: `Frequency cap: the customer already got a marketing SMS within ${en}`,
      }
    : {
        code: 'FREQUENCY_CAP',
        message: `Limit częstotliwości: klient dostał już ${count} SMS marketingowe w ciągu ${pl}`,
        en: `Frequency cap: the customer already got ${count} marketing SMS within ${en}`,
      };
}

export const SPEND_LIMIT_NAMES: Record<SpendLimitKind, { pl: string; en: string; unit: 'parts' | 'points'; period: 'day' | 'month' }> = {
  dailyParts: { pl: 'dzienny limit części SMS', en: 'daily limit of SMS parts', unit: 'parts', period: 'day' },
  monthlyParts: { pl: 'miesięczny limit części SMS', en: 'monthly limit of SMS parts', unit: 'parts', period: 'month' },
  dailyPoints: { pl: 'dzienny limit punktów SMSAPI', en: 'daily limit of SMSAPI points', unit: 'points', period: 'day' },
  monthlyPoints: { pl: 'miesięczny limit punktów SMSAPI', en: 'monthly limit of SMSAPI points', unit: 'points', period: 'month' },
};

export function spendLimitReason(limit: SpendLimitKind, value: number): Reason {
  const name = SPEND_LIMIT_NAMES[limit];
  const next =
    name.period === 'day' ? { pl: 'jutro', en: 'tomorrow' } : { pl: 'od początku następnego miesiąca', en: 'from the start of next month' };
  return {
    code: 'SPEND_LIMIT',
    message: `Wstrzymana: osiągnięto ${name.pl} (${value}). Wysyłka wznowi się ${next.pl}; limit zmienisz w Ustawieniach`,
    en: `Held back: the ${name.en} (${value}) was reached. Sending resumes ${next.en}; change the limit in Settings`,
  };
}

export function expiredReason(validityHours: number, deadline: Date, timeZone: string): Reason {
  const when = deadline.toLocaleString('pl-PL', { timeZone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  return {
    code: 'EXPIRED',
    message: `Wygasła: nie wyszła w ciągu ${validityHours} h od planowanej godziny (do ${when}), więc nie została wysłana, by nie dotrzeć za późno`,
    en: `Expired: it could not leave within ${validityHours} h of its planned time (by ${when}), so it was not sent rather than arrive late`,
  };
}

export function holidayWaitReason(until: Date, timeZone: string): { code: string; message: string } {
  const when = until.toLocaleString('pl-PL', {
    timeZone,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    code: 'NO_MARKETING_DAY',
    message: `Niedziela lub święto: SMS marketingowy poczeka do ${when} (Ustawienia → Limity)`,
  };
}
