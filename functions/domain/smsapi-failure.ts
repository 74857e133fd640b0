// What a failed call to SMSAPI means for the merchant: the code shown in the error log and the API, and a
// Polish explanation. SMSAPI's own error codes are explained by smsapi-codes; this adds the failures that never
// reached an answer (timeouts, HTTP 429/5xx), which have no SMSAPI code.
import { isAccountBlocking, KNOWN_SMSAPI_ERROR_CODES, smsapiErrorMessage } from './smsapi-codes';

export interface SmsapiFailure {
  /** SMSAPI's error code when transport is 'api'; the HTTP status for 'http'; 0 for 'network'. */
  code: number;
  transport?: 'api' | 'http' | 'network';
  message: string;
}

const isApi = (f: SmsapiFailure) => f.transport === undefined || f.transport === 'api';

/** The code kept in the error log: SMSAPI's number, or a word for failures without one. */
export function errorLogCode(failure: SmsapiFailure): number | string {
  if (isApi(failure)) return failure.code;
  if (failure.transport === 'network') return /timeout/i.test(failure.message) ? 'TIMEOUT' : 'NETWORK';
  return `HTTP_${failure.code}`;
}

/** The API error code: `SMSAPI_<code>` for SMSAPI's answers, SMSAPI_UNAVAILABLE when it did not answer. */
export function apiErrorCode(failure: SmsapiFailure): string {
  return isApi(failure) ? `SMSAPI_${failure.code}` : 'SMSAPI_UNAVAILABLE';
}

export function failureMessage(failure: SmsapiFailure, locale: 'pl' | 'en' = 'pl'): string {
  if (isApi(failure)) {
    const explained = smsapiErrorMessage(failure.code, locale);
    // A code we cannot explain keeps SMSAPI's own words, so the merchant (and support) can still act on it.
    if (KNOWN_SMSAPI_ERROR_CODES.includes(failure.code)) return explained;
    const raw = rawText(failure.message);
    return raw ? `${explained}: ${raw}` : explained;
  }
  if (failure.transport === 'network') {
    return locale === 'pl'
      ? 'SMSAPI nie odpowiedziało w wyznaczonym czasie lub było nieosiągalne'
      : 'SMSAPI did not answer in time or could not be reached';
  }
  if (failure.code === 429) {
    return locale === 'pl' ? 'SMSAPI ograniczyło liczbę odwołań (HTTP 429)' : 'SMSAPI rate-limited the requests (HTTP 429)';
  }
  return locale === 'pl' ? `Chwilowy błąd serwera SMSAPI (HTTP ${failure.code})` : `Temporary SMSAPI server error (HTTP ${failure.code})`;
}

/** SMSAPI's own message, on one line and bounded: it ends up in the error log and on screen. */
const rawText = (message: string) =>
  message
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);

/** True when the failure is a problem of the SMSAPI account (token, points, IP, service) and not of one SMS. */
export function isAccountProblem(failure: SmsapiFailure): boolean {
  return isApi(failure) && isAccountBlocking(failure.code);
}
