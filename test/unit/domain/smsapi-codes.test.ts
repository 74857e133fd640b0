// SMSAPI's error and report codes: what to do with each, and what to tell the merchant.
import {
  ACCOUNT_BLOCKING_CODES, KNOWN_SMSAPI_ERROR_CODES, classifySmsapiError, isAccountBlocking, reportStatus,
  smsapiErrorMessage,
} from '#domain/smsapi-codes';

// Every error code PROTOCOLS.md lists.
const DOCUMENTED_CODES = [8, 11, 12, 13, 14, 19, 20, 50, 52, 53, 54, 57, 101, 102, 103, 105, 110, 200, 201, 202, 203, 999];

describe('classifySmsapiError', () => {
  it.each([8, 52, 200, 201, 202, 203, 999])('retries %i', (code) => {
    expect(classifySmsapiError(code)).toBe('retry');
  });

  it('treats 53 (idx already used) as already accepted, so a retry does not send twice', () => {
    expect(classifySmsapiError(53)).toBe('already-accepted');
  });

  it.each([11, 12, 13, 14, 19, 20, 50, 54, 57, 101, 102, 103, 105, 110, 12345])('gives up on %i', (code) => {
    expect(classifySmsapiError(code)).toBe('permanent');
  });
});

describe('ACCOUNT_BLOCKING_CODES', () => {
  it('are the account problems the merchant must fix', () => {
    expect([...ACCOUNT_BLOCKING_CODES].sort((a, b) => a - b)).toEqual([101, 102, 103, 105, 110]);
    expect(isAccountBlocking(103)).toBe(true);
    expect(isAccountBlocking(13)).toBe(false);
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
