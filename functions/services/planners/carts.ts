// order.create: an order from a client cancels the pending abandoned-basket reminder of that client.
import { parseOrder } from '#domain/shoper-events';
import { cancelBasketReminderForOrder } from '../abandoned-carts';
import { PayloadInvalid, type EventPlanner } from './types';

export const planBasketReminderCancel: EventPlanner = async ({ deps, message, ctx }) => {
  const order = parseOrder(message.payload);
  if (!order.ok) throw new PayloadInvalid(order.field, order.message);
  await cancelBasketReminderForOrder(deps, ctx.shop.shop, order.value.userId, ctx.settings.quietHours.timeZone);
  return { jobs: [], skipped: [] };
};
