// What the merchant reads when a form value is refused: the field by its label in the panel, and what to do
// ("Opóźnienie (dni): podaj liczbę od 0 do 365"), in Polish and English, never zod's own English. Shared by the
// admin API (its 400 answers) and the SPA (its checks before sending).

import { LIMIT_LABELS, type LimitField } from './sending-limits';

export type Locale = 'pl' | 'en';
type Text = { pl: string; en: string };

interface FieldText {
  label: Text;
  /** What to type, when the field has one right shape (a range, a format). */
  instruction?: Text;
}

const DAYS: FieldText = {
  label: { pl: 'Opóźnienie (dni)', en: 'Delay (days)' },
  instruction: { pl: 'podaj liczbę od 0 do 365', en: 'enter a number from 0 to 365' },
};
const HOUR = { pl: 'wpisz godzinę jako GG:MM, np. 08:00', en: 'enter the time as HH:MM, e.g. 08:00' };

const LIMIT_LABELS_EN: Record<LimitField, string> = {
  'limits.frequencyCap.count': 'Frequency cap: marketing SMS per number',
  'limits.frequencyCap.windowHours': 'Frequency cap: within (hours)',
  'limits.validityHours.transactional': 'Validity of order SMS (hours)',
  'limits.validityHours.marketing': 'Validity of marketing SMS (hours)',
  'limits.spend.dailyParts': 'Daily limit of SMS parts',
  'limits.spend.monthlyParts': 'Monthly limit of SMS parts',
  'limits.spend.dailyPoints': 'Daily limit of SMSAPI points',
  'limits.spend.monthlyPoints': 'Monthly limit of SMSAPI points',
  'limits.lowBalancePoints': 'Low balance threshold (SMSAPI points)',
};
/** "Limity i koszty" (Settings): the labels sending-limits.ts words its own checks with. */
const LIMIT_TEXTS = /* @__PURE__ */ (() =>
  Object.fromEntries(
    (Object.keys(LIMIT_LABELS) as LimitField[]).map((field) => [field, { label: { pl: LIMIT_LABELS[field], en: LIMIT_LABELS_EN[field] } }]),
  ) as Record<LimitField, FieldText>)();

