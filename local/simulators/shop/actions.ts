// What happens in a shop (an order placed, a status changed, a parcel sent, a client registered,
// a product restocked, the app installed or removed): each changes the state, persists it,
// and sends the webhooks Shoper would send.
import { lifecycleFields, postLifecycle } from './appstore-client';
import type { SimContext } from './context';
import { revokeAll } from './oauth';
import { orderView, parcelView, productView, userView } from './representation';
import { polishAddress } from './seed';
import type { LifecycleAction, PlaceOrderInput, RegisterClientInput, SimShop } from './types';
import { deliverEvent } from './webhook-sender';

export class SimActionError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly httpStatus = 404,
  ) {
    super(`${code}: ${detail}`);
  }
}

function orderOf(shop: SimShop, orderId: number) {
  const order = shop.orders.find((o) => o.orderId === orderId);
  if (!order) throw new SimActionError('SIM_ORDER_NOT_FOUND', `order ${orderId} does not exist in shop ${shop.slug}`);
  return order;
}

export async function sendLifecycle(ctx: SimContext, shop: SimShop, action: LifecycleAction, extra?: Record<string, string>) {
  if (action === 'upgrade' && !extra?.application_version) shop.applicationVersion += 1;
  // Install marks the shop installed before the call, so the app can trade the code during it.
  const wasInstalled = shop.installed;
  if (action === 'install') shop.installed = true;
  ctx.save();
  const result = await postLifecycle(ctx, lifecycleFields(ctx, shop, action, extra));
  if (action === 'install' && (result.status < 200 || result.status >= 300) && !wasInstalled) {
    shop.installed = false;
    revokeAll(shop);
  }
  if (action === 'uninstall') {
    shop.installed = false;
    revokeAll(shop);
    shop.webhooks = [];
  }
  ctx.save();
  return result;
}

export async function placeOrder(ctx: SimContext, shop: SimShop, input: Partial<PlaceOrderInput> = {}) {
  const now = ctx.now().toISOString();
  const user = input.userId ? shop.users.find((u) => u.userId === input.userId) : undefined;
  if (input.userId && !user) throw new SimActionError('SIM_USER_NOT_FOUND', `user ${input.userId} does not exist in shop ${shop.slug}`);
  const userAddress = user ? shop.userAddresses.find((a) => a.userId === user.userId) : undefined;
  const shippingId = input.shippingId ?? 1;
  const shipping = shop.shippings.find((s) => s.shippingId === shippingId);
  if (!shipping) throw new SimActionError('SIM_SHIPPING_NOT_FOUND', `shipping ${shippingId} does not exist`, 400);
  const product = shop.products.find((p) => p.active && p.stock > 0) ?? shop.products[0];
  const countryCode = (input.countryCode ?? 'PL').toUpperCase();
  const address = polishAddress({
    firstname: input.firstname ?? user?.firstname ?? 'Jan',
    lastname: input.lastname ?? user?.lastname ?? 'Kowalski',
    phone: input.phone ?? userAddress?.phone ?? '512 345 678',
    countryCode,
    country: countryCode === 'PL' ? 'Polska' : countryCode,
    ...(input.street1 !== undefined ? { street1: input.street1 } : {}),
    ...(input.city !== undefined ? { city: input.city } : {}),
  });
  const orderId = shop.nextIds.order++;
  const sum = input.sum ?? product?.price ?? 99;
  shop.orders.push({
    orderId,
    userId: user?.userId ?? null,
    date: now,
    statusId: 1,
    statusDate: now,
    sum,
    shippingCost: shipping.cost,
    shippingId,
    paymentId: 1,
    currencyId: 1,
    email: input.email ?? user?.email ?? 'jan.kowalski@example.pl',
    langId: 1,
    billing: address,
    delivery: address,
    lines: product ? [{ productId: product.productId, name: product.name, quantity: 1, price: sum }] : [],
  });
  if (product && product.stock > 0) product.stock -= 1;
  ctx.save();
  const deliveries = await deliverEvent(ctx, shop, 'order.create', orderView(shop, orderOf(shop, orderId)));
  return { orderId, deliveries };
}

export async function changeStatus(ctx: SimContext, shop: SimShop, orderId: number, statusId: number) {
  const order = orderOf(shop, orderId);
  if (!shop.statuses.some((s) => s.statusId === statusId)) {
    throw new SimActionError('SIM_STATUS_NOT_FOUND', `status ${statusId} does not exist in shop ${shop.slug}`, 400);
  }
  order.statusId = statusId;
  order.statusDate = ctx.now().toISOString();
  ctx.save();
  return { deliveries: await deliverEvent(ctx, shop, 'order.status', orderView(shop, order)) };
}

export async function dispatchParcel(ctx: SimContext, shop: SimShop, orderId: number) {
  const order = orderOf(shop, orderId);
  const now = ctx.now().toISOString();
  const parcelId = shop.nextIds.parcel++;
  const parcel = {
    parcelId,
    orderId,
    shippingId: order.shippingId,
    shippingCode: `${order.shippingId === 2 ? '6' : '0'}${String(orderId * 7919 + parcelId).padStart(23, '0')}`,
    sent: true,
    sendDate: now,
    orderDate: order.date,
  };
  shop.parcels.push(parcel);
  ctx.save();
  const deliveries = await deliverEvent(ctx, shop, 'parcel.dispatch', parcelView(parcel, order));
  if (shop.statusAfterDispatch !== null && order.statusId !== shop.statusAfterDispatch) {
    deliveries.push(...(await changeStatus(ctx, shop, orderId, shop.statusAfterDispatch)).deliveries);
  }
  return { parcelId, deliveries };
}

export async function registerClient(ctx: SimContext, shop: SimShop, input: Partial<RegisterClientInput> = {}) {
  const userId = shop.nextIds.user++;
  const firstname = input.firstname ?? 'Ewa';
  const lastname = input.lastname ?? 'Kamińska';
  const user = {
    userId,
    email: input.email ?? `klient${userId}@example.pl`,
    firstname,
    lastname,
    dateAdd: ctx.now().toISOString(),
    newsletter: input.newsletter ?? false,
    langId: 1,
  };
  shop.users.push(user);
  const address = polishAddress({ firstname, lastname, phone: input.phone ?? '785 123 456' });
  shop.userAddresses.push({
    addressBookId: shop.nextIds.address++,
    userId,
    firstname,
    lastname,
    street1: address.street1,
    city: address.city,
    zipCode: address.postcode,
    country: address.country,
    countryCode: address.countryCode,
    phone: address.phone,
    default: true,
  });
  ctx.save();
  return { userId, deliveries: await deliverEvent(ctx, shop, 'client.create', userView(user)) };
}

export async function updateProductStock(ctx: SimContext, shop: SimShop, productId: number, change: { stock?: number; active?: boolean }) {
  const product = shop.products.find((p) => p.productId === productId);
  if (!product) throw new SimActionError('SIM_PRODUCT_NOT_FOUND', `product ${productId} does not exist in shop ${shop.slug}`);
  if (change.stock !== undefined) product.stock = change.stock;
  if (change.active !== undefined) product.active = change.active;
  product.editDate = ctx.now().toISOString();
  ctx.save();
  return { deliveries: await deliverEvent(ctx, shop, 'product.edit', productView(product, shop.url)) };
}

export async function restockProduct(ctx: SimContext, shop: SimShop, productId: number, stock = 10) {
  if (!(stock > 0)) throw new SimActionError('SIM_RESTOCK_NOT_POSITIVE', 'a restock needs a stock above 0', 400);
  return updateProductStock(ctx, shop, productId, { stock, active: true });
}
