// The shop's data as Shoper's REST API shows it (field names and types after mkasprz/shoper-sdk-php
// src/Rest/Types): orders, users and their embedded objects carry numbers as strings; products,
// statuses and stocks carry real numbers. Webhook payloads are these same objects.
import { money, shoperDate } from './format';
import type { SimAddress, SimOrder, SimParcel, SimProduct, SimShop, SimStatus, SimUser, SimUserAddress, SimWebhook } from './types';

type Json = Record<string, unknown>;

const LOCALES = ['pl_PL', 'en_US'] as const;
const LANG_ID: Record<(typeof LOCALES)[number], number> = { pl_PL: 1, en_US: 2 };

function statusTranslations(status: SimStatus): Json {
  return Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      {
        translation_id: status.statusId * 10 + LANG_ID[locale],
        status_id: status.statusId,
        name: status.names[locale],
        message: '',
        lang_id: LANG_ID[locale],
      },
    ]),
  );
}

export function statusView(status: SimStatus): Json {
  return {
    status_id: status.statusId,
    active: status.active ? 1 : 0,
    default: status.default ? 1 : 0,
    color: status.color,
    type: status.type,
    order: status.order,
    email_change: true,
    translations: statusTranslations(status),
  };
}

/** The status as embedded in an order: strings, plus the name in the shop's language (app-msg91 reads `status.name`). */
function orderStatusView(status: SimStatus | undefined, statusId: number): Json {
  if (!status) return { status_id: String(statusId) };
  return {
    status_id: String(status.statusId),
    active: status.active ? '1' : '0',
    default: status.default ? '1' : '0',
    color: status.color,
    type: String(status.type),
    order: String(status.order),
    email_change: '1',
    name: status.names.pl_PL,
    translations: statusTranslations(status),
  };
}

function orderAddressView(address: SimAddress, orderId: number, addressId: number, type: '1' | '2'): Json {
  return {
    address_id: String(addressId),
    order_id: String(orderId),
    type,
    firstname: address.firstname,
    lastname: address.lastname,
    company: address.company,
    tax_identification_number: '',
    street1: address.street1,
    street2: address.street2,
    postcode: address.postcode,
    city: address.city,
    state: '',
    country: address.country,
    country_code: address.countryCode,
    phone: address.phone,
  };
}

export function orderView(shop: SimShop, order: SimOrder): Json {
  const status = shop.statuses.find((s) => s.statusId === order.statusId);
  const parcels = shop.parcels.filter((p) => p.orderId === order.orderId);
  return {
    order_id: String(order.orderId),
    user_id: order.userId === null ? null : String(order.userId),
    date: shoperDate(order.date),
    status_date: shoperDate(order.statusDate),
    confirm_date: shoperDate(order.date),
    delivery_date: null,
    status_id: String(order.statusId),
    status: orderStatusView(status, order.statusId),
    sum: money(order.sum),
    paid: '0.00',
    is_paid: false,
    is_underpayment: false,
    is_overpayment: false,
    is_cash_on_delivery: false,
    shipping_id: String(order.shippingId),
    shipping_cost: money(order.shippingCost),
    shipping_tax_id: '1',
    shipping_tax_value: '23.00',
    shipping_tax_name: '23%',
    payment_id: String(order.paymentId),
    currency_id: String(order.currencyId),
    currency_name: 'PLN',
    currency_rate: '1.0000',
    email: order.email,
    lang_id: String(order.langId),
    origin: '0',
    confirm: '1',
    user_order: order.userId === null ? '0' : '1',
    code: `${order.orderId}`.padStart(6, '0'),
    notes: '',
    notes_priv: '',
    notes_pub: '',
    promo_code: '',
    discount_client: '0.00',
    discount_group: '0.00',
    discount_levels: '0.00',
    discount_code: '0.00',
    total_products: order.lines.reduce((n, line) => n + line.quantity, 0),
    total_parcels: parcels.length,
    ip_address: '127.0.0.1',
    order_url: `${shop.url}/panel/order/${order.orderId}`,
    billing_address: orderAddressView(order.billing, order.orderId, order.orderId * 2 - 1, '1'),
    delivery_address: orderAddressView(order.delivery, order.orderId, order.orderId * 2, '2'),
  };
}

export function orderProductViews(order: SimOrder): Json[] {
  return order.lines.map((line, index) => ({
    id: order.orderId * 100 + index + 1,
    order_id: order.orderId,
    product_id: line.productId,
    stock_id: line.productId,
    name: line.name,
    quantity: line.quantity,
    price: line.price,
    unit: 'szt.',
    tax_value: 23,
  }));
}

export function userView(user: SimUser): Json {
  return {
    user_id: String(user.userId),
    login: user.email,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    date_add: shoperDate(user.dateAdd),
    lastvisit: shoperDate(user.dateAdd),
    newsletter: user.newsletter ? '1' : '0',
    lang_id: String(user.langId),
    active: '1',
    registered: '1',
    verify_email: '1',
    group_id: '1',
    groups: [1],
    discount: '0.00',
    comment: '',
    origin: '0',
    tags: [],
  };
}