/** Labels by field path (as the API names them); `x.0` and `x.key` fall back to `x`. */
// Object.assign rather than a spread, so a bundle that never describes an issue drops the table (a spread counts as
// a side effect to esbuild).
export const FIELD_TEXTS: Record<string, FieldText> = /* @__PURE__ */ Object.assign({}, LIMIT_TEXTS, {
  delayDays: DAYS,
  text: {
    label: { pl: 'Wiadomość', en: 'Message' },
    instruction: { pl: 'wpisz treść do 2000 znaków', en: 'enter a text of up to 2000 characters' },
  },
  enabled: { label: { pl: 'Wyślij', en: 'Send' }, instruction: { pl: 'wybierz Tak lub Nie', en: 'choose Yes or No' } },
  active: { label: { pl: 'Aktywny', en: 'Active' }, instruction: { pl: 'wybierz Tak lub Nie', en: 'choose Yes or No' } },
  event: { label: { pl: 'Zdarzenie', en: 'Event' }, instruction: { pl: 'wybierz zdarzenie z listy', en: 'choose an event from the list' } },
  ownerPhone: {
    label: { pl: 'Numer telefonu właściciela', en: "Owner's phone number" },
    instruction: { pl: 'wpisz numer komórkowy, np. +48 600 100 200', en: 'enter a mobile number, e.g. +48 600 100 200' },
  },
  quietHours: { label: { pl: 'Godziny wysyłki', en: 'Sending hours' } },
  'quietHours.enabled': {
    label: { pl: 'Wysyłaj tylko w wybranych godzinach', en: 'Send only within these hours' },
    instruction: { pl: 'zaznacz lub odznacz', en: 'tick or untick it' },
  },
  'quietHours.start': { label: { pl: 'Godziny wysyłki: od', en: 'Sending hours: from' }, instruction: HOUR },
  'quietHours.end': { label: { pl: 'Godziny wysyłki: do', en: 'Sending hours: to' }, instruction: HOUR },
  'quietHours.timeZone': {
    label: { pl: 'Strefa czasowa', en: 'Time zone' },
    instruction: { pl: 'wybierz strefę z listy, np. Europe/Warsaw', en: 'choose a zone from the list, e.g. Europe/Warsaw' },
  },
  quietHoursFor: { label: { pl: 'Godziny wysyłki dotyczą', en: 'Sending hours apply to' } },
  requireMarketingConsent: { label: { pl: 'Wiadomości marketingowe tylko za zgodą', en: 'Marketing messages only with consent' } },
  cancelStaleStatusMessages: { label: { pl: 'Anuluj nieaktualne wiadomości o statusie', en: 'Cancel stale status messages' } },
  shippedStatusIds: {
    label: { pl: 'Statusy oznaczające wysłanie zamówienia', en: 'Statuses that mean "shipped"' },
    instruction: { pl: 'zaznacz statusy z listy', en: 'tick statuses from the list' },
  },
  allowedCountries: {
    label: { pl: 'Kraje numerów klientów', en: "Customers' number countries" },
    instruction: {
      pl: 'wpisz dwuliterowe kody krajów oddzielone przecinkami, np. PL, CZ',
      en: 'enter two-letter country codes separated by commas, e.g. PL, CZ',
    },
  },
  storefrontDailyCap: {
    label: { pl: 'Dzienny limit zapisów ze strony sklepu', en: 'Daily limit of storefront sign-ups' },
    instruction: { pl: 'podaj liczbę od 0 do 100000', en: 'enter a number from 0 to 100000' },
  },
  token: {
    label: { pl: 'Token API', en: 'API token' },
    instruction: {
      pl: 'wklej cały token z panelu SMSAPI (Ustawienia API → Tokeny API)',
      en: 'paste the whole token from the SMSAPI panel (API settings → API tokens)',
    },
  },
  senderName: {
    label: { pl: 'Pole nadawcy', en: 'Sender name' },
    instruction: { pl: 'wybierz pole nadawcy z listy', en: 'choose a sender name from the list' },
  },
  replaceSpecialCharacters: { label: { pl: 'Zastąp znaki specjalne w powiadomieniach', en: 'Replace special characters' } },
  phone: {
    label: { pl: 'Numer telefonu', en: 'Phone number' },
    instruction: { pl: 'wpisz numer komórkowy, np. 600 100 200', en: 'enter a mobile number, e.g. 600 100 200' },
  },
  ids: {
    label: { pl: 'Zaznaczone pozycje', en: 'Selected items' },
    instruction: { pl: 'zaznacz od 1 do 200 pozycji', en: 'select 1 to 200 items' },
  },
  search: { label: { pl: 'Wyszukaj', en: 'Search' }, instruction: { pl: 'wpisz do 100 znaków', en: 'enter up to 100 characters' } },
  body: { label: { pl: 'Formularz', en: 'Form' } },
  // Short links (PUT /api/links/settings).
  autoStopLink: {
    label: { pl: 'Dodawaj link rezygnacji do SMS-ów marketingowych', en: 'Add an opt-out link to marketing SMS' },
    instruction: { pl: 'zaznacz lub odznacz', en: 'tick or untick it' },
  },
  attributionDays: {
    label: { pl: 'Okno przypisania zamówień (dni po kliknięciu)', en: 'Attribution window (days after a click)' },
    instruction: { pl: 'podaj liczbę dni od 1 do 90', en: 'enter a number of days from 1 to 90' },
  },
  // "Powiadomienia dla zespołu"; the three alerts' own `enabled`, `text`, `quietHours` read as the fields above.
  phones: {
    label: { pl: 'Numery telefonów zespołu', en: 'Team phone numbers' },
    instruction: { pl: 'wpisz najwyżej 5 numerów komórkowych', en: 'enter at most 5 mobile numbers' },
  },
  'newOrder.minAmount': {
    label: { pl: 'Kwota zamówienia od', en: 'Order amount from' },
    instruction: { pl: 'podaj kwotę 0 lub większą (0 oznacza każde zamówienie)', en: 'enter an amount of 0 or more (0 means every order)' },
  },
  'newOrder.quietHours': {
    label: { pl: 'Tylko w godzinach wysyłki', en: 'Only within sending hours' },
    instruction: { pl: 'zaznacz lub odznacz', en: 'tick or untick it' },
  },
  'orderCancelled.quietHours': {
    label: { pl: 'Tylko w godzinach wysyłki', en: 'Only within sending hours' },
    instruction: { pl: 'zaznacz lub odznacz', en: 'tick or untick it' },
  },
  'outOfStock.quietHours': {
    label: { pl: 'Tylko w godzinach wysyłki', en: 'Only within sending hours' },
    instruction: { pl: 'zaznacz lub odznacz', en: 'tick or untick it' },
  },
});

