// Proposed message texts ("zaproponowane szablony") a merchant starts from: one per Shoper default order
// status, the owner's new-order alert, back-in-stock, abandoned cart and the date-celebration examples.

export type CelebrationEvent = 'order-shipped' | 'first-order' | 'order-placed' | 'account-registered';

export const DEFAULT_STATUS_TEMPLATES: readonly { statusName: string; text: string }[] = [
  {
    statusName: 'złożone',
    text: 'Dzień dobry!\nPotwierdzamy złożenie zamówienia numer {order_id} na kwotę {sum} {currency}.\nPozdrawiamy, zespół {shop_name}.',
  },
  {
    statusName: 'przyjęte do realizacji',
    text: 'Dzień dobry! Zamówienie {order_id} zostało przyjęte do realizacji. Pozdrawiamy, zespół {shop_name}.',
  },
  {
    statusName: 'oczekiwanie na dostawę',
    text: 'Dzień dobry! Zamówienie {order_id} czeka na dostawę towaru do naszego magazynu. Damy znać, gdy ruszy dalej. {shop_name}',
  },
  {
    statusName: 'w trakcie kompletowania',
    text: 'Dzień dobry! Kompletujemy Twoje zamówienie {order_id}. Wkrótce będzie gotowe do wysyłki. {shop_name}',
  },
  {
    statusName: 'oczekiwanie na płatność',
    text: 'Dzień dobry! Zamówienie {order_id} czeka na płatność {total_cost} {currency}. Po jej zaksięgowaniu rozpoczniemy realizację. {shop_name}',
  },
  {
    statusName: 'gotowe do wysłania',
    text: 'Dzień dobry! Zamówienie {order_id} jest gotowe do wysłania ({shipping_name}). {shop_name}',
  },
  {
    statusName: 'przesyłka wysłana',
    text: 'Dzień dobry! Zamówienie {order_id} zostało wysłane: {shipping_name}, adres {delivery_street}, {delivery_postcode} {delivery_city}. Dziękujemy! {shop_name}',
  },
  {
    statusName: 'anulowane',
    text: 'Dzień dobry! Zamówienie {order_id} zostało anulowane. W razie pytań prosimy o kontakt. {shop_name}',
  },
  {
    statusName: 'odrzucone',
    text: 'Dzień dobry! Niestety nie możemy zrealizować zamówienia {order_id}. W razie pytań prosimy o kontakt. {shop_name}',
  },
  {
    statusName: 'zwrócone',
    text: 'Dzień dobry! Otrzymaliśmy zwrot zamówienia {order_id}. Poinformujemy o dalszych krokach. {shop_name}',
  },
  {
    statusName: 'reklamowane',
    text: 'Dzień dobry! Przyjęliśmy reklamację zamówienia {order_id}. Odezwiemy się po jej rozpatrzeniu. {shop_name}',
  },
  {
    statusName: 'testowe w realizacji',
    text: 'Test: zamówienie {order_id} ma status {status_name}. {shop_name}',
  },
];

/** The proposed text for a status, matched by its Polish name (case and surrounding spaces ignored). */
export function proposedStatusTemplate(statusName: string): string | undefined {
  const wanted = statusName.trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
  return DEFAULT_STATUS_TEMPLATES.find((template) => template.statusName === wanted)?.text;
}

export const DEFAULT_TEMPLATES: { 'owner-new-order': string; 'back-in-stock': string; 'abandoned-cart': string } = {
  'owner-new-order': 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} {currency}',
  'back-in-stock': 'Dobra wiadomość! Produkt {product_name} jest znów dostępny w sklepie {shop_name} w cenie {price} {currency}. Zapraszamy!',
  'abandoned-cart': '{name}, w Twoim koszyku w sklepie {shop_name} czekają produkty. Dokończ zakupy, zanim znikną z magazynu!',
};

// The manual's examples (4.6) with [NAZWA] replaced by {shop_name}; links and discount codes the
// manual left as [LINK]/[KOD] are shop-specific, so the texts here stand on their own without them.
export const CELEBRATION_EXAMPLES: readonly { event: CelebrationEvent; delayDays: number; text: string }[] = [
  {
    event: 'order-shipped',
    delayDays: 4,
    text: 'Jak oceniasz Twoje ostatnie zamówienie ze sklepu {shop_name}? Podziel się opinią na naszej stronie, to dla nas ważne!',
  },
  {
    event: 'first-order',
    delayDays: 4,
    text: '{name}, dziękujemy za pierwsze zamówienie w {shop_name}! Zajrzyj do nas znowu, co tydzień dodajemy nowości.',
  },
  {
    event: 'order-placed',
    delayDays: 30,
    text: '{name}, minął miesiąc od Twojego zamówienia {order_id} w {shop_name}. Może czas uzupełnić zapasy?',
  },
  {
    event: 'account-registered',
    delayDays: 3,
    text: 'Super, że jesteś z nami, {name}! Zobacz nowości i przecenione produkty w sklepie {shop_name}.',
  },
];
