// The Shoper webhook payloads we accept, parsed once at the edge into typed facts (parseShopEvent): the events queue
// carries the facts and the planners read nothing else. Shoper sends numbers as strings and (by some accounts)
// addresses in camelCase: both spellings are accepted.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '#domain/zod-mini';

/** Every event the app registers and accepts. */
export const SUPPORTED_EVENTS = [
  'order.create',
  'order.status',
  'order.edit',
  'order.delete',
  'parcel.dispatch',
  'client.create',
  'product.edit',
] as const;
export type SupportedEvent = (typeof SUPPORTED_EVENTS)[number];
export const isSupportedEvent = (name: string): name is SupportedEvent => (SUPPORTED_EVENTS as readonly string[]).includes(name);

const id = z.pipe(
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((v) => String(v).trim()),
  ),
  z.string().check(z.minLength(1)),
);
const optId = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.null()])),
  z.transform((v) => (v == null || v === '' || v === 0 || v === '0' ? undefined : String(v))),
);
const text = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.null()])),
  z.transform((v) => (v == null ? undefined : String(v))),
);

/**
 * A link the app offers only when Shoper sends one (`order_url`, a product's `permalink`): a value of any other type
 * (false, an object) leaves the link out, never the whole event.
 */
const optionalLink = z.optional(
  z.pipe(
    z.unknown(),
    z.transform((v) => ((typeof v === 'string' && v !== '') || typeof v === 'number' ? String(v) : undefined)),
  ),
);

const Address = z.partial(
  z.looseObject({
    firstname: text,
    lastname: text,
    phone: text,
    street1: text,
    street2: text,
    postcode: text,
    city: text,
    country: text,
    country_code: text,
    countryCode: text,
  }),
);

const Status = z.partial(
  z.looseObject({
    status_id: optId,
    statusId: optId,
    name: text,
    translations: z.optional(z.record(z.string(), z.partial(z.looseObject({ name: text })))),
  }),
);

const OrderPayload = z.looseObject({
  order_id: z.optional(id),
  orderId: z.optional(id),
  id: z.optional(id),
  user_id: optId,
  userId: optId,
  date: text,
  status_id: optId,
  statusId: optId,
  status_date: text,
  statusDate: text,
  status: z.nullish(Status),
  sum: text,
  shipping_cost: text,
  shippingCost: text,
  shipping_id: optId,
  shippingId: optId,
  shipping: z.nullish(z.partial(z.looseObject({ name: text }))),
  currency_id: optId,
  currency_name: text,
  currencyName: text,
  email: text,
  order_url: optionalLink,
  lang_id: optId,
  billing_address: z.nullish(Address),
  billingAddress: z.nullish(Address),
  delivery_address: z.nullish(Address),
  deliveryAddress: z.nullish(Address),
});

export interface OrderAddress {
  firstname?: string;
  lastname?: string;
  phone?: string;
  street?: string;
  postcode?: string;
  city?: string;
  country?: string;
  countryCode?: string;
}

export interface OrderFacts {
  orderId: string;
  userId?: string;
  date?: string;
  statusId?: string;
  statusName?: string;
  statusDate?: string;
  sum?: string;
  shippingCost?: string;
  shippingId?: string;
  shippingName?: string;
  currencyId?: string;
  currencyName?: string;
  email?: string;
  /** Where the customer sees the order in the shop (Shoper's `order_url`), when it offers one. */
  orderUrl?: string;
  billing: OrderAddress;
  delivery: OrderAddress;
}

