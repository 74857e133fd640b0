// Staff alerts from Shoper events: a new order above the amount (order.create), an order cancelled (order.status),
// a product out of stock (product.edit with stock 0, once per run-out). The rules are pure
// (domain/planning-staff.ts); this file reads the event's facts and keeps the out-of-stock marker.
import { planStaffNewOrder, planStaffOrderCancelled, planStaffOutOfStock, stockState } from '#domain/planning-staff';
import { staffAlertsWithDefaults } from '#domain/staff-alerts';
import type { PlannerFor, PlannerInput } from './types';

const NOTHING = { jobs: [], skipped: [] };

const alertsOf = (input: PlannerInput) => (input.config.staffAlerts ? staffAlertsWithDefaults(input.config.staffAlerts) : undefined);

export const planStaffNewOrderAlert: PlannerFor<'order.create'> = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.newOrder.enabled) return NOTHING;
  return planStaffNewOrder(input.message.order, alerts, input.ctx);
};

export const planStaffCancelledAlert: PlannerFor<'order.status'> = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.orderCancelled.enabled) return NOTHING;
  return planStaffOrderCancelled(input.message.order, alerts, input.ctx);
};

export const planStaffOutOfStockAlert: PlannerFor<'product.edit'> = async (input) => {
  const alerts = alertsOf(input);
  if (!alerts?.outOfStock.enabled) return NOTHING;
  const facts = input.message.product;
  const state = stockState(facts);
  const shop = input.message.shop;
  const at = input.ctx.now.toISOString();
  if (state === 'in') await input.deps.staffAlerts.closeRunOut(shop, facts.productId, at);
  if (state !== 'out') return NOTHING;
  // The same delivery (a Shoper retry, or our own retry after a crash) has the same bytes: the same run-out key.
  const eventKey = input.message.deliveryKey;
  if (!(await input.deps.staffAlerts.openRunOut(shop, facts.productId, eventKey, at))) return NOTHING;
  return planStaffOutOfStock(facts, eventKey, alerts, input.ctx);
};
