// Staff alerts from Shoper events: a new order above the amount (order.create), an order cancelled (order.status),
// a product out of stock (product.edit with stock 0, once per run-out). The rules are pure
// (domain/planning-staff.ts); this file reads the payload and keeps the out-of-stock marker.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { planStaffNewOrder, planStaffOrderCancelled, planStaffOutOfStock, stockState } from '#domain/planning-staff';
import { staffAlertsWithDefaults } from '#domain/staff-alerts';
import { parseProduct } from '../back-in-stock';
import { order } from './orders';
import { PayloadInvalid, type EventPlanner, type PlannerInput } from './types';

const NOTHING = { jobs: [], skipped: [] };

const alertsOf = (input: PlannerInput) => (input.config.staffAlerts ? staffAlertsWithDefaults(input.config.staffAlerts) : undefined);

export const planStaffNewOrderAlert: EventPlanner = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.newOrder.enabled) return NOTHING;
  return planStaffNewOrder(order(input.message.payload), alerts, input.ctx);
};

export const planStaffCancelledAlert: EventPlanner = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.orderCancelled.enabled) return NOTHING;
  return planStaffOrderCancelled(order(input.message.payload), alerts, input.ctx);
};

const ProductCode = z.looseObject({ code: z.union([z.string(), z.number()]).nullish() });

export const planStaffOutOfStockAlert: EventPlanner = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.outOfStock.enabled) return NOTHING;
  const facts = parseProduct(input.message.payload);
  if (!facts) throw new PayloadInvalid('product_id', 'product_id is required');
  const state = stockState(facts);
  const shop = input.message.shop;
  const at = input.ctx.now.toISOString();
  if (state === 'in') await input.deps.staffAlerts.closeRunOut(shop, facts.productId, at);
  if (state !== 'out') return NOTHING;
  // The same delivery (a Shoper retry, or our own retry after a crash) has the same bytes: the same run-out key.
  const eventKey = createHash('sha256').update(JSON.stringify(input.message.payload)).digest('hex').slice(0, 32);
  if (!(await input.deps.staffAlerts.openRunOut(shop, facts.productId, eventKey, at))) return NOTHING;
  const code = ProductCode.safeParse(input.message.payload).data?.code;
  return planStaffOutOfStock({ ...facts, ...(code != null && code !== '' ? { code: String(code) } : {}) }, eventKey, alerts, input.ctx);
};
