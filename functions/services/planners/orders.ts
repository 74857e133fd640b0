// Order events: the owner's new-order SMS and the customer's SMS of the status a new order is placed with
// (order.create), and the customer's status SMS (order.status). A status
// change first cancels the order's pending status SMS it makes stale (unless the merchant keeps them).
import type { OrderFacts } from '#domain/shoper-events';
import { initialStatusAlreadyPlanned, mergePlans, planOrderStatus, planOwnerNewOrder, type Plan } from '#domain/planning';
import { staleStatusJobs } from '#domain/planning-stale';
import { templateKey } from '#domain/planning';
import type { Job } from '#domain/model';
import type { Deps } from '../deps';
import { cancelStaleJobs } from '../scheduled-jobs';
import type { PlannerFor } from './types';

/** Every job of one order (the store reads the shop's jobs; see scheduled-jobs.ts on the limit). */
export async function jobsOfOrder(deps: Deps, shop: string, orderId: string): Promise<Job[]> {
  return deps.store.listOrderJobs(shop, orderId);
}

const alreadyPlanned = (facts: OrderFacts): Plan => ({
  jobs: [],
  skipped: [{ reason: 'STATUS_ALREADY_PLANNED', detail: `${facts.orderId}:${facts.statusId}` }],
});

/** A new order: the owner's alert, and the customer's SMS of the status the order was placed with. */
export const planOrderCreate: PlannerFor<'order.create'> = async ({ deps, message, ctx }) => {
  const facts = message.order;
  const owner = planOwnerNewOrder(facts, ctx);
  if (!facts.statusId) return owner;
  // Only read the order's jobs when a status SMS could go.
  const template = ctx.templates[templateKey.orderStatus(facts.statusId)];
  if (!template?.enabled) return mergePlans(owner, planOrderStatus(facts, ctx, 'order.create'));
  const planned = initialStatusAlreadyPlanned(facts, await jobsOfOrder(deps, message.shop, facts.orderId), 'order.create');
  return mergePlans(owner, planned ? alreadyPlanned(facts) : planOrderStatus(facts, ctx, 'order.create'));
};

export const planOrderStatusChange: PlannerFor<'order.status'> = async ({ deps, message, ctx }) => {
  const facts = message.order;
  const orderJobs = facts.statusId ? await jobsOfOrder(deps, message.shop, facts.orderId) : [];
  if (ctx.settings.cancelStaleStatusMessages && facts.statusId) {
    const staleness = staleStatusJobs(facts, orderJobs, ctx);
    await cancelStaleJobs(deps, message.shop, staleness.cancel);
    if (staleness.eventIsStale) {
      return { jobs: [], skipped: [{ reason: 'STALE_EVENT', detail: `${facts.orderId}:${facts.statusId}` }] };
    }
  }
  if (initialStatusAlreadyPlanned(facts, orderJobs, 'order.status')) return alreadyPlanned(facts);
  return planOrderStatus(facts, ctx);
};