const address = (a: z.infer<typeof Address> | null | undefined): OrderAddress => ({
  firstname: a?.firstname,
  lastname: a?.lastname,
  phone: a?.phone,
  street: [a?.street1, a?.street2].filter(Boolean).join(' ') || undefined,
  postcode: a?.postcode,
  city: a?.city,
  country: a?.country,
  countryCode: a?.country_code ?? a?.countryCode,
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const firstIssue = (error: { issues: readonly { path: PropertyKey[]; message: string }[] }) => {
  const issue = error.issues[0]!;
  return { field: issue.path.join('.') || 'body', message: issue.message };
};

export function parseOrder(payload: unknown): ParseResult<OrderFacts> {
  const parsed = OrderPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  const o = parsed.data;
  const orderId = o.order_id ?? o.orderId ?? o.id;
  if (!orderId) return { ok: false, field: 'order_id', message: 'order_id is required' };
  const statusId = o.status_id ?? o.statusId ?? o.status?.status_id ?? o.status?.statusId;
  const statusName = o.status?.name ?? o.status?.translations?.pl_PL?.name ?? Object.values(o.status?.translations ?? {})[0]?.name;
  return {
    ok: true,
    value: {
      orderId,
      userId: o.user_id ?? o.userId,
      date: o.date,
      statusId,
      statusName,
      statusDate: o.status_date ?? o.statusDate,
      sum: o.sum,
      shippingCost: o.shipping_cost ?? o.shippingCost,
      shippingId: o.shipping_id ?? o.shippingId,
      shippingName: o.shipping?.name,
      currencyId: o.currency_id,
      currencyName: o.currency_name ?? o.currencyName,
      email: o.email,
      orderUrl: o.order_url,
      billing: address(o.billing_address ?? o.billingAddress),
      delivery: address(o.delivery_address ?? o.deliveryAddress),
    },
  };
}

const requireId = (obj: Record<string, unknown>, names: string[]): ParseResult<string> => {
  for (const n of names) {
    const v = obj[n];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return { ok: true, value: String(v) };
  }
  return { ok: false, field: names[0]!, message: `${names[0]} is required` };
};

/** What a parcel.dispatch tells the planners: the order shipped (its customer is asked of Shoper). */
export interface ParcelFacts {
  orderId: string;
}

/** What a client.create tells the planners. `newsletter` is absent when the payload does not say. */
export interface ClientFacts {
  userId: string;
  firstname?: string;
  lastname?: string;
  newsletter?: boolean;
}

/** What a product.edit payload (or REST products/{id}) tells us. */
export interface ProductFacts {
  productId: string;
  name?: string;
  /** The merchant's product code (for the staff out-of-stock alert's {product_code}). */
  code?: string;
  price?: string;
  currencyId?: string;
  stock?: number;
  active?: boolean;
  /** The product's page (Shoper's `permalink`), for {product_link}. */
  url?: string;
}

const rawId = z.optional(z.union([z.string(), z.number()]));
const ParcelPayload = z.looseObject({ order_id: rawId, orderId: rawId });

const yes = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
const ClientPayload = z.looseObject({
  user_id: rawId,
  userId: rawId,
  id: rawId,
  firstname: z.nullish(z.string()),
  lastname: z.nullish(z.string()),
  newsletter: z.optional(
    z.pipe(
      z.union([z.boolean(), z.string(), z.number()]),
      z.transform((v: boolean | string | number) => yes(v)),
    ),
  ),
});

// Product payloads: an empty string means "not said", as an absent field.
const flag = z.pipe(
  z.optional(z.union([z.boolean(), z.number(), z.string(), z.null()])),
  z.transform((v) => (v == null || v === '' ? undefined : yes(v))),
);
const given = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.null()])),
  z.transform((v) => (v == null || v === '' ? undefined : String(v))),
);
const ProductPayload = z.looseObject({
  product_id: given,
  productId: given,
  id: given,
  currency_id: given,
  translations: z.optional(z.record(z.string(), z.partial(z.looseObject({ name: given, active: flag, permalink: optionalLink })))),
  stock: z.nullish(z.partial(z.looseObject({ stock: given, active: flag, price: given }))),
});
// Read on its own: a code of an unexpected type leaves the code out, not the product.
const ProductCode = z.looseObject({ code: z.nullish(z.union([z.string(), z.number()])) });

function readProduct(payload: unknown): ParseResult<ProductFacts> {
  const parsed = ProductPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  const p = parsed.data;
  const productId = p.product_id ?? p.productId ?? p.id;
  if (!productId || !/^\d{1,12}$/.test(productId)) return { ok: false, field: 'product_id', message: 'product_id must be a number' };
  const translations = Object.entries(p.translations ?? {});
  const main = (translations.find(([locale]) => locale === 'pl_PL') ?? translations[0])?.[1];
  const stock = p.stock?.stock !== undefined ? Number(p.stock.stock) : undefined;
  const flags = [main?.active, p.stock?.active].filter((f): f is boolean => f !== undefined);
  const code = ProductCode.safeParse(payload).data?.code;
  return {
    ok: true,
    value: {
      productId,
      name: main?.name,
      ...(code != null && code !== '' ? { code: String(code) } : {}),
      price: p.stock?.price,
      currencyId: p.currency_id,
      stock: stock !== undefined && Number.isFinite(stock) ? stock : undefined,
      active: flags.length === 0 ? undefined : flags.every(Boolean),
      ...(main?.permalink ? { url: main.permalink } : {}),
    },
  };
}

/** Reads Shoper's product representation (numbers may come as strings, flags as "1"/"0"). */
export function parseProduct(payload: unknown): ProductFacts | undefined {
  const product = readProduct(payload);
  return product.ok ? product.value : undefined;
}

/** One verified webhook as typed facts: what the events queue carries and the planners read. */
export type ShopEvent =
  | { event: 'order.create'; order: OrderFacts }
  | { event: 'order.status'; order: OrderFacts }
  | { event: 'order.edit'; order: OrderFacts }
  | { event: 'order.delete'; order: OrderFacts }
  | { event: 'parcel.dispatch'; parcel: ParcelFacts }
  | { event: 'client.create'; client: ClientFacts }
  /** `deliveryKey`: the same delivery (a Shoper retry, our own retry) has the same bytes, so the same key. */
  | { event: 'product.edit'; product: ProductFacts; deliveryKey: string };

/**
 * A payload `parseShopEvent` cannot turn into facts. `refused`: Shoper is answered 400 with the field (an event
 * without the id it is about). `unreadable`: the id is there but the rest cannot be read; the delivery is answered
 * 200, logged and kept with the other events, and plans nothing (a retry would not make it readable).
 */
