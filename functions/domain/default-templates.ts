// Proposed message texts ("zaproponowane szablony") a merchant starts from: one per Shoper default order
// status, the owner's new-order alert, back-in-stock, abandoned cart and the date-celebration examples.
import type { TemplateKind } from './notification-kinds';

export type CelebrationEvent = 'order-shipped' | 'first-order' | 'order-placed' | 'account-registered';

// Written as the manual writes them ("Dzien dobry! …"): GSM-7 only, so each is one SMS part with the
// sample values. Polish letters switch a message to UCS-2 (70 characters a part): the merchant may add them
// knowingly, the counter under the box says what they cost.
export const DEFAULT_STATUS_TEMPLATES: readonly { statusName: string; text: string }[] = [
  {
    statusName: 'złożone',
    text: 'Dzien dobry!\nPotwierdzamy zlozenie zamowienia numer {order_id} na kwote {sum} {currency}.\nPozdrawiamy, zespol {shop_name}.',
  },
  {
    statusName: 'przyjęte do realizacji',
    text: 'Dzien dobry! Zamowienie {order_id} zostalo przyjete do realizacji. Pozdrawiamy, zespol {shop_name}.',
  },
  {
    statusName: 'oczekiwanie na dostawę',
    text: 'Dzien dobry! Zamowienie {order_id} czeka na dostawe towaru do naszego magazynu. Damy znac, gdy ruszy dalej. {shop_name}',
  },
  {
    statusName: 'w trakcie kompletowania',
    text: 'Dzien dobry! Kompletujemy Twoje zamowienie {order_id}. Wkrotce bedzie gotowe do wysylki. {shop_name}',
  },
  {
    statusName: 'oczekiwanie na płatność',
    text: 'Dzien dobry! Zamowienie {order_id} czeka na platnosc {total_cost} {currency}. Po jej zaksiegowaniu rozpoczniemy realizacje. {shop_name}',
  },
  {
    statusName: 'gotowe do wysłania',
    text: 'Dzien dobry! Zamowienie {order_id} jest gotowe do wyslania ({shipping_name}). {shop_name}',
  },
  {
    statusName: 'przesyłka wysłana',
    text: 'Dzien dobry! Zamowienie {order_id} zostalo wyslane ({shipping_name}) na adres {delivery_street}, {delivery_city}. {shop_name}',
  },
  {
    statusName: 'anulowane',
    text: 'Dzien dobry! Zamowienie {order_id} zostalo anulowane. W razie pytan prosimy o kontakt. {shop_name}',
  },
  {
    statusName: 'odrzucone',
    text: 'Dzien dobry! Niestety nie mozemy zrealizowac zamowienia {order_id}. W razie pytan prosimy o kontakt. {shop_name}',
  },
  {
    statusName: 'zwrócone',
    text: 'Dzien dobry! Otrzymalismy zwrot zamowienia {order_id}. Poinformujemy o dalszych krokach. {shop_name}',
  },
  {
    statusName: 'reklamowane',
    text: 'Dzien dobry! Przyjelismy reklamacje zamowienia {order_id}. Odezwiemy sie po jej rozpatrzeniu. {shop_name}',
  },
  {
    statusName: 'testowe w realizacji',
    text: 'Test: zamowienie {order_id} ma status {status_name}. {shop_name}',
  },
];

/** The proposed text for a status, matched by its Polish name (case and surrounding spaces ignored). */
export function proposedStatusTemplate(statusName: string): string | undefined {
  const wanted = statusName.trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
  return DEFAULT_STATUS_TEMPLATES.find((template) => template.statusName === wanted)?.text;
}

export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  'owner-new-order': 'Nowe zamowienie {order_id}. Kwota zamowienia: {sum} {currency}',
  'back-in-stock':
    'Dobra wiadomosc! Produkt {product_name} jest znow dostepny w sklepie {shop_name} w cenie {price} {currency}. Zapraszamy!',
  'abandoned-cart': '{name}, w Twoim koszyku w sklepie {shop_name} czekaja produkty. Dokoncz zakupy, zanim znikna z magazynu!',
};

// The manual's examples (4.6) with [NAZWA] replaced by {shop_name}; links and discount codes the
// manual left as [LINK]/[KOD] are shop-specific, so the texts here stand on their own without them.
export const CELEBRATION_EXAMPLES: readonly { event: CelebrationEvent; delayDays: number; text: string }[] = [
  {
    event: 'order-shipped',
    delayDays: 4,
    text: 'Jak oceniasz Twoje ostatnie zamowienie ze sklepu {shop_name}? Podziel sie opinia na naszej stronie, to dla nas wazne!',
  },
  {
    event: 'first-order',
    delayDays: 4,
    text: '{name}, dziekujemy za pierwsze zamowienie w {shop_name}! Zajrzyj do nas znowu, co tydzien dodajemy nowosci.',
  },
  {
    event: 'order-placed',
    delayDays: 30,
    text: '{name}, minal miesiac od Twojego zamowienia {order_id} w {shop_name}. Moze czas uzupelnic zapasy?',
  },
  {
    event: 'account-registered',
    delayDays: 3,
    text: 'Super, ze jestes z nami, {name}! Zobacz nowosci i przecenione produkty w sklepie {shop_name}.',
  },
];
