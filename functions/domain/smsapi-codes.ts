// What SMSAPI's answers mean for us: which error codes are worth a retry, how to explain each one to the
// merchant (Polish first, English second), and what a delivery report's status code says.

export type SmsapiOutcome = 'retry' | 'permanent' | 'already-accepted';

// Our classification (PROTOCOLS.md): transient server-side trouble and rate limits are retried; 52 (too
// many messages to one number within 60 s) clears after a minute; 53 means the idx was already accepted.
const RETRYABLE: ReadonlySet<number> = new Set([8, 52, 200, 201, 202, 203, 999]);
const ALREADY_ACCEPTED = 53;

/** Problems with the SMSAPI account itself: nothing will be sent until the merchant fixes them. */
export const ACCOUNT_BLOCKING_CODES: readonly number[] = [101, 102, 103, 105, 110];

export function classifySmsapiError(code: number): SmsapiOutcome {
  if (code === ALREADY_ACCEPTED) return 'already-accepted';
  return RETRYABLE.has(code) ? 'retry' : 'permanent';
}

export function isAccountBlocking(code: number): boolean {
  return ACCOUNT_BLOCKING_CODES.includes(code);
}

const ERROR_MESSAGES: Readonly<Record<number, { pl: string; en: string }>> = {
  8: { pl: 'Błąd w odwołaniu do SMSAPI', en: 'Malformed request to SMSAPI' },
  11: {
    pl: 'Wiadomość jest pusta lub zbyt długa',
    en: 'The message is empty or too long',
  },
  12: {
    pl: 'Wiadomość składa się z większej liczby części niż dozwolona',
    en: 'The message has more parts than allowed',
  },
  13: {
    pl: 'Brak prawidłowych numerów telefonów (numer błędny, stacjonarny (w przypadku wysyłki SMS) lub znajdujący się na czarnej liście)',
    en: 'No valid phone numbers (the number is invalid, a landline (for SMS) or blacklisted)',
  },
  14: {
    pl: 'Nieprawidłowe pole nadawcy (nazwa nieaktywna lub niezweryfikowana)',
    en: 'Invalid sender name (not active or not verified)',
  },
  19: {
    pl: 'Zbyt wiele wiadomości w jednym odwołaniu',
    en: 'Too many messages in one request',
  },
  20: {
    pl: 'Liczba parametrów idx nie zgadza się z liczbą odbiorców',
    en: 'The number of idx values does not match the number of recipients',
  },
  50: {
    pl: 'Nie można zaplanować wysyłki na więcej niż 3 miesiące w przyszłość',
    en: 'A message cannot be scheduled more than 3 months ahead',
  },
  52: {
    pl: 'Zbyt wiele wiadomości na jeden numer w ciągu 60 sekund',
    en: 'Too many messages to one number within 60 seconds',
  },
  53: {
    pl: 'Wiadomość o tym identyfikatorze (idx) została już przyjęta',
    en: 'A message with this idx has already been accepted',
  },
  54: {
    pl: 'Nieprawidłowa data wysyłki',
    en: 'Invalid send date',
  },
  57: {
    pl: 'Numer znajduje się na czarnej liście',
    en: 'The number is blacklisted',
  },
  101: {
    pl: 'Niepoprawne lub wygasłe dane autoryzacyjne (token)',
    en: 'Invalid or expired authorisation data (token)',
  },
  102: {
    pl: 'Nieprawidłowy login lub hasło',
    en: 'Invalid login or password',
  },
  103: {
    pl: 'Brak wystarczającej liczby punktów na koncie SMSAPI',
    en: 'Not enough points on the SMSAPI account',
  },
  105: {
    pl: 'Adres IP nie jest dozwolony na koncie SMSAPI',
    en: 'The IP address is not allowed on the SMSAPI account',
  },
  110: {
    pl: 'Usługa nie jest dostępna na koncie SMSAPI',
    en: 'The service is not available on the SMSAPI account',
  },
  200: {
    pl: 'Nieudana próba wysłania wiadomości',
    en: 'Unsuccessful submission',
  },
  201: {
    pl: 'Wewnętrzny błąd systemu SMSAPI',
    en: 'SMSAPI internal error',
  },
  202: {
    pl: 'Zbyt wiele jednoczesnych odwołań do SMSAPI',
    en: 'Too many simultaneous requests to SMSAPI',
  },
  203: {
    pl: 'Zbyt wiele odwołań do SMSAPI, spróbuj ponownie później',
    en: 'Too many requests to SMSAPI, try again later',
  },
  999: {
    pl: 'Wewnętrzny błąd systemu SMSAPI',
    en: 'SMSAPI internal error',
  },
};

/** Codes we can explain (the rest get a generic text naming the code). */
export const KNOWN_SMSAPI_ERROR_CODES: readonly number[] = Object.keys(ERROR_MESSAGES).map(Number);

export function smsapiErrorMessage(code: number, locale: 'pl' | 'en' = 'pl'): string {
  const known = ERROR_MESSAGES[code];
  if (known !== undefined) return known[locale];
  return locale === 'pl' ? `Nieznany błąd SMSAPI (kod ${code})` : `Unknown SMSAPI error (code ${code})`;
}

export type ReportStatus = 'DELIVERED' | 'UNDELIVERED' | 'SENT' | 'PENDING';

// Delivery report status codes sent to notify_url.
const REPORT_STATUSES: Readonly<Record<number, { name: string; outcome: ReportStatus }>> = {
  401: { name: 'NOT_FOUND', outcome: 'UNDELIVERED' },
  402: { name: 'EXPIRED', outcome: 'UNDELIVERED' },
  403: { name: 'SENT', outcome: 'SENT' },
  404: { name: 'DELIVERED', outcome: 'DELIVERED' },
  405: { name: 'UNDELIVERED', outcome: 'UNDELIVERED' },
  406: { name: 'FAILED', outcome: 'UNDELIVERED' },
  407: { name: 'REJECTED', outcome: 'UNDELIVERED' },
  408: { name: 'UNKNOWN', outcome: 'PENDING' },
  409: { name: 'QUEUE', outcome: 'PENDING' },
  410: { name: 'ACCEPTED', outcome: 'PENDING' },
};

/** A code we do not know keeps the message pending: a later report may still settle it. */
export function reportStatus(code: number): { name: string; outcome: ReportStatus } {
  return REPORT_STATUSES[code] ?? { name: `STATUS_${code}`, outcome: 'PENDING' };
}
