// Customers' phone numbers as typed into a shop ("500 100 200", "0048 500-100-200") turned into E.164 and
// checked to be mobile, since SMSAPI refuses landlines (error 13) and premium numbers would cost the shop.

import {
  isSupportedCountry as isSupportedIn,
  parsePhoneNumberFromString as parseWith,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
// Full ("max") metadata, so number types are exact, cut down to the countries we send to and without the display
// formats, which only formatting reads (scripts/phone-metadata.ts):
// the whole set would be most of every Lambda bundle.
import { PHONE_METADATA_JSON } from './phone-metadata';

// Pure: a bundle that never parses a number (the SPA reaches this module through planning.ts) drops the metadata.
const metadataJson = /* @__PURE__ */ JSON.parse(PHONE_METADATA_JSON) as {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
};
const metadata = metadataJson as unknown as MetadataJson;

/** Countries whose numbers the app understands (and a merchant may allow). */
export const PHONE_COUNTRIES: readonly string[] = /* @__PURE__ */ Object.keys(metadataJson.countries).sort();

export const isSupportedCountry = (country: string): boolean => isSupportedIn(country as CountryCode, metadata);

const parsePhoneNumberFromString = (text: string, options?: { defaultCountry?: string }): PhoneNumber | undefined =>
  options?.defaultCountry
    ? parseWith(text, { defaultCountry: options.defaultCountry as CountryCode }, metadata)
    : parseWith(text, metadata);

/** A number written with an international prefix we have no metadata for is a foreign one, not a typo. */
function hasForeignPrefix(text: string): boolean {
  const international = text.replace(/[\s\-()./]/g, '').match(/^(?:\+|00)(\d+)/);
  if (!international) return false;
  const digits = international[1]!;
  return !Object.keys(metadataJson.country_calling_codes).some((code) => digits.startsWith(code));
}

export type PhoneErrorCode = 'PHONE_INVALID' | 'PHONE_NOT_MOBILE' | 'PHONE_COUNTRY_NOT_ALLOWED';

export type PhoneResult =
  | { ok: true; e164: string /* +48... */; country: string /* 'PL' */ }
  | { ok: false; code: PhoneErrorCode; message: string /* Polish */ };

export interface NormalizeOptions {
  /** Country assumed for numbers without a prefix; default 'PL'. */
  defaultCountry?: string;
  /** ISO codes the shop sends to; undefined = any country. */
  allowedCountries?: string[];
  /** The country of the customer's address (Shoper's country_code), tried before defaultCountry. */
  countryCodeHint?: string;
}

const MESSAGES: Record<PhoneErrorCode, { pl: string; en: string }> = {
  PHONE_INVALID: {
    pl: 'Nieprawidłowy numer telefonu',
    en: 'Invalid phone number',
  },
  PHONE_NOT_MOBILE: {
    pl: 'Numer nie jest numerem komórkowym (SMS można wysłać tylko na telefon komórkowy)',
    en: 'Not a mobile number (text messages can only be sent to mobile phones)',
  },
  PHONE_COUNTRY_NOT_ALLOWED: {
    pl: 'Wysyłka SMS na numery z tego kraju nie jest włączona',
    en: 'Sending text messages to numbers from this country is not enabled',
  },
};

export function phoneErrorMessage(code: PhoneErrorCode, locale: 'pl' | 'en' = 'pl'): string {
  return MESSAGES[code][locale];
}

// MOBILE, plus FIXED_LINE_OR_MOBILE for countries (US, CA, ...) whose plans do not tell the two apart.
const MOBILE_TYPES: ReadonlySet<string> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
// What people type around a number; letters or other symbols mean it is not a phone number.
const PHONE_CHARACTERS = /^[\d\s+\-()./]+$/;
const POLISH_WITHOUT_PLUS = /^48\d{9}$/;

function failure(code: PhoneErrorCode): PhoneResult {
  return { ok: false, code, message: phoneErrorMessage(code) };
}

function parseValid(raw: string, countries: readonly string[]): PhoneNumber | undefined {
  for (const country of countries) {
    if (!isSupportedCountry(country)) continue;
    const parsed = parsePhoneNumberFromString(raw, { defaultCountry: country });
    if (parsed?.isValid() === true) return parsed;
  }
  // "48500100200": a Polish number written with its country code but without + or 00.
  const digits = raw.replace(/\D/g, '');
  if (POLISH_WITHOUT_PLUS.test(digits)) {
    const parsed = parsePhoneNumberFromString(`+${digits}`);
    if (parsed?.isValid() === true) return parsed;
  }
  return undefined;
}

export function normalizeMobile(raw: string, options?: NormalizeOptions): PhoneResult {
  const text = raw.trim();
  if (text === '' || !PHONE_CHARACTERS.test(text)) return failure('PHONE_INVALID');

  const countries = [options?.countryCodeHint, options?.defaultCountry ?? 'PL']
    .filter((country): country is string => country !== undefined && country.trim() !== '')
    .map((country) => country.trim().toUpperCase());
  const phone = parseValid(text, [...new Set(countries)]);
  if (phone === undefined) return failure(hasForeignPrefix(text) ? 'PHONE_COUNTRY_NOT_ALLOWED' : 'PHONE_INVALID');

  const country = phone.country;
  const allowed = options?.allowedCountries?.map((code) => code.toUpperCase());
  if (country === undefined || (allowed !== undefined && !allowed.includes(country))) {
    return failure('PHONE_COUNTRY_NOT_ALLOWED');
  }
  const type = phone.getType();
  if (type === undefined || !MOBILE_TYPES.has(type)) return failure('PHONE_NOT_MOBILE');
  return { ok: true, e164: phone.number, country };
}

/** For logs and lists: '+48******896' keeps the country code and the last three digits. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const parsed = e164.trim().startsWith('+') ? parsePhoneNumberFromString(`+${digits}`) : undefined;
  const prefix = parsed !== undefined ? `+${parsed.countryCallingCode}` : '';
  const rest = parsed !== undefined ? digits.slice(parsed.countryCallingCode.length) : digits;
  const visible = rest.length > 3 ? rest.slice(-3) : '';
  return `${prefix}${'*'.repeat(rest.length - visible.length)}${visible}`;
}

/** The number as SMSAPI's `to` takes it: digits only, with the country code ('48500100200'). */
export function smsapiNumber(e164: string): string {
  return e164.replace(/\D/g, '');
}
