// What SMSAPI's answers mean for us: which error codes are worth a retry, how to explain each one to the
// merchant (Polish first, English second), and what a delivery report's status code says.

export type SmsapiOutcome = 'retry' | 'permanent' | 'already-accepted';

/**
 * What an SMSAPI error code means for us: `retry` (transient, try the same request again later), `permanent` (this
 * message will never go out as it is), `account` (nothing like it will go out until the merchant fixes the SMSAPI
 * account or its token; shown loudly above the error log). Our classification of SMSAPI's public error list.
 */
export type SmsapiErrorClass = 'retry' | 'permanent' | 'account';

interface CodeInfo {
  class: SmsapiErrorClass;
  pl: string;
  en: string;
}

const ALREADY_ACCEPTED = 53;

// SMSAPI's public error list (sms.do and the account endpoints we call), copied from SMSAPI's documentation by
// integrators (PROTOCOLS.md, Corrections); 72 is from an older list, 401 means a token without the permission for
// the action, which is not the same as an invalid token (101). Every text says what the merchant can do.
const CODES: Readonly<Record<number, CodeInfo>> = {
  7: {
    class: 'account',
    pl: 'Skracanie linków jest wyłączone na koncie SMSAPI — włącz je w panelu SMSAPI lub usuń link z treści',
    en: 'Short links are disabled on the SMSAPI account',
  },
  8: { class: 'retry', pl: 'Błąd w odwołaniu do SMSAPI', en: 'Malformed request to SMSAPI' },
  11: { class: 'permanent', pl: 'Wiadomość jest pusta lub zbyt długa', en: 'The message is empty or too long' },
  12: {
    class: 'permanent',
    pl: 'Wiadomość składa się z większej liczby części niż dozwolona',
    en: 'The message has more parts than allowed',
  },
  13: {
    class: 'permanent',
    pl: 'Brak prawidłowych numerów telefonów (numer błędny, stacjonarny (w przypadku wysyłki SMS) lub znajdujący się na czarnej liście)',
    en: 'No valid phone numbers (the number is invalid, a landline (for SMS) or blacklisted)',
  },
  14: {
    class: 'permanent',
    pl: 'Nieprawidłowe pole nadawcy (nazwa nieaktywna lub niezweryfikowana)',
    en: 'Invalid sender name (not active or not verified)',
  },
  17: {
    class: 'permanent',
    pl: 'Wiadomość typu FLASH nie może zawierać znaków specjalnych',
    en: 'A FLASH message cannot contain special characters',
  },
  18: { class: 'permanent', pl: 'Nieprawidłowa liczba parametrów w odwołaniu do SMSAPI', en: 'Invalid number of parameters' },
  19: { class: 'permanent', pl: 'Zbyt wiele wiadomości w jednym odwołaniu', en: 'Too many messages in one request' },
  20: {
    class: 'permanent',
    pl: 'Liczba parametrów idx nie zgadza się z liczbą odbiorców',
    en: 'The number of idx values does not match the number of recipients',
  },
  25: {
    class: 'permanent',
    pl: 'Parametry normalize i datacoding nie mogą wystąpić razem',
    en: 'normalize and datacoding cannot be used together',
  },
  27: {
    class: 'permanent',
    pl: 'Zbyt długi parametr idx (najwyżej 255 znaków)',
    en: 'The idx parameter is too long (255 characters at most)',
  },
  28: { class: 'permanent', pl: 'Nieprawidłowa wartość parametru time_restriction', en: 'Invalid time_restriction value' },
  30: { class: 'permanent', pl: 'Nieprawidłowy parametr UDH', en: 'Invalid UDH parameter' },
  40: { class: 'permanent', pl: 'Brak grupy kontaktów o podanej nazwie', en: 'No contact group with that name' },
  41: { class: 'permanent', pl: 'Wybrana grupa kontaktów jest pusta', en: 'The chosen contact group is empty' },
  50: {
    class: 'permanent',
    pl: 'Nie można zaplanować wysyłki na więcej niż 3 miesiące w przyszłość',
    en: 'A message cannot be scheduled more than 3 months ahead',
  },
  52: {
    class: 'retry',
    pl: 'Zbyt wiele wiadomości na jeden numer w ciągu 60 sekund',
    en: 'Too many messages to one number within 60 seconds',
  },
  53: {
    class: 'permanent',
    pl: 'Wiadomość o tym identyfikatorze (idx) została już przyjęta',
    en: 'A message with this idx has already been accepted',
  },
  54: { class: 'permanent', pl: 'Nieprawidłowa data wysyłki', en: 'Invalid send date' },
  56: { class: 'permanent', pl: 'Nieprawidłowa data wygaśnięcia wiadomości', en: 'Invalid expiration date' },
  57: { class: 'permanent', pl: 'Numer znajduje się na czarnej liście', en: 'The number is blacklisted' },
  59: {
    class: 'permanent',
    pl: 'Odbiorca wypisał się z SMS-ów (numer na liście OptOut w SMSAPI) — nie wysyłaj do niego więcej',
    en: 'The recipient opted out (the number is on the SMSAPI opt-out list)',
  },
  70: { class: 'permanent', pl: 'Nieprawidłowy adres raportów doręczeń (notify_url)', en: 'Invalid notify_url' },
  72: {
    class: 'permanent',
    pl: 'Adres raportów doręczeń (notify_url) jest dozwolony tylko przy jednym odbiorcy',
    en: 'notify_url may be used only with one recipient',
  },
  74: {
    class: 'account',
    pl: 'Data wysyłki jest poza godzinami wysyłki ustawionymi na koncie SMSAPI — zmień ograniczenie godzin w panelu SMSAPI lub godziny wysyłki w ustawieniach aplikacji (Ustawienia)',
    en: 'The send time is outside the sending hours set on the SMSAPI account',
  },
  76: { class: 'permanent', pl: 'Niedozwolone znaki w parametrach wiadomości', en: 'Invalid characters in the request parameters' },
  93: {
    class: 'permanent',
    pl: 'Parametrów wiadomości nie można łączyć z wysyłką do grupy',
    en: 'Message parameters cannot be combined with a group',
  },
  94: {
    class: 'account',
    pl: 'Konto SMSAPI nie może wysyłać wiadomości z linkami — poproś SMSAPI o odblokowanie lub usuń link z szablonu',
    en: 'The SMSAPI account may not send messages with links',
  },
  98: {
    class: 'account',
    pl: 'Konto SMSAPI jest ograniczone: może wysyłać tylko na numer podany przy rejestracji — dokończ weryfikację konta w SMSAPI',
    en: 'The SMSAPI account is restricted: it can only send to the number used at registration',
  },
  101: { class: 'account', pl: 'Niepoprawne lub wygasłe dane autoryzacyjne (token)', en: 'Invalid or expired authorisation data (token)' },
  102: { class: 'account', pl: 'Nieprawidłowy login lub hasło', en: 'Invalid login or password' },
  103: { class: 'account', pl: 'Brak wystarczającej liczby punktów na koncie SMSAPI', en: 'Not enough points on the SMSAPI account' },
  104: { class: 'permanent', pl: 'Brak szablonu o podanej nazwie w SMSAPI', en: 'No such SMSAPI template' },
  105: { class: 'account', pl: 'Adres IP nie jest dozwolony na koncie SMSAPI', en: 'The IP address is not allowed on the SMSAPI account' },
  106: { class: 'permanent', pl: 'Nieprawidłowy skrócony link', en: 'Invalid short link' },
  110: { class: 'account', pl: 'Usługa nie jest dostępna na koncie SMSAPI', en: 'The service is not available on the SMSAPI account' },
  112: {
    class: 'account',
    pl: 'Wysyłka na numery z tego kraju jest zablokowana na koncie SMSAPI — odblokuj kraj w panelu SMSAPI lub ogranicz dozwolone kraje w ustawieniach',
    en: 'Sending to numbers of this country is restricted on the SMSAPI account',
  },
  200: { class: 'retry', pl: 'Nieudana próba wysłania wiadomości', en: 'Unsuccessful submission' },
  201: { class: 'retry', pl: 'Wewnętrzny błąd systemu SMSAPI', en: 'SMSAPI internal error' },
  202: { class: 'retry', pl: 'Zbyt wiele jednoczesnych odwołań do SMSAPI', en: 'Too many simultaneous requests to SMSAPI' },
  203: { class: 'retry', pl: 'Zbyt wiele odwołań do SMSAPI, spróbuj ponownie później', en: 'Too many requests to SMSAPI, try again later' },
  301: { class: 'permanent', pl: 'Wiadomość o podanym identyfikatorze nie istnieje w SMSAPI', en: 'No message with that id' },
  400: {
    class: 'permanent',
    pl: 'Nieprawidłowy identyfikator wiadomości w zapytaniu o status',
    en: 'Invalid message id in a status request',
  },
  401: {
    class: 'account',
    pl: 'Token SMSAPI nie ma uprawnień do tej operacji — wygeneruj token z dostępem do SMS, profilu i pól nadawcy i wklej go ponownie',
    en: 'The SMSAPI token lacks the permission for this action (it needs SMS, profile and sender names)',
  },
  409: { class: 'permanent', pl: 'Taka wartość już istnieje w SMSAPI', en: 'The value already exists' },
  997: { class: 'account', pl: 'Konto SMSAPI przyjmuje tylko połączenia HTTPS', en: 'The SMSAPI account accepts HTTPS only' },
  998: {
    class: 'retry',
    pl: 'Usługa skracania linków SMSAPI jest chwilowo niedostępna',
    en: 'The SMSAPI short-link service is unavailable',
  },
  999: { class: 'retry', pl: 'Wewnętrzny błąd systemu SMSAPI', en: 'SMSAPI internal error' },
  1000: {
    class: 'account',
    pl: 'Operacja dostępna tylko dla głównego użytkownika konta SMSAPI (nie dla subkonta)',
    en: 'Available to the main SMSAPI user only',
  },
};

