// Pure rules of the staff alerts: which event gives an alert, its text, one job per team number with a key built
// from the event's content (a redelivered webhook plans the same jobs, created once), and the send time (the shop's
// send window when the alert's setting says so).
import type { Job, ShopSettings } from './model';
import { normalizeMobile } from './phone';
import { dueTime, type Plan, type PlannedJob, type PlanningContext } from './planning';
import { orderValues } from './order-values';
import { isCancelledStatus } from './planning-stale';
import type { OrderFacts } from './shoper-events';
import { STAFF_MESSAGE_KIND, type StaffAlertEvent, type StaffAlerts } from './staff-alerts';
import { suppressed } from './suppression';
import { renderMessage } from './template';

const NOTHING: Plan = { jobs: [], skipped: [] };

export interface StaffSubject {
  /** What makes this alert one: the order (and status change) or the product's out-of-stock episode. */
  key: string;
  values: Record<string, string>;
  source: Job['source'];
}

/** One alert to every team number, or the reason none goes. */
export function planStaffAlert(event: StaffAlertEvent, subject: StaffSubject, alerts: StaffAlerts | undefined, ctx: PlanningContext): Plan {
  const rule = alerts?.[event];
  if (!alerts || !rule?.enabled || rule.text.trim() === '') return NOTHING;
  const kind = STAFF_MESSAGE_KIND[event];
  const text = renderMessage(kind, rule.text, subject.values, { maxParts: ctx.maxParts });
  const key = `staff:${event}:${subject.key}`;
  if (alerts.phones.length === 0) {
    return {
      jobs: [],
      skipped: [
        {
          reason: 'NO_STAFF_PHONES',
          suppressed: suppressed('NO_STAFF_PHONES', { key, kind: 'staff-alert', text, source: subject.source }),
        },
      ],
    };
  }
  // The alert's own quiet-hours choice, within the shop's send window.
  const settings: ShopSettings = { ...ctx.settings, quietHoursFor: { ...ctx.settings.quietHoursFor, 'staff-alert': rule.quietHours } };
  const timing = dueTime('staff-alert', 0, { now: ctx.now, settings });
  const plan: Plan = { jobs: [], skipped: [] };
  for (const raw of alerts.phones) {
    const phone = normalizeMobile(raw);
    const phoneKey = `${key}:${phone.ok ? phone.e164 : raw}`;
    if (!phone.ok) {
      plan.skipped.push({
        reason: 'PHONE_REJECTED',
        detail: phone.code,
        suppressed: suppressed(phone.code, { key: phoneKey, kind: 'staff-alert', phone: raw, text, source: subject.source }),
      });
      continue;
    }
    const job: PlannedJob = { key: phoneKey, kind: 'staff-alert', phone: phone.e164, text, ...timing, source: subject.source };
    plan.jobs.push(job);
  }
  return plan;
}

/** Shoper writes amounts as "1234.50" (sometimes with a comma): the sum as a number, or undefined. */
export function orderSum(order: OrderFacts): number | undefined {
  if (order.sum === undefined || order.sum.trim() === '') return undefined;
  const value = Number(order.sum.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** order.create: an order of at least the alert's amount. */
export function planStaffNewOrder(order: OrderFacts, alerts: StaffAlerts | undefined, ctx: PlanningContext): Plan {
  if (!alerts?.newOrder.enabled) return NOTHING;
  const sum = orderSum(order);
  if (sum === undefined || sum < alerts.newOrder.minAmount) return NOTHING;
  return planStaffAlert(
    'newOrder',
    {
      key: order.orderId,
      values: orderValues(order, ctx.shop),
      source: { event: 'order.create', orderId: order.orderId, userId: order.userId },
    },
    alerts,
    ctx,
  );
}

/** order.status: a move to a status of the "cancelled" kind (Shoper's type 4: cancelled, rejected, returned). */
export function planStaffOrderCancelled(order: OrderFacts, alerts: StaffAlerts | undefined, ctx: PlanningContext): Plan {
  if (!alerts?.orderCancelled.enabled || !order.statusId) return NOTHING;
  if (!isCancelledStatus(order.statusId, ctx.shop, order.statusName)) return NOTHING;
  return planStaffAlert(
    'orderCancelled',
    {
      // One alert per status change: a redelivery has the same status date; a later cancellation is a new one.
      key: `${order.orderId}:${order.statusId}:${order.statusDate ?? order.date ?? ''}`,
      values: orderValues(order, ctx.shop),
      source: {
        event: 'order.status',
        orderId: order.orderId,
        statusId: order.statusId,
        statusDate: order.statusDate,
        userId: order.userId,
      },
    },
    alerts,
    ctx,
  );
}

export interface OutOfStockProduct {
  productId: string;
  name?: string;
  code?: string;
  stock?: number;
  active?: boolean;
}

/** What a product.edit means for the out-of-stock alert: the product ran out, is in stock, or we cannot tell. */
export function stockState(product: OutOfStockProduct): 'out' | 'in' | 'unknown' {
  if (product.stock === undefined) return 'unknown';
  if (product.stock > 0) return 'in';
  return product.active === false ? 'unknown' : 'out';
}

/** product.edit with stock 0: `episode` names this run-out (the event that opened it), so it alerts once. */
export function planStaffOutOfStock(
  product: OutOfStockProduct,
  episode: string,
  alerts: StaffAlerts | undefined,
  ctx: PlanningContext,
): Plan {
  if (stockState(product) !== 'out') return NOTHING;
  return planStaffAlert(
    'outOfStock',
    {
      key: `${product.productId}:${episode}`,
      values: {
        product_name: product.name ?? '',
        product_code: product.code ?? '',
        product_id: product.productId,
        shop_name: ctx.shop.shopName ?? '',
      },
      source: { event: 'product.edit', productId: product.productId },
    },
    alerts,
    ctx,
  );
}