export type ShopEventError = { ok: false; verdict: 'refused' | 'unreadable'; field: string; message: string };

const refused = (e: { field: string; message: string }): ShopEventError => ({
  ok: false,
  verdict: 'refused',
  field: e.field,
  message: e.message,
});
const unreadable = (field: string, message: string): ShopEventError => ({ ok: false, verdict: 'unreadable', field, message });

/** Turns one supported webhook's JSON body into its facts: the one place a Shoper payload is read. */
export function parseShopEvent(event: SupportedEvent, payload: unknown): { ok: true; value: ShopEvent } | ShopEventError {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return refused({ field: 'body', message: 'The body must be a JSON object' });
  }
  const obj = payload as Record<string, unknown>;
  switch (event) {
    case 'order.create':
    case 'order.status':
    case 'order.edit':
    case 'order.delete': {
      const order = parseOrder(payload);
      return order.ok ? { ok: true, value: { event, order: order.value } } : refused(order);
    }
    case 'parcel.dispatch': {
      const id = requireId(obj, ['order_id', 'orderId']);
      if (!id.ok) return refused(id);
      const parcel = ParcelPayload.safeParse(payload);
      const orderId = parcel.success ? String(parcel.data.order_id ?? parcel.data.orderId ?? '').trim() : '';
      if (orderId === '') return unreadable('order_id', 'order_id is required');
      return { ok: true, value: { event, parcel: { orderId } } };
    }
    case 'client.create': {
      const id = requireId(obj, ['user_id', 'userId', 'id']);
      if (!id.ok) return refused(id);
      const parsed = ClientPayload.safeParse(payload);
      if (!parsed.success) {
        const issue = firstIssue(parsed.error);
        return unreadable(issue.field, issue.message);
      }
      const c = parsed.data;
      const userId = String(c.user_id ?? c.userId ?? c.id ?? '').trim();
      if (userId === '') return unreadable('user_id', 'user_id is required');
      const client: ClientFacts = {
        userId,
        firstname: c.firstname ?? undefined,
        lastname: c.lastname ?? undefined,
        newsletter: c.newsletter,
      };
      return { ok: true, value: { event, client } };
    }
    case 'product.edit': {
      const id = requireId(obj, ['product_id', 'productId', 'id']);
      if (!id.ok) return refused(id);
      const product = readProduct(payload);
      if (!product.ok) return unreadable(product.field, product.message);
      const deliveryKey = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 32);
      return { ok: true, value: { event, product: product.value, deliveryKey } };
    }
  }
}

type PayloadKind = 'order' | 'parcel' | 'client' | 'product';

const EVENT_KIND: Record<SupportedEvent, PayloadKind> = {
  'order.create': 'order',
  'order.status': 'order',
  'order.edit': 'order',
  'order.delete': 'order',
  'parcel.dispatch': 'parcel',
  'client.create': 'client',
  'product.edit': 'product',
};

const has = (obj: Record<string, unknown>, ...names: string[]) =>
  names.some((n) => obj[n] !== undefined && obj[n] !== null && obj[n] !== '');

/** What object a payload is, from the ids it carries (a parcel names its order, an order its client: most specific first). */
function payloadKind(obj: Record<string, unknown>): PayloadKind | undefined {
  if (has(obj, 'parcel_id', 'parcelId')) return 'parcel';
  if (has(obj, 'order_id', 'orderId')) return 'order';
  if (has(obj, 'product_id', 'productId')) return 'product';
  if (has(obj, 'user_id', 'userId')) return 'client';
  return undefined;
}

/**
 * Webhooks configured in the App Store panel are all signed with one per-shop secret, and X-Webhook-Name is not
 * covered by the signature: the payload itself must fit the event it is delivered as. An order event needs an order
 * object, `parcel.dispatch` a parcel, `client.create` a client, `product.edit` a product; `order.status` needs a
 * status. Limit: `order.create`, `order.edit` and `order.status` all carry the whole order, so one cannot be told
 * from another by the payload alone (planning dedupes by order, status and status date, which bounds a replay).
 */
export function payloadFitsEvent(event: SupportedEvent, payload: Record<string, unknown>): ParseResult<true> {
  const kind = payloadKind(payload);
  const expected = EVENT_KIND[event];
  if (kind !== expected) {
    const what = { order: 'an order', parcel: 'a parcel', client: 'a client', product: 'a product' };
    return {
      ok: false,
      field: 'X-Webhook-Name',
      message: `A ${event} webhook must carry ${what[expected]}; this payload is ${kind ? what[kind] : 'none of these'}`,
    };
  }
  if (event === 'order.status') {
    const status = payload.status as Record<string, unknown> | null | undefined;
    if (!has(payload, 'status_id', 'statusId') && !(status && typeof status === 'object' && has(status, 'status_id', 'statusId'))) {
      return { ok: false, field: 'X-Webhook-Name', message: 'An order.status webhook must carry the order status (status_id)' };
    }
  }
  return { ok: true, value: true };
}