/**
 * Codes with which SMSAPI refuses a request with several recipients as a whole although each message alone may
 * be fine: 72 (notify_url only with one recipient, an older list) and parameter errors. A batch refused with one
 * of them is sent again one message at a time (nothing of a refused request was accepted).
 */
export const BATCH_REFUSAL_CODES: readonly number[] = [8, 18, 19, 20, 72];

/** Our classification of a code; an unknown code is permanent (never risk a second SMS on a guess). */
export function smsapiErrorClass(code: number): SmsapiErrorClass {
  return CODES[code]?.class ?? 'permanent';
}

export function classifySmsapiError(code: number): SmsapiOutcome {
  if (code === ALREADY_ACCEPTED) return 'already-accepted';
  return smsapiErrorClass(code) === 'retry' ? 'retry' : 'permanent';
}

/** Problems with the SMSAPI account or its token: nothing like it will be sent until the merchant fixes them. */
// Pure IIFEs: a bundle that never reads these lists drops the table of codes with them.
export const ACCOUNT_BLOCKING_CODES: readonly number[] = /* @__PURE__ */ (() =>
  Object.entries(CODES)
    .filter(([, info]) => info.class === 'account')
    .map(([code]) => Number(code)))();

export function isAccountBlocking(code: number): boolean {
  return ACCOUNT_BLOCKING_CODES.includes(code);
}

/** Codes we can explain (the rest get a generic text naming the code, with SMSAPI's own words). */
export const KNOWN_SMSAPI_ERROR_CODES: readonly number[] = /* @__PURE__ */ (() => Object.keys(CODES).map(Number))();

export function smsapiErrorMessage(code: number, locale: 'pl' | 'en' = 'pl'): string {
  const known = CODES[code];
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
