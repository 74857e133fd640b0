// The Shoper webhook payloads we accept, parsed once at the edge into plain facts. Shoper sends numbers as
// strings and (by some accounts) addresses in camelCase: both spellings are accepted.
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
export const isSupportedEvent = (name: string): name is SupportedEvent =>
  (SUPPORTED_EVENTS as readonly string[]).includes(name);

const id = z.pipe(z.pipe(z.union([z.string(), z.number()]), z.transform((v) => String(v).trim())), z.string().check(z.minLength(1)));
const optId = z.pipe(z.optional(z.union([z.string(), z.number(), z.null()])), z.transform((v) => (v == null || v === '' || v === 0 || v === '0' ? undefined : String(v))));
const text = z.pipe(z.optional(z.union([z.string(), z.number(), z.null()])), z.transform((v) => (v == null ? undefined : String(v))));

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
  z.looseObject({ status_id: optId, statusId: optId, name: text, translations: z.optional(z.record(z.string(), z.partial(z.looseObject({ name: text })))) }),
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
  order_url: text,
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
  const statusName =
    o.status?.name ?? o.status?.translations?.pl_PL?.name ?? Object.values(o.status?.translations ?? {})[0]?.name;
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

const requireId = (payload: unknown, names: string[]): ParseResult<string> => {
  const obj = payload as Record<string, unknown>;
  for (const n of names) {
    const v = obj[n];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return { ok: true, value: String(v) };
  }
  return { ok: false, field: names[0]!, message: `${names[0]} is required` };
};

/** Validation at the edge: a payload the planner could not read is refused with 400 and the field named. */
export function validateEventPayload(event: SupportedEvent, payload: unknown): ParseResult<true> {
  let result: ParseResult<unknown>;
  switch (event) {
    case 'order.create':
    case 'order.status':
    case 'order.edit':
    case 'order.delete':
      result = parseOrder(payload);
      break;
    case 'parcel.dispatch':
      result = requireId(payload, ['order_id', 'orderId']);
      break;
    case 'client.create':
      result = requireId(payload, ['user_id', 'userId', 'id']);
      break;
    case 'product.edit':
      result = requireId(payload, ['product_id', 'productId', 'id']);
      break;
  }
  return result.ok ? { ok: true, value: true } : result;
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

const has = (obj: Record<string, unknown>, ...names: string[]) => names.some((n) => obj[n] !== undefined && obj[n] !== null && obj[n] !== '');

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
    return { ok: false, field: 'X-Webhook-Name', message: `A ${event} webhook must carry ${what[expected]}; this payload is ${kind ? what[kind] : 'none of these'}` };
  }
  if (event === 'order.status') {
    const status = payload.status as Record<string, unknown> | null | undefined;
    if (!has(payload, 'status_id', 'statusId') && !(status && typeof status === 'object' && has(status, 'status_id', 'statusId'))) {
      return { ok: false, field: 'X-Webhook-Name', message: 'An order.status webhook must carry the order status (status_id)' };
    }
  }
  return { ok: true, value: true };
}
