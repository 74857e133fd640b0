// The SPA's language: Polish unless Shoper's `locale` says English. Texts are written inline as L(pl, en), Polish
// first, so a screen reads in the merchant's words and both languages stay side by side in the code.
import { signal } from '@preact/signals-core';

export type Locale = 'pl' | 'en';

export const locale = signal<Locale>('pl');

export const localeFrom = (value: string | null | undefined): Locale => (value?.toLowerCase().startsWith('en') ? 'en' : 'pl');

/** The text in the current language. */
export const L = (pl: string, en: string): string => (locale.value === 'en' ? en : pl);

/**
 * Polish plural form for a count: 1 SMS / 2 SMS-y / 5 SMS-ów, 1 znak / 22 znaki / 12 znaków.
 * English has two forms; pass them as `en: [one, other]`.
 */
export function plural(
  count: number,
  pl: readonly [one: string, few: string, many: string],
  en: readonly [one: string, other: string],
): string {
  if (locale.value === 'en') return count === 1 ? en[0] : en[1];
  return pl[polishPluralIndex(count)];
}

export function polishPluralIndex(count: number): 0 | 1 | 2 {
  const n = Math.abs(Math.trunc(count));
  if (n === 1) return 0;
  const lastDigit = n % 10;
  const lastTwo = n % 100;
  if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) return 1;
  return 2;
}

/** "2022-04-26 14:55:30" in the browser's zone, the manual's date format (same in both languages). */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export const formatNumber = (value: number): string => new Intl.NumberFormat(locale.value === 'en' ? 'en-GB' : 'pl-PL').format(value);
