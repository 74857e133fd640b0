// order.create: the order is attributed to the client's last click on a marketing SMS (services/attribution.ts).
import { attributeOrder } from '../attribution';
import { order } from './orders';
import type { EventPlanner } from './types';

export const planOrderAttribution: EventPlanner = async ({ deps, message, ctx }) => {
  await attributeOrder(deps, ctx.shop, ctx.settings, order(message.payload));
  return { jobs: [], skipped: [] };
};
