// The REST resources of one shop (`/webapi/rest/{resource}[/{id}]`): reads for everything the app
// uses, writes for webhooks, order status and product stock. Shared by single calls and `bulk`.
import { changeStatus, SimActionError, updateProductStock } from './actions';
import type { SimContext } from './context';
import { errorBody } from './http';
import { listQuery } from './list-query';
import {
  applicationConfigView,
  currencyViews,
  languageViews,
  orderProductViews,
  orderView,
  parcelView,
  productView,
  shippingView,
  statusView,
  stockView,
  userAddressView,
  userView,
  webhookView,
} from './representation';
import type { SimShop, SimWebhook } from './types';
import { WEBHOOK_EVENTS } from './webhook-sender';

export interface ResourceAnswer {
  status: number;
  body: unknown;
}

type Row = Record<string, unknown>;

interface Collection {
  idField: string;
  rows: (shop: SimShop) => Row[];
}

const COLLECTIONS: Record<string, Collection> = {
  orders: { idField: 'order_id', rows: (shop) => shop.orders.map((o) => orderView(shop, o)) },
  'order-products': { idField: 'id', rows: (shop) => shop.orders.flatMap(orderProductViews) },
  statuses: { idField: 'status_id', rows: (shop) => shop.statuses.map(statusView) },
  users: { idField: 'user_id', rows: (shop) => shop.users.map(userView) },
  'user-addresses': { idField: 'address_book_id', rows: (shop) => shop.userAddresses.map(userAddressView) },
  products: { idField: 'product_id', rows: (shop) => shop.products.map((p) => productView(p, shop.url)) },
  'product-stocks': { idField: 'stock_id', rows: (shop) => shop.products.map(stockView) },
  parcels: {
    idField: 'parcel_id',
    rows: (shop) =>
      shop.parcels.map((p) =>
        parcelView(
          p,
          shop.orders.find((o) => o.orderId === p.orderId),
        ),
      ),
  },
  shippings: {
    idField: 'shipping_id',
    rows: (shop) => shop.shippings.map((s) => shippingView(shop, s.shippingId)).filter((s): s is Row => s !== undefined),
  },
  currencies: { idField: 'currency_id', rows: () => currencyViews() },
  languages: { idField: 'lang_id', rows: () => languageViews() },
  webhooks: { idField: 'webhook_id', rows: (shop) => shop.webhooks.map(webhookView) },
};

const notFound = (what: string): ResourceAnswer => ({ status: 404, body: errorBody('server_error', `Object does not exist: ${what}`) });
const badRequest = (description: string): ResourceAnswer => ({ status: 400, body: errorBody('invalid_request', description) });

function background(work: Promise<unknown>): void {
  // Webhooks caused by a REST write go out after the answer, as in a real shop.
  work.catch(() => undefined);
}

function webhookInput(
  body: unknown,
  existing?: SimWebhook,
): { ok: true; value: Omit<SimWebhook, 'webhookId'> } | { ok: false; description: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, description: 'body must be a JSON object' };
  const input = body as Row;
  const url = input.url ?? existing?.url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { ok: false, description: 'url: an http(s) URL is required' };
  const format = Number(input.format ?? existing?.format ?? 0);
  if (format !== 0 && format !== 1) return { ok: false, description: 'format: 0 (JSON) or 1 (XML)' };
  const events = input.events ?? existing?.events ?? [];
  if (!Array.isArray(events) || events.length === 0 || !events.every((e) => (WEBHOOK_EVENTS as readonly string[]).includes(String(e)))) {
    return { ok: false, description: `events: a non-empty list of ${WEBHOOK_EVENTS.join(', ')}` };
  }
  const active = input.active ?? existing?.active ?? true;
  const secret = input.secret ?? existing?.secret ?? '';
  return {
    ok: true,
    value: { url, format, secret: String(secret), active: active === true || active === 1 || active === '1', events: events.map(String) },
  };
}

/** What a live shop answers a token without the needed scope (captured on shippings/payments, SPIKE-3638 C3). */
const refusedScope = (): ResourceAnswer => ({
  status: 403,
  body: errorBody('insufficient_scope', 'The request requires higher privileges than provided by the access token'),
});

function writeWebhooks(ctx: SimContext, shop: SimShop, method: string, id: number | undefined, body: unknown): ResourceAnswer {
  if (shop.refuseWebhooks) return refusedScope();
  if (method === 'POST' && id === undefined) {
    const input = webhookInput(body);
    if (!input.ok) return badRequest(input.description);
    const webhookId = shop.nextIds.webhook++;
    shop.webhooks.push({ webhookId, ...input.value });
    ctx.save();
    return { status: 200, body: webhookId };
  }
  const webhook = shop.webhooks.find((w) => w.webhookId === id);
  if (id === undefined || !webhook) return notFound(`webhooks/${id ?? ''}`);
  if (method === 'PUT') {
    const input = webhookInput(body, webhook);
    if (!input.ok) return badRequest(input.description);
    Object.assign(webhook, input.value);
    ctx.save();
    return { status: 200, body: 1 };
  }
  shop.webhooks = shop.webhooks.filter((w) => w !== webhook);
  ctx.save();
  return { status: 200, body: 1 };
}