/**
 * The label of a field path: the path itself, then its parent (allowedCountries.0 -> allowedCountries), then its
 * last name (orderCancelled.text -> text: a section's own fields read as the same fields elsewhere).
 */
export function fieldText(path: string): FieldText | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const found = FIELD_TEXTS[parts.slice(0, n).join('.')];
    if (found) return found;
  }
  const leaf = parts.at(-1);
  return leaf !== undefined && parts.length > 1 && Object.hasOwn(FIELD_TEXTS, leaf) ? FIELD_TEXTS[leaf] : undefined;
}

/** The parts of a zod issue this module reads (zod 4 `$ZodIssue`, kept structural so the SPA needs no zod internals). */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: readonly string[];
  values?: readonly unknown[];
  input?: unknown;
}

const pick = (locale: Locale, pl: string, en: string) => (locale === 'en' ? en : pl);

/** What to do about one issue, without the label (used when the field has no fixed shape to describe). */
function generic(issue: IssueLike, locale: Locale): string {
  const n = (v: number | bigint | undefined) => String(v ?? '');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return pick(locale, 'to pole jest wymagane — uzupełnij je', 'this field is required: fill it in');
      if (issue.expected === 'number' || issue.expected === 'int') return pick(locale, 'podaj liczbę', 'enter a number');
      if (issue.expected === 'boolean') return pick(locale, 'wybierz Tak lub Nie', 'choose Yes or No');
      if (issue.expected === 'array') return pick(locale, 'wybierz pozycje z listy', 'choose items from the list');
      return pick(locale, 'wpisz tekst', 'enter a text');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? pick(locale, 'nie może być puste — uzupełnij je', 'must not be empty: fill it in')
          : pick(locale, `wpisz co najmniej ${n(issue.minimum)} znaków`, `enter at least ${n(issue.minimum)} characters`);
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick(locale, `wybierz co najmniej ${n(issue.minimum)}`, `choose at least ${n(issue.minimum)}`);
      return pick(locale, `podaj liczbę nie mniejszą niż ${n(issue.minimum)}`, `enter a number of at least ${n(issue.minimum)}`);
    case 'too_big':
      if (issue.origin === 'string')
        return pick(locale, `wpisz najwyżej ${n(issue.maximum)} znaków`, `enter at most ${n(issue.maximum)} characters`);
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick(locale, `wybierz najwyżej ${n(issue.maximum)}`, `choose at most ${n(issue.maximum)}`);
      return pick(locale, `podaj liczbę nie większą niż ${n(issue.maximum)}`, `enter a number of at most ${n(issue.maximum)}`);
    case 'invalid_value': {
      const values = (issue.values ?? []).map(String).join(', ');
      return pick(locale, `wybierz jedną z wartości: ${values}`, `choose one of: ${values}`);
    }
    case 'unrecognized_keys':
      return pick(
        locale,
        `nieznane pole ${(issue.keys ?? []).map((k) => `„${k}”`).join(', ')} — usuń je`,
        `unknown field ${(issue.keys ?? []).join(', ')}: remove it`,
      );
    case 'invalid_format':
      return pick(locale, 'nieprawidłowy format — popraw wartość', 'wrong format: correct the value');
    default:
      return pick(locale, 'nieprawidłowa wartość — popraw ją', 'invalid value: correct it');
  }
}

/** The field an issue is about: its path, or `body` for the request as a whole (an unknown key is not a form field). */
export function issueField(issue: IssueLike): string {
  return issue.path.map(String).join('.') || 'body';
}

/** "Opóźnienie (dni): podaj liczbę od 0 do 365": the field's label, then what to do. */
export function describeIssue(issue: IssueLike, locale: Locale): string {
  const field = issueField(issue);
  const text = fieldText(field);
  const label = text ? text.label[locale] : field;
  // A missing field or an unknown key says so; otherwise the field's own instruction is the clearest.
  const instruction =
    issue.code !== 'unrecognized_keys' && !(issue.code === 'invalid_type' && issue.input === undefined) && text?.instruction
      ? text.instruction[locale]
      : generic(issue, locale);
  return `${label}: ${instruction}`;
}
