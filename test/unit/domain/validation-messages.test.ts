// A refused form value reads as the merchant's panel does: the field by its label, what to do, in the panel's
// language, never zod's English or an internal field name.
import { TemplateBody } from '#contracts/session';
import { SettingsBody, CelebrationBody } from '#contracts/orders';
import { SmsapiSettingsBody } from '#contracts/smsapi';
import { StaffAlertsBody } from '#contracts/staff';
import { describeIssue, issueField } from '#domain/validation-messages';
import type * as z from 'zod/mini';

const firstIssue = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues[0]!;
};
const both = (schema: z.ZodMiniType, value: unknown) => {
  const issue = firstIssue(schema, value);
  return { field: issueField(issue), pl: describeIssue(issue, 'pl'), en: describeIssue(issue, 'en') };
};

describe('describeIssue', () => {
  it.each([-1, 366, 2.5, '3'])('a delay of %p: "Opóźnienie (dni): podaj liczbę od 0 do 365"', (delayDays) => {
    expect(both(TemplateBody, { enabled: true, delayDays, text: 'x' })).toEqual({
      field: 'delayDays',
      pl: 'Opóźnienie (dni): podaj liczbę od 0 do 365',
      en: 'Delay (days): enter a number from 0 to 365',
    });
  });

  it('"Powiadomienia dla zespołu": the amount by its label, and an alert\'s own text as "Wiadomość"', () => {
    const rule = { enabled: true, text: 'x', quietHours: false };
    const body = { phones: [], newOrder: { ...rule, minAmount: -1 }, orderCancelled: rule, outOfStock: rule };
    expect(both(StaffAlertsBody, body)).toEqual({
      field: 'newOrder.minAmount',
      pl: 'Kwota zamówienia od: podaj kwotę 0 lub większą (0 oznacza każde zamówienie)',
      en: 'Order amount from: enter an amount of 0 or more (0 means every order)',
    });
    const long = { ...body, newOrder: { ...rule, minAmount: 0 }, orderCancelled: { ...rule, text: 'x'.repeat(2001) } };
    expect(both(StaffAlertsBody, long)).toMatchObject({ field: 'orderCancelled.text', pl: 'Wiadomość: wpisz treść do 2000 znaków' });
  });

  it('a missing field says it is required, by its label', () => {
    expect(both(TemplateBody, { delayDays: 1, text: 'x' })).toMatchObject({
      field: 'enabled',
      pl: 'Wyślij: to pole jest wymagane — uzupełnij je',
    });
  });

  it('settings: an hour, a time zone, countries and the cap by their labels in the panel', () => {
    expect(both(SettingsBody, { quietHours: { start: '8 rano' } }).pl).toBe('Godziny wysyłki: od: wpisz godzinę jako GG:MM, np. 08:00');
    expect(both(SettingsBody, { quietHours: { timeZone: '' } }).pl).toBe('Strefa czasowa: wybierz strefę z listy, np. Europe/Warsaw');
    expect(both(SettingsBody, { allowedCountries: ['POL'] })).toMatchObject({
      field: 'allowedCountries.0',
      pl: 'Kraje numerów klientów: wpisz dwuliterowe kody krajów oddzielone przecinkami, np. PL, CZ',
    });
    expect(both(SettingsBody, { storefrontDailyCap: -5 }).pl).toBe('Dzienny limit zapisów ze strony sklepu: podaj liczbę od 0 do 100000');
  });

  it('an unknown event and an unknown key', () => {
    expect(both(CelebrationBody, { event: 'birthday', delayDays: 1, text: 'x' }).pl).toBe('Zdarzenie: wybierz zdarzenie z listy');
    expect(both(SettingsBody, { quietHourz: {} })).toEqual({
      field: 'body',
      pl: 'Formularz: nieznane pole „quietHourz” — usuń je',
      en: 'Form: unknown field quietHourz: remove it',
    });
  });

  it('a too short SMSAPI token', () => {
    expect(both(SmsapiSettingsBody, { token: 'abc' }).pl).toBe('Token API: wklej cały token z panelu SMSAPI (Ustawienia API → Tokeny API)');
  });

  it('never shows zod English in Polish', () => {
    for (const [schema, value] of [
      [TemplateBody, { enabled: 'tak', delayDays: 1, text: 5 }],
      [SettingsBody, { ownerPhone: 7 }],
      [CelebrationBody, { event: 'order-placed', delayDays: 1, text: 'x'.repeat(2001) }],
    ] as const) {
      expect(both(schema, value).pl).not.toMatch(/Invalid|expected|Too (small|big)|received/);
    }
  });
});
