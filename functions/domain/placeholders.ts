// The dynamic parameters ("parametry dynamiczne") each kind of message may use, as listed under the message
// box, with a sample value used for previews and for judging a template's length.
import type { CustomerValueKind } from './text-safety';
import { isMarketing, type MessageKind, type NotificationKind } from './notification-kinds';

export type { MessageKind } from './notification-kinds';

export interface PlaceholderInfo {
  /** Without braces: `order_id` is written `{order_id}` in a template. */
  name: string;
  pl: string;
  en: string;
  sample: string;
}

// Samples avoid Polish letters on purpose: the length check should reflect the merchant's own text, not
// switch to UCS-2 because of an invented sample.
const ORDER_ID: PlaceholderInfo = { name: 'order_id', pl: 'identyfikator zamówienia', en: 'order number', sample: '1234' };
const SUM: PlaceholderInfo = { name: 'sum', pl: 'kwota zamówienia', en: 'order amount', sample: '123,45' };
const SHIPPING_COST: PlaceholderInfo = { name: 'shipping_cost', pl: 'koszt dostawy', en: 'shipping cost', sample: '15,00' };
const TOTAL_COST: PlaceholderInfo = {
  name: 'total_cost',
  pl: 'kwota zamówienia + koszt dostawy',
  en: 'order amount + shipping cost',
  sample: '138,45',
};
const CURRENCY: PlaceholderInfo = { name: 'currency', pl: 'waluta', en: 'currency', sample: 'PLN' };
const STATUS_NAME: PlaceholderInfo = { name: 'status_name', pl: 'status', en: 'order status', sample: 'w trakcie kompletowania' };
const DELIVERY_CITY: PlaceholderInfo = { name: 'delivery_city', pl: 'miasto dostawy', en: 'delivery city', sample: 'Warszawa' };
const DELIVERY_POSTCODE: PlaceholderInfo = {
  name: 'delivery_postcode',
  pl: 'kod pocztowy dostawy',
  en: 'delivery postcode',
  sample: '00-001',
};
const DELIVERY_STREET: PlaceholderInfo = {
  name: 'delivery_street',
  pl: 'adres dostawy',
  en: 'delivery address',
  sample: 'ul. Prosta 12/4',
};
const DELIVERY_COUNTRY: PlaceholderInfo = { name: 'delivery_country', pl: 'kraj dostawy', en: 'delivery country', sample: 'Polska' };
const SHIPPING_NAME: PlaceholderInfo = { name: 'shipping_name', pl: 'rodzaj dostawy', en: 'shipping method', sample: 'Kurier DPD' };
const SHOP_NAME: PlaceholderInfo = { name: 'shop_name', pl: 'nazwa sklepu', en: 'shop name', sample: 'Sklep Demo' };
const NAME: PlaceholderInfo = { name: 'name', pl: 'imię klienta', en: "customer's first name", sample: 'Anna' };
const LASTNAME: PlaceholderInfo = { name: 'lastname', pl: 'nazwisko klienta', en: "customer's last name", sample: 'Kowalska' };
const EMAIL: PlaceholderInfo = { name: 'email', pl: 'email klienta', en: "customer's e-mail", sample: 'anna.kowalska@example.com' };
const PRODUCT_NAME: PlaceholderInfo = { name: 'product_name', pl: 'nazwa produktu', en: 'product name', sample: 'T-shirt sportowy Hawaii' };
const PRICE: PlaceholderInfo = { name: 'price', pl: 'cena produktu', en: 'product price', sample: '79,99' };
const PRODUCT_CODE: PlaceholderInfo = { name: 'product_code', pl: 'kod produktu', en: 'product code', sample: 'TS-HAW-01' };
const PRODUCT_ID: PlaceholderInfo = { name: 'product_id', pl: 'identyfikator produktu', en: 'product id', sample: '125' };

// Link placeholders become a short tracked link of the SMS (`<base>/l/<code>`); their sample is replaced by a
// link of the real length when the short-link base is known (sampleValues' `linkBase`).
export const LINK_PLACEHOLDERS = ['shop_link', 'product_link', 'basket_link', 'order_link', 'stop_link'] as const;
export type LinkPlaceholder = (typeof LINK_PLACEHOLDERS)[number];
export const isLinkPlaceholder = (name: string): name is LinkPlaceholder => (LINK_PLACEHOLDERS as readonly string[]).includes(name);
export const shortLinkUrl = (base: string, code: string) => `${base.replace(/\/+$/, '')}/l/${code}`;
const SAMPLE_CODE = 'Ab3dE6gH9k';

