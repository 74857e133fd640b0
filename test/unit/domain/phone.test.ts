// Customers' numbers as typed in a shop: only valid mobile numbers get an SMS.
import { maskPhone, normalizeMobile, phoneErrorMessage, smsapiNumber } from '#domain/phone';

describe('normalizeMobile', () => {
  it.each([
    '500 100 200',
    '500100200',
    '+48 500-100-200',
    '0048500100200',
    '0048 500 100 200',
    '48500100200',
    '(+48) 500 100 200',
    '  500.100.200 ',
  ])('reads %j as +48500100200', (raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: true, e164: '+48500100200', country: 'PL' });
  });

  it.each(['600123456', '790123456', '880123456', '538506896', '512345678'])('accepts Polish mobile %s', (raw) => {
    expect(normalizeMobile(raw)).toMatchObject({ ok: true, country: 'PL', e164: `+48${raw}` });
  });

  it.each([
    ['a Warsaw landline', '22 123 45 67'],
    ['a premium-rate number', '701 234 567'],
    ['a toll-free number', '800 123 456'],
    ['a VoIP number', '391 123 456'],
  ])('refuses %s as not mobile', (_description, raw) => {
    expect(normalizeMobile(raw)).toEqual({
      ok: false,
      code: 'PHONE_NOT_MOBILE',
      message: 'Numer nie jest numerem komórkowym (SMS można wysłać tylko na telefon komórkowy)',
    });
  });

  it.each(['', '   ', '123', '500 100 20', 'abc', '500100200 ext. 5', 'tel:500100200', '001538506896'])('refuses %j as invalid', (raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: false, code: 'PHONE_INVALID', message: 'Nieprawidłowy numer telefonu' });
  });

  it('accepts foreign mobiles given with their prefix', () => {
    expect(normalizeMobile('+49 1512 3456789')).toEqual({ ok: true, e164: '+4915123456789', country: 'DE' });
    expect(normalizeMobile('+420 601 123 456')).toEqual({ ok: true, e164: '+420601123456', country: 'CZ' });
  });

  it('counts FIXED_LINE_OR_MOBILE (United States) as mobile', () => {
    expect(normalizeMobile('+1 212 555 0123')).toEqual({ ok: true, e164: '+12125550123', country: 'US' });
  });

  it("completes a number without prefix from the address's country", () => {
    expect(normalizeMobile('01512 3456789', { countryCodeHint: 'de' })).toEqual({
      ok: true,
      e164: '+4915123456789',
      country: 'DE',
    });
    expect(normalizeMobile('601 123 456', { countryCodeHint: 'CZ' })).toMatchObject({ ok: true, e164: '+420601123456' });
  });

  it('falls back to the default country when the hint does not make the number valid', () => {
    expect(normalizeMobile('500 100 200', { countryCodeHint: 'DE' })).toMatchObject({ ok: true, e164: '+48500100200' });
  });

  it('ignores an unknown hint', () => {
    expect(normalizeMobile('500 100 200', { countryCodeHint: 'XX' })).toMatchObject({ ok: true, country: 'PL' });
  });

  it('uses another default country when configured', () => {
    expect(normalizeMobile('601 123 456', { defaultCountry: 'CZ' })).toMatchObject({ ok: true, e164: '+420601123456' });
  });

  it('refuses countries the shop does not send to', () => {
    const options = { allowedCountries: ['PL', 'cz'] };
    expect(normalizeMobile('+48 500 100 200', options)).toMatchObject({ ok: true });
    expect(normalizeMobile('+420 601 123 456', options)).toMatchObject({ ok: true });
    expect(normalizeMobile('+49 1512 3456789', options)).toEqual({
      ok: false,
      code: 'PHONE_COUNTRY_NOT_ALLOWED',
      message: 'Wysyłka SMS na numery z tego kraju nie jest włączona',
    });
  });
});

describe('phoneErrorMessage', () => {
  it('explains each problem in Polish and English', () => {
    expect(phoneErrorMessage('PHONE_INVALID')).toBe('Nieprawidłowy numer telefonu');
    expect(phoneErrorMessage('PHONE_INVALID', 'en')).toBe('Invalid phone number');
    expect(phoneErrorMessage('PHONE_NOT_MOBILE', 'en')).toMatch(/mobile/);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+48538506896', '+48******896'],
    ['+48500100200', '+48******200'],
    ['+4915123456789', '+49********789'],
    ['+12125550123', '+1*******123'],
    ['+420601123456', '+420******456'],
    ['500100200', '******200'],
    ['12', '**'],
    ['', ''],
  ])('masks %j as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never shows more than the last three digits of the subscriber number', () => {
    const masked = maskPhone('+48538506896');
    expect(masked).not.toContain('538');
    expect(masked).not.toContain('506');
  });
});

describe('smsapiNumber', () => {
  it('gives digits with the country code and without +', () => {
    expect(smsapiNumber('+48500100200')).toBe('48500100200');
    expect(smsapiNumber('+4915123456789')).toBe('4915123456789');
  });
});

describe('the phone metadata the app ships', () => {
  it('is the installed libphonenumber-js metadata cut to the supported countries (regenerate: npx tsx scripts/phone-metadata.ts)', () => {
    const { phoneMetadataModule } = require('../../../scripts/phone-metadata') as typeof import('../../../scripts/phone-metadata');
    const committed = require('node:fs').readFileSync(require.resolve('../../../functions/domain/phone-metadata.ts'), 'utf8');
    expect(committed).toBe(phoneMetadataModule());
  });

  it('refuses a number from a country outside the supported set as a foreign number, not a typo', () => {
    expect(normalizeMobile('+7 912 345 67 89')).toMatchObject({ ok: false, code: 'PHONE_COUNTRY_NOT_ALLOWED' });
    expect(normalizeMobile('+86 139 1234 5678')).toMatchObject({ ok: false, code: 'PHONE_COUNTRY_NOT_ALLOWED' });
  });
});
