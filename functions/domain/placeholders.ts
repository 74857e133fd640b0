// The dynamic parameters ("parametry dynamiczne") each kind of message may use, as listed under the message
// box, with a sample value used for previews and for judging a template's length.
import type { CustomerValueKind } from './text-safety';

export type MessageKind =
  | 'owner-new-order'
  | 'order-status'
  | 'celebration'
  | 'back-in-stock'
  | 'abandoned-cart'
  | 'test';

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
  name: 'total_cost', pl: 'kwota zamówienia + koszt dostawy', en: 'order amount + shipping cost', sample: '138,45',
};
const CURRENCY: PlaceholderInfo = { name: 'currency', pl: 'waluta', en: 'currency', sample: 'PLN' };
const STATUS_NAME: PlaceholderInfo = { name: 'status_name', pl: 'status', en: 'order status', sample: 'w trakcie kompletowania' };
const DELIVERY_CITY: PlaceholderInfo = { name: 'delivery_city', pl: 'miasto dostawy', en: 'delivery city', sample: 'Warszawa' };
const DELIVERY_POSTCODE: PlaceholderInfo = {
  name: 'delivery_postcode', pl: 'kod pocztowy dostawy', en: 'delivery postcode', sample: '00-001',
};
const DELIVERY_STREET: PlaceholderInfo = {
  name: 'delivery_street', pl: 'adres dostawy', en: 'delivery address', sample: 'ul. Prosta 12/4',
};
const DELIVERY_COUNTRY: PlaceholderInfo = { name: 'delivery_country', pl: 'kraj dostawy', en: 'delivery country', sample: 'Polska' };
const SHIPPING_NAME: PlaceholderInfo = { name: 'shipping_name', pl: 'rodzaj dostawy', en: 'shipping method', sample: 'Kurier DPD' };
const SHOP_NAME: PlaceholderInfo = { name: 'shop_name', pl: 'nazwa sklepu', en: 'shop name', sample: 'Sklep Demo' };
const NAME: PlaceholderInfo = { name: 'name', pl: 'imię klienta', en: "customer's first name", sample: 'Anna' };
const LASTNAME: PlaceholderInfo = { name: 'lastname', pl: 'nazwisko klienta', en: "customer's last name", sample: 'Kowalska' };
const EMAIL: PlaceholderInfo = { name: 'email', pl: 'email klienta', en: "customer's e-mail", sample: 'anna.kowalska@example.com' };
const PRODUCT_NAME: PlaceholderInfo = { name: 'product_name', pl: 'nazwa produktu', en: 'product name', sample: 'T-shirt sportowy Hawaii' };
const PRICE: PlaceholderInfo = { name: 'price', pl: 'cena produktu', en: 'product price', sample: '79,99' };

// The manual's 13 parameters (section 4.3), in its order.
const ORDER_SET: readonly PlaceholderInfo[] = [
  ORDER_ID, SUM, SHIPPING_COST, TOTAL_COST, CURRENCY, STATUS_NAME, DELIVERY_CITY, DELIVERY_POSTCODE,
  DELIVERY_STREET, DELIVERY_COUNTRY, SHIPPING_NAME, SHOP_NAME, NAME,
];

export const PLACEHOLDERS: Record<MessageKind, readonly PlaceholderInfo[]> = {
  'owner-new-order': ORDER_SET,
  'order-status': ORDER_SET,
  // order_id renders empty for events without an order (account registration).
  celebration: [NAME, LASTNAME, SHOP_NAME, ORDER_ID],
  'back-in-stock': [PRODUCT_NAME, SHOP_NAME, PRICE, CURRENCY],
  'abandoned-cart': [NAME, LASTNAME, EMAIL, SHOP_NAME],
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

/** Sample values for every placeholder of a kind, for previews and the length check. */
export function sampleValues(kind: MessageKind): Record<string, string> {
  return Object.fromEntries(PLACEHOLDERS[kind].map((placeholder) => [placeholder.name, placeholder.sample]));
}
