// The texts a merchant starts from must be valid templates of their kind, for every Shoper default status.
import { CELEBRATION_EXAMPLES, DEFAULT_STATUS_TEMPLATES, DEFAULT_TEMPLATES, proposedStatusTemplate } from '#domain/default-templates';
import { renderSample, validateTemplate } from '#domain/template';
import { smsLength } from '#domain/sms-length';
import type { MessageKind } from '#domain/placeholders';

/** Every proposed text costs one SMS: GSM-7 (no Polish letters, as the manual writes them) and one part with sample values. */
const expectOnePartGsm = (kind: MessageKind, text: string) => {
  const length = smsLength(renderSample(kind, text));
  expect({ encoding: length.encoding, parts: length.parts, special: length.specialCharacters }).toEqual({
    encoding: 'GSM-7',
    parts: 1,
    special: [],
  });
};

describe('DEFAULT_STATUS_TEMPLATES', () => {
  it("proposes a text for each of Shoper's 12 default statuses (manual 4.4)", () => {
    expect(DEFAULT_STATUS_TEMPLATES.map((template) => template.statusName)).toEqual([
      'złożone',
      'przyjęte do realizacji',
      'oczekiwanie na dostawę',
      'w trakcie kompletowania',
      'oczekiwanie na płatność',
      'gotowe do wysłania',
      'przesyłka wysłana',
      'anulowane',
      'odrzucone',
      'zwrócone',
      'reklamowane',
      'testowe w realizacji',
    ]);
  });

  it.each(DEFAULT_STATUS_TEMPLATES.map((template) => [template.statusName, template.text]))(
    'the text for "%s" is a valid order-status template',
    (_status, text) => {
      expect(validateTemplate('order-status', text)).toEqual([]);
    },
  );

  it.each(DEFAULT_STATUS_TEMPLATES.map((template) => [template.statusName, template.text]))(
    'the text for "%s" is one GSM-7 part, as the manual writes "Dzien dobry!"',
    (_status, text) => expectOnePartGsm('order-status', text),
  );
});

describe('proposedStatusTemplate', () => {
  it('finds the text by Polish status name, ignoring case and extra spaces', () => {
    expect(proposedStatusTemplate('złożone')).toContain('Potwierdzamy zlozenie zamowienia numer {order_id}');
    expect(proposedStatusTemplate('  Przesyłka   WYSŁANA ')).toBe(proposedStatusTemplate('przesyłka wysłana'));
    expect(proposedStatusTemplate('ZŁOŻONE')).toBe(proposedStatusTemplate('złożone'));
  });

  it("has nothing for a merchant's own status", () => {
    expect(proposedStatusTemplate('czeka na odbiór osobisty')).toBeUndefined();
  });
});

describe('DEFAULT_TEMPLATES', () => {
  it("proposes the manual's owner alert", () => {
    expect(DEFAULT_TEMPLATES['owner-new-order']).toBe('Nowe zamowienie {order_id}. Kwota zamowienia: {sum} {currency}');
  });

  it.each(['owner-new-order', 'back-in-stock', 'abandoned-cart'] as const)('the %s text is one GSM-7 part', (kind) => {
    expectOnePartGsm(kind, DEFAULT_TEMPLATES[kind]);
  });

  it.each(['owner-new-order', 'back-in-stock', 'abandoned-cart'] as const)('the %s text is valid for its kind', (kind) => {
    expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
  });
});

describe('CELEBRATION_EXAMPLES', () => {
  it("includes the manual's three examples with their delays", () => {
    const byEvent = Object.fromEntries(CELEBRATION_EXAMPLES.map((example) => [example.event, example.delayDays]));
    expect(byEvent).toMatchObject({ 'order-shipped': 4, 'first-order': 4, 'account-registered': 3 });
  });

  it.each(CELEBRATION_EXAMPLES.map((example) => [example.event, example.text]))(
    'the %s example is a valid celebration template without leftover [MARKERS]',
    (_event, text) => {
      expect(validateTemplate('celebration', text)).toEqual([]);
      expect(text).not.toMatch(/\[[A-ZĄĆĘŁŃÓŚŹŻ ]+\]/);
    },
  );

  it.each(CELEBRATION_EXAMPLES.map((example) => [example.event, example.text]))('the %s example is one GSM-7 part', (_event, text) => {
    expectOnePartGsm('celebration', text);
  });

  it('does not use the order number for account registration, where there is no order', () => {
    const registration = CELEBRATION_EXAMPLES.find((example) => example.event === 'account-registered');
    expect(registration?.text).not.toContain('{order_id}');
  });
});
