// JSON endpoints under `/s/{slug}/__sim/...` behind the admin page's buttons; tests and scripts
// can drive a shop through them too. They are the simulator's own, not part of Shoper's API.
import {
  changeStatus,
  dispatchParcel,
  placeOrder,
  registerClient,
  restockProduct,
  sendLifecycle,
  SimActionError,
  updateProductStock,
} from './actions';
import { adminIframeUrl } from './admin-iframe';
import type { SimContext } from './context';
import { errorBody, json, parseJson, type SimResponse } from './http';
import type { LifecycleAction, PlaceOrderInput, RegisterClientInput, SimShop } from './types';
import { redeliver } from './webhook-sender';

const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['install', 'uninstall', 'upgrade', 'billing_install', 'billing_subscription'];

type Body = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown) => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

function orderInput(body: Body): Partial<PlaceOrderInput> {
  const input: Partial<PlaceOrderInput> = {};
  if (body.userId === null) input.userId = null;
  else if (num(body.userId) !== undefined) input.userId = num(body.userId);
  for (const key of ['phone', 'firstname', 'lastname', 'countryCode', 'email', 'street1', 'city'] as const) {
    const value = str(body[key]);
    if (value !== undefined) input[key] = value;
  }
  if (num(body.sum) !== undefined) input.sum = num(body.sum);
  if (num(body.shippingId) !== undefined) input.shippingId = num(body.shippingId);
  return input;
}

function clientInput(body: Body): Partial<RegisterClientInput> {
  const input: Partial<RegisterClientInput> = {};
  for (const key of ['firstname', 'lastname', 'email', 'phone'] as const) {
    const value = str(body[key]);
    if (value !== undefined) input[key] = value;
  }
  if (body.newsletter !== undefined) input.newsletter = body.newsletter === true || body.newsletter === 'true' || body.newsletter === 'on';
  return input;
}

function setOptions(ctx: SimContext, shop: SimShop, body: Body): SimResponse {
  if (body.webhookAddressStyle !== undefined) {
    if (body.webhookAddressStyle !== 'snake_case' && body.webhookAddressStyle !== 'camelCase') {
      return json(400, errorBody('SIM_BAD_OPTION', 'webhookAddressStyle: snake_case or camelCase'));
    }
    shop.webhookAddressStyle = body.webhookAddressStyle;
  }
  if (body.refuseWebhooks !== undefined) {
    if (typeof body.refuseWebhooks !== 'boolean') return json(400, errorBody('SIM_BAD_OPTION', 'refuseWebhooks: true or false'));
    shop.refuseWebhooks = body.refuseWebhooks;
  }
  if (body.statusAfterDispatch !== undefined) {
    const statusId = body.statusAfterDispatch === null ? null : num(body.statusAfterDispatch);
    if (statusId === undefined || (statusId !== null && !shop.statuses.some((s) => s.statusId === statusId))) {
      return json(400, errorBody('SIM_BAD_OPTION', 'statusAfterDispatch: an existing status id or null'));
    }
    shop.statusAfterDispatch = statusId;
  }
  ctx.save();
  return json(200, {
    webhookAddressStyle: shop.webhookAddressStyle,
    statusAfterDispatch: shop.statusAfterDispatch,
    refuseWebhooks: shop.refuseWebhooks ?? false,
  });
}

async function route(ctx: SimContext, shop: SimShop, method: string, path: string, body: Body): Promise<SimResponse> {
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second, third] = parts;
  if (method === 'GET') {
    if (path === 'deliveries')
      return json(
        200,
        ctx.deliveries.filter((d) => d.slug === shop.slug),
      );
    if (path === 'api-calls')
      return json(
        200,
        ctx.apiCalls.filter((c) => c.slug === shop.slug),
      );
    if (path === 'iframe-url') return json(200, { url: adminIframeUrl(ctx, shop) });
    if (path === 'state') return json(200, shop);
  }
  if (method !== 'POST') return json(404, errorBody('SIM_UNKNOWN_ENDPOINT', `${method} __sim/${path}`));
  if (path === 'install' || path === 'uninstall') {
    const { status } = await sendLifecycle(ctx, shop, path);
    return json(200, { status });
  }
  if (path === 'lifecycle') {
    const action = body.action as LifecycleAction;
    if (!LIFECYCLE_ACTIONS.includes(action))
      return json(400, errorBody('SIM_BAD_LIFECYCLE_ACTION', `action: one of ${LIFECYCLE_ACTIONS.join(', ')}`));
    const extra = Object.fromEntries(Object.entries((body.extra ?? {}) as Body).map(([k, v]) => [k, String(v)]));
    return json(200, await sendLifecycle(ctx, shop, action, extra));
  }
  if (path === 'orders') return json(200, await placeOrder(ctx, shop, orderInput(body)));
  if (first === 'orders' && second !== undefined && third === 'status') {
    const statusId = num(body.statusId);
    if (statusId === undefined) return json(400, errorBody('SIM_STATUS_REQUIRED', 'statusId is required'));
    return json(200, await changeStatus(ctx, shop, Number(second), statusId));
  }
  if (first === 'orders' && second !== undefined && third === 'dispatch') return json(200, await dispatchParcel(ctx, shop, Number(second)));
  if (path === 'clients') return json(200, await registerClient(ctx, shop, clientInput(body)));
  if (first === 'products' && second !== undefined && third === 'restock') {
    return json(200, await restockProduct(ctx, shop, Number(second), num(body.stock)));
  }
  if (first === 'products' && second !== undefined && third === 'sell-out') {
    return json(200, await updateProductStock(ctx, shop, Number(second), { stock: 0 }));
  }
  if (path === 'options') return setOptions(ctx, shop, body);
  if (path === 'redeliver') {
    const last = ctx.deliveries.filter((d) => d.slug === shop.slug).at(-1);
    if (!last) return json(404, errorBody('SIM_NOTHING_TO_REDELIVER', 'this shop has not sent any webhook yet'));
    return json(200, { status: await redeliver(ctx, last) });
  }
  return json(404, errorBody('SIM_UNKNOWN_ENDPOINT', `POST __sim/${path}`));
}

export async function handleSimEndpoint(
  ctx: SimContext,
  shop: SimShop,
  method: string,
  path: string,
  rawBody: string,
): Promise<SimResponse> {
  const parsed = parseJson(rawBody);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return json(400, errorBody('SIM_BAD_JSON', 'body must be a JSON object'));
  }
  try {
    return await route(ctx, shop, method, path, parsed.value as Body);
  } catch (error) {
    if (error instanceof SimActionError) return json(error.httpStatus, errorBody(error.code, error.detail));
    throw error;
  }
}
