// SMSAPI's error and report codes: what to do with each, and what to tell the merchant.
import {
  ACCOUNT_BLOCKING_CODES,
  BATCH_REFUSAL_CODES,
  KNOWN_SMSAPI_ERROR_CODES,
  classifySmsapiError,
  isAccountBlocking,
  reportStatus,
  smsapiErrorClass,
  smsapiErrorMessage,
} from '#domain/smsapi-codes';
import { failureMessage, isAccountProblem } from '#domain/smsapi-failure';

// Every code of SMSAPI's public error list for sending and the account (PROTOCOLS.md and its Corrections: the
// error-list copies in gks ERP and AcySMS); 1001+ belong to sub-user, sender-name and contact APIs we never call.
const DOCUMENTED_CODES = [
  7, 8, 11, 12, 13, 14, 17, 18, 19, 20, 25, 27, 28, 30, 40, 41, 50, 52, 53, 54, 56, 57, 59, 70, 72, 74, 76, 93, 94, 98, 101, 102, 103, 104,
  105, 106, 110, 112, 200, 201, 202, 203, 301, 400, 401, 409, 997, 998, 999, 1000,
];

describe('classifySmsapiError', () => {
  it.each([8, 52, 200, 201, 202, 203, 999])('retries %i', (code) => {
    expect(classifySmsapiError(code)).toBe('retry');
  });

  it('treats 53 (idx already used) as already accepted, so a retry does not send twice', () => {
    expect(classifySmsapiError(53)).toBe('already-accepted');
  });

  it.each([11, 12, 13, 14, 19, 20, 50, 54, 57, 59, 72, 101, 102, 103, 105, 110, 401, 12345])('gives up on %i', (code) => {
    expect(classifySmsapiError(code)).toBe('permanent');
  });

  it.each(DOCUMENTED_CODES)('classifies %i as retry, permanent or account', (code) => {
    expect(['retry', 'permanent', 'account']).toContain(smsapiErrorClass(code));
  });

  it.each([
    [59, 'permanent'],
    [72, 'permanent'],
    [74, 'account'],
    [94, 'account'],
    [98, 'account'],
    [112, 'account'],
    [401, 'account'],
    [101, 'account'],
    [203, 'retry'],
    [998, 'retry'],
    [4242, 'permanent'],
  ])('%i is %s', (code, expected) => {
    expect(smsapiErrorClass(code)).toBe(expected);
  });

  it('falls back to single sends only on codes that refuse a batch as a whole', () => {
    expect([...BATCH_REFUSAL_CODES].sort((a, b) => a - b)).toEqual([8, 18, 19, 20, 72]);
  });
});

describe('ACCOUNT_BLOCKING_CODES', () => {
  it('are the account problems the merchant must fix', () => {
    expect([...ACCOUNT_BLOCKING_CODES].sort((a, b) => a - b)).toEqual([7, 74, 94, 98, 101, 102, 103, 105, 110, 112, 401, 997, 1000]);
    expect(isAccountBlocking(103)).toBe(true);
    expect(isAccountBlocking(13)).toBe(false);
  });

  it('tells a token without permission (401) apart from an invalid one (101)', () => {
    expect(smsapiErrorMessage(401)).toContain('nie ma uprawnień');
    expect(smsapiErrorMessage(401)).not.toBe(smsapiErrorMessage(101));
    expect(isAccountProblem({ code: 401, transport: 'api', message: "Token don't have permissions for this action" })).toBe(true);
  });
});

describe('smsapiErrorMessage', () => {
  it.each([
    [13, 'Brak prawidłowych numerów telefonów (numer błędny, stacjonarny (w przypadku wysyłki SMS) lub znajdujący się na czarnej liście)'],
    [103, 'Brak wystarczającej liczby punktów na koncie SMSAPI'],
    [101, 'Niepoprawne lub wygasłe dane autoryzacyjne (token)'],
  ])('explains %i in Polish by default', (code, message) => {
    expect(smsapiErrorMessage(code)).toBe(message);
  });

  it.each(DOCUMENTED_CODES)('has its own Polish and English text for %i', (code) => {
    expect(KNOWN_SMSAPI_ERROR_CODES).toContain(code);
    const pl = smsapiErrorMessage(code, 'pl');
    const en = smsapiErrorMessage(code, 'en');
    expect(pl).not.toContain('Nieznany');
    expect(en).not.toContain('Unknown');
    expect(pl).not.toBe(en);
  });

  it('names an unknown code in a generic text', () => {
    expect(smsapiErrorMessage(4242)).toBe('Nieznany błąd SMSAPI (kod 4242)');
    expect(smsapiErrorMessage(4242, 'en')).toBe('Unknown SMSAPI error (code 4242)');
  });

  it("keeps SMSAPI's own words for a code it cannot explain (one line, bounded)", () => {
    expect(failureMessage({ code: 4242, transport: 'api', message: 'Brand new\nrefusal\u202e reason' })).toBe(
      'Nieznany błąd SMSAPI (kod 4242): Brand new refusal reason',
    );
    expect(failureMessage({ code: 4242, transport: 'api', message: 'x'.repeat(500) }).length).toBeLessThan(240);
    // A known code is explained in our words only.
    expect(failureMessage({ code: 13, transport: 'api', message: 'No valid phone numbers' })).not.toContain('No valid');
  });
});

describe('reportStatus', () => {
  it.each([
    [404, 'DELIVERED', 'DELIVERED'],
    [401, 'NOT_FOUND', 'UNDELIVERED'],
    [402, 'EXPIRED', 'UNDELIVERED'],
    [405, 'UNDELIVERED', 'UNDELIVERED'],
    [406, 'FAILED', 'UNDELIVERED'],
    [407, 'REJECTED', 'UNDELIVERED'],
    [403, 'SENT', 'SENT'],
    [408, 'UNKNOWN', 'PENDING'],
    [409, 'QUEUE', 'PENDING'],
    [410, 'ACCEPTED', 'PENDING'],
  ])('reads %i as %s (%s)', (code, name, outcome) => {
    expect(reportStatus(code)).toEqual({ name, outcome });
  });

  it('keeps a message pending on a status code it does not know', () => {
    expect(reportStatus(499)).toEqual({ name: 'STATUS_499', outcome: 'PENDING' });
  });
});
