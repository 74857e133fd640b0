// What a failed call to SMSAPI means for the merchant: the code shown in the error log and the API, and a
// Polish explanation. SMSAPI's own error codes are explained by smsapi-codes; this adds the failures that never
// reached an answer (timeouts, HTTP 429/5xx), which have no SMSAPI code.
import { isAccountBlocking, smsapiErrorMessage } from './smsapi-codes';

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
  if (isApi(failure)) return smsapiErrorMessage(failure.code, locale);
  if (failure.transport === 'network') {
    return locale === 'pl'
      ? 'SMSAPI nie odpowiedziało w wyznaczonym czasie lub było nieosiągalne'
      : 'SMSAPI did not answer in time or could not be reached';
  }
  if (failure.code === 429) {
    return locale === 'pl' ? 'SMSAPI ograniczyło liczbę odwołań (HTTP 429)' : 'SMSAPI rate-limited the requests (HTTP 429)';
  }
  return locale === 'pl'
    ? `Chwilowy błąd serwera SMSAPI (HTTP ${failure.code})`
    : `Temporary SMSAPI server error (HTTP ${failure.code})`;
}

/** True when the failure is a problem of the SMSAPI account (token, points, IP, service) and not of one SMS. */
export function isAccountProblem(failure: SmsapiFailure): boolean {
  return isApi(failure) && isAccountBlocking(failure.code);
}
