// order.create: an order from a client cancels the pending abandoned-basket reminder of that client.
import { cancelBasketReminderForOrder } from '../abandoned-carts';
import type { EventPlanner, OrderEventMessage } from './types';

export const planBasketReminderCancel: EventPlanner<OrderEventMessage> = async ({ deps, message, ctx }) => {
  await cancelBasketReminderForOrder(deps, ctx.shop.shop, message.order.userId, ctx.settings.quietHours.timeZone);
  return { jobs: [], skipped: [] };
};