export function userAddressView(address: SimUserAddress): Json {
  return {
    address_book_id: address.addressBookId,
    user_id: address.userId,
    address_name: `${address.street1}, ${address.zipCode} ${address.city}`,
    company_name: '',
    firstname: address.firstname,
    lastname: address.lastname,
    pesel: '',
    street_1: address.street1,
    street_2: '',
    city: address.city,
    zip_code: address.zipCode,
    state: '',
    country: address.country,
    country_code: address.countryCode,
    phone: address.phone,
    default: address.default,
    shipping_default: address.default,
    sortkey: `${address.lastname}${address.firstname}`.toLowerCase(),
    tax_identification_number: '',
  };
}

export function stockView(product: SimProduct): Json {
  return {
    stock_id: product.productId,
    product_id: product.productId,
    extended: false,
    default: true,
    active: product.active,
    stock: product.stock,
    warn_level: 2,
    sold: 0,
    price: product.price,
    price_type: 1,
    code: product.code,
    ean: '',
    weight: 0.5,
    weight_type: 0,
    availability_id: product.availabilityId,
    calculated_availability_id: product.stock > 0 ? product.availabilityId : 3,
    delivery_id: 1,
    gfx_id: null,
    package: 0,
    options: [],
  };
}

export function productView(product: SimProduct, shopUrl: string): Json {
  const permalink = product.name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-');
  return {
    product_id: product.productId,
    type: 0,
    code: product.code,
    ean: '',
    pkwiu: '',
    category_id: 1,
    categories: [1],
    producer_id: null,
    tax_id: 1,
    unit_id: 1,
    currency_id: 1,
    add_date: shoperDate(product.addDate),
    edit_date: shoperDate(product.editDate),
    newproduct: false,
    bestseller: false,
    translations: {
      pl_PL: {
        translation_id: product.productId,
        product_id: product.productId,
        name: product.name,
        short_description: '',
        description: '',
        active: product.active,
        lang_id: 1,
        isdefault: true,
        permalink: `${shopUrl}/pl/p/${permalink}/${product.productId}`,
        seo_url: permalink,
      },
    },
    stock: stockView(product),
    options: [],
  };
}

export function parcelView(parcel: SimParcel, order: SimOrder | undefined): Json {
  return {
    parcel_id: String(parcel.parcelId),
    order_id: String(parcel.orderId),
    shipping_id: String(parcel.shippingId),
    shipping_code: parcel.shippingCode,
    sent: parcel.sent ? '1' : '0',
    send_date: parcel.sendDate ? shoperDate(parcel.sendDate) : null,
    order_date: shoperDate(parcel.orderDate),
    delivery_date: null,
    weight: '0.50',
    notes: '',
    online: false,
    email: order?.email ?? '',
    delivery_address: order ? orderAddressView(order.delivery, order.orderId, order.orderId * 2, '2') : null,
  };
}

export function webhookView(webhook: SimWebhook): Json {
  return {
    webhook_id: webhook.webhookId,
    url: webhook.url,
    format: webhook.format,
    secret: webhook.secret,
    active: webhook.active,
    events: [...webhook.events],
  };
}

export function shippingView(shop: SimShop, shippingId: number): Json | undefined {
  const shipping = shop.shippings.find((s) => s.shippingId === shippingId);
  if (!shipping) return undefined;
  return {
    shipping_id: String(shipping.shippingId),
    name: shipping.name,
    description: '',
    cost: money(shipping.cost),
    depend_on_w: '0',
    free_shipping: '0.00',
    max_weight: '0.00',
    min_weight: '0.00',
    is_default: shipping.isDefault ? '1' : '0',
    active: '1',
    engine: shipping.engine,
    order: String(shipping.shippingId),
    tax_id: '1',
    zone_id: '1',
    lang_id: '1',
    payments: [],
    translations: { pl_PL: { name: shipping.name, description: '', active: '1', lang_id: '1' } },
  };
}

export function currencyViews(): Json[] {
  return [{ currency_id: '1', name: 'PLN', rate: '1.0000', default: '1', active: '1', order: '1', rate_date: null, rate_sync: null }];
}

export function languageViews(): Json[] {
  return [
    { lang_id: '1', locale: 'pl_PL', active: true, currency_id: 1, order: 1 },
    { lang_id: '2', locale: 'en_US', active: false, currency_id: 1, order: 2 },
  ];
}

export function applicationConfigView(shop: SimShop): Json {
  return {
    shop_name: shop.name,
    shop_email: shop.email,
    shop_phone: shop.phone,
    shop_url: shop.url,
    shop_company_name: `${shop.name} sp. z o.o.`,
    shop_address_1: 'ul. Prosta 1',
    shop_address_2: '',
    shop_city: 'Warszawa',
    shop_zip_code: '00-850',
    shop_country: 'PL',
    shop_full_address: 'ul. Prosta 1, 00-850 Warszawa',
    shop_off: false,
    default_currency_id: 1,
    default_currency_name: 'PLN',
    default_language_id: 1,
    default_language_name: 'pl_PL',
    locale_timezone: 'Europe/Warsaw',
    locale_default_weight: 'KILOGRAM',
  };
}

/** Webhook payloads may name the addresses camelCase (app-msg91's order.status handler reads billingAddress). */
export function withAddressStyle(payload: Json, style: SimShop['webhookAddressStyle']): Json {
  if (style === 'snake_case' || !('billing_address' in payload)) return payload;
  const { billing_address, delivery_address, ...rest } = payload;
  return { ...rest, billingAddress: billing_address, deliveryAddress: delivery_address };
}
