// The widget's texts, Polish first, English second; the language comes from data-lang or <html lang>.
export type Lang = 'pl' | 'en';

export const TEXTS = {
  pl: {
    title: 'Powiadom mnie SMS-em o dostępności',
    intro: 'Produkt jest chwilowo niedostępny. Zostaw numer, a wyślemy jeden SMS, gdy wróci.',
    phone: 'Numer telefonu komórkowego',
    consent:
      'Wyrażam zgodę na otrzymanie jednorazowej wiadomości SMS o dostępności tego produktu na podany numer. Zgodę mogę wycofać w każdej chwili.',
    submit: 'Powiadom mnie',
    sending: 'Zapisuję…',
    withdraw: 'Wycofaj zgodę',
    withdrawn: 'Zapis został wycofany. Nie wyślemy SMS-a.',
    needPhone: 'Wpisz numer telefonu komórkowego.',
    needConsent: 'Zaznacz zgodę, abyśmy mogli wysłać SMS.',
    network: 'Nie udało się połączyć. Spróbuj ponownie za chwilę.',
    failed: 'Nie udało się zapisać. Spróbuj ponownie.',
    PHONE_INVALID: 'To nie wygląda na prawidłowy numer telefonu.',
    PHONE_NOT_MOBILE: 'Podaj numer telefonu komórkowego — SMS nie dotrze na numer stacjonarny ani specjalny.',
    PHONE_COUNTRY_NOT_ALLOWED: 'Ten sklep wysyła SMS-y tylko na numery z wybranych krajów.',
  },
  en: {
    title: 'Text me when it is back in stock',
    intro: 'This product is unavailable right now. Leave your number and we will send one text message when it is back.',
    phone: 'Mobile phone number',
    consent:
      'I agree to receive a one-off text message to this number when this product is available again. I can withdraw this consent at any time.',
    submit: 'Notify me',
    sending: 'Saving…',
    withdraw: 'Withdraw consent',
    withdrawn: 'Your sign-up has been withdrawn. We will not text you.',
    needPhone: 'Enter a mobile phone number.',
    needConsent: 'Tick the consent box so we can text you.',
    network: 'Could not connect. Please try again in a moment.',
    failed: 'Could not sign you up. Please try again.',
    PHONE_INVALID: 'This does not look like a valid phone number.',
    PHONE_NOT_MOBILE: 'Enter a mobile number — a text cannot reach a landline or a special-rate number.',
    PHONE_COUNTRY_NOT_ALLOWED: 'This shop sends text messages only to numbers from selected countries.',
  },
} as const;

export type TextKey = keyof (typeof TEXTS)['pl'];

export function pickLang(forced: string | undefined, htmlLang: string): Lang {
  return (forced || htmlLang || 'pl').toLowerCase().startsWith('en') ? 'en' : 'pl';
}
