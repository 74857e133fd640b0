// Order events: the owner's new-order SMS (order.create) and the customer's status SMS (order.status).
import { parseOrder } from '#domain/shoper-events';
import { planOrderStatus, planOwnerNewOrder } from '#domain/planning';
import { PayloadInvalid, type EventPlanner } from './types';

const order = (payload: unknown) => {
  const parsed = parseOrder(payload);
  if (!parsed.ok) throw new PayloadInvalid(parsed.field, parsed.message);
  return parsed.value;
};

export const planOrderCreate: EventPlanner = async ({ message, ctx }) => planOwnerNewOrder(order(message.payload), ctx);

export const planOrderStatusChange: EventPlanner = async ({ message, ctx }) => planOrderStatus(order(message.payload), ctx);
