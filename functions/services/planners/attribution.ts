// order.create: the order is attributed to the client's last click on a marketing SMS (services/attribution.ts).
import { attributeOrder } from '../attribution';
import type { EventPlanner, OrderEventMessage } from './types';

export const planOrderAttribution: EventPlanner<OrderEventMessage> = async ({ deps, message, ctx }) => {
  await attributeOrder(deps, ctx.shop, ctx.settings, message.order);
  return { jobs: [], skipped: [] };
};