// Commercial messages (notification-kinds.ts): they get a {stop_link}, an opt-out stops them, and an
// order after their click is theirs.
export { MARKETING_KINDS, isMarketing } from './notification-kinds';

/** The line added to a marketing template without its own {stop_link} (setting "Dodawaj link rezygnacji"). */
export const STOP_LINK_LINE = 'Rezygnacja: {stop_link}';

export function withStopLink(kind: MessageKind, text: string, autoStopLink: boolean): string {
  if (!autoStopLink || !isMarketing(kind as NotificationKind) || text.trim() === '' || text.includes('{stop_link}')) return text;
  return `${text.trimEnd()}\n${STOP_LINK_LINE}`;
}
const link = (name: LinkPlaceholder, pl: string, en: string): PlaceholderInfo => ({
  name,
  pl,
  en,
  sample: shortLinkUrl('https://example.pl', SAMPLE_CODE),
});
const SHOP_LINK = link('shop_link', 'link do sklepu', 'link to the shop');
const PRODUCT_LINK = link('product_link', 'link do produktu', 'link to the product');
const BASKET_LINK = link('basket_link', 'link do koszyka', 'link to the basket');
const ORDER_LINK = link('order_link', 'link do zamówienia', 'link to the order');
const STOP_LINK = link('stop_link', 'link rezygnacji z SMS', 'opt-out link');

// The manual's 13 parameters (section 4.3), in its order.
const ORDER_SET: readonly PlaceholderInfo[] = [
  ORDER_ID,
  SUM,
  SHIPPING_COST,
  TOTAL_COST,
  CURRENCY,
  STATUS_NAME,
  DELIVERY_CITY,
  DELIVERY_POSTCODE,
  DELIVERY_STREET,
  DELIVERY_COUNTRY,
  SHIPPING_NAME,
  SHOP_NAME,
  NAME,
];

export const PLACEHOLDERS: Record<MessageKind, readonly PlaceholderInfo[]> = {
  'owner-new-order': [...ORDER_SET, SHOP_LINK, ORDER_LINK],
  'order-status': [...ORDER_SET, SHOP_LINK, ORDER_LINK],
  // order_id renders empty for events without an order (account registration).
  celebration: [NAME, LASTNAME, SHOP_NAME, ORDER_ID, SHOP_LINK, STOP_LINK],
  'back-in-stock': [PRODUCT_NAME, SHOP_NAME, PRICE, CURRENCY, SHOP_LINK, PRODUCT_LINK, STOP_LINK],
  'abandoned-cart': [NAME, LASTNAME, EMAIL, SHOP_NAME, SHOP_LINK, BASKET_LINK, STOP_LINK],
  // Staff alerts (domain/staff-alerts.ts): the order's values, or the product that ran out.
  'staff-new-order': ORDER_SET,
  'staff-order-cancelled': ORDER_SET,
  'staff-out-of-stock': [PRODUCT_NAME, PRODUCT_CODE, PRODUCT_ID, SHOP_NAME],
  test: [SHOP_NAME],
};

/**
 * The placeholders whose values a customer typed (at checkout or in the account form): cleaned and capped before
 * they go into any message, the owner's alerts included. Everything else is the shop's own (names of statuses,
 * shippings, products, the shop) or a number.
 */
export const CUSTOMER_VALUES: Readonly<Record<string, CustomerValueKind>> = {
  name: 'name',
  lastname: 'name',
  email: 'email',
  delivery_city: 'address',
  delivery_postcode: 'address',
  delivery_street: 'address',
  delivery_country: 'address',
};

export function isAllowedPlaceholder(kind: MessageKind, name: string): boolean {
  return PLACEHOLDERS[kind].some((placeholder) => placeholder.name === name);
}

/**
 * Sample values for every placeholder of a kind, for previews and the length check; with `linkBase` (where short
 * links live) each link is a sample short link of the real length.
 */
export function sampleValues(kind: MessageKind, options?: { linkBase?: string }): Record<string, string> {
  const base = options?.linkBase;
  return Object.fromEntries(
    PLACEHOLDERS[kind].map((placeholder) => [
      placeholder.name,
      base && isLinkPlaceholder(placeholder.name) ? shortLinkUrl(base, SAMPLE_CODE) : placeholder.sample,
    ]),
  );
}