function writeOrder(ctx: SimContext, shop: SimShop, id: number, body: unknown): ResourceAnswer {
  const order = shop.orders.find((o) => o.orderId === id);
  if (!order) return notFound(`orders/${id}`);
  const statusId = Number((body as Row | null)?.status_id);
  if (!Number.isInteger(statusId) || !shop.statuses.some((s) => s.statusId === statusId)) {
    return badRequest('status_id: an existing status id is required (only the status can be changed here)');
  }
  if (statusId !== order.statusId) background(changeStatus(ctx, shop, id, statusId));
  return { status: 200, body: 1 };
}

function writeStock(ctx: SimContext, shop: SimShop, id: number, body: unknown): ResourceAnswer {
  if (!shop.products.some((p) => p.productId === id)) return notFound(`product-stocks/${id}`);
  const input = (body ?? {}) as Row;
  const stock = input.stock === undefined ? undefined : Number(input.stock);
  if (stock !== undefined && (!Number.isFinite(stock) || stock < 0)) return badRequest('stock: a number of 0 or more');
  const active = input.active === undefined ? undefined : input.active === true || input.active === 1 || input.active === '1';
  background(
    updateProductStock(ctx, shop, id, { stock, active }).catch((error: unknown) => {
      if (!(error instanceof SimActionError)) throw error;
    }),
  );
  return { status: 200, body: 1 };
}

/** One REST call: `path` is what follows `/webapi/rest/` (e.g. `orders/5`). */
export function callResource(
  ctx: SimContext,
  shop: SimShop,
  method: string,
  path: string,
  params: URLSearchParams,
  body: unknown,
): ResourceAnswer {
  const [name = '', idPart, ...extra] = path.split('/').filter((part) => part !== '');
  if (extra.length > 0) return notFound(path);
  if (name === 'application-config') {
    return method === 'GET' && idPart === undefined ? { status: 200, body: applicationConfigView(shop) } : notFound(path);
  }
  const collection = COLLECTIONS[name];
  if (!collection) return notFound(`resource ${name}`);
  const id = idPart === undefined ? undefined : Number(idPart);
  if (id !== undefined && !Number.isInteger(id)) return notFound(path);
  if (name === 'webhooks' && shop.refuseWebhooks) return refusedScope();

  if (method === 'GET') {
    const rows = collection.rows(shop);
    if (id !== undefined) {
      const row = rows.find((r) => Number(r[collection.idField]) === id);
      return row ? { status: 200, body: row } : notFound(path);
    }
    const result = listQuery(rows, params, collection.idField);
    return result.ok ? { status: 200, body: result.value } : badRequest(result.description);
  }
  if (name === 'webhooks' && (method === 'POST' || method === 'PUT' || method === 'DELETE'))
    return writeWebhooks(ctx, shop, method, id, body);
  if (name === 'orders' && method === 'PUT' && id !== undefined) return writeOrder(ctx, shop, id, body);
  if (name === 'product-stocks' && method === 'PUT' && id !== undefined) return writeStock(ctx, shop, id, body);
  return { status: 405, body: errorBody('method_not_allowed', `${method} ${name} is not supported by the simulator`) };
}

export const BULK_MAX = 25;

/** POST /webapi/rest/bulk: up to 25 calls in one, answered as {errors, items:[{code, body, id}]}. */
export function callBulk(ctx: SimContext, shop: SimShop, body: unknown): ResourceAnswer {
  if (!Array.isArray(body)) return badRequest('bulk: the body must be a JSON array of {id, method, path, body?, params?}');
  if (body.length > BULK_MAX) return badRequest(`bulk: at most ${BULK_MAX} calls in one request`);
  const items = body.map((raw: unknown) => {
    const call = (raw ?? {}) as Row;
    const id = call.id === undefined ? null : call.id;
    const method = String(call.method ?? 'GET').toUpperCase();
    const rawPath = String(call.path ?? '');
    const path = rawPath.replace(/^\/?webapi\/rest\//, '').replace(/^\//, '');
    const params = new URLSearchParams();
    if (call.params && typeof call.params === 'object') {
      for (const [key, value] of Object.entries(call.params as Row)) {
        params.set(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
      }
    }
    const answer = path === 'bulk' ? badRequest('bulk: calls cannot be nested') : callResource(ctx, shop, method, path, params, call.body);
    return { code: answer.status, body: answer.body, id };
  });
  return { status: 200, body: { errors: items.some((item) => item.code >= 400), items } };
}
