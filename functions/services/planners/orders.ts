// Order events: the owner's new-order SMS (order.create) and the customer's status SMS (order.status). A status
// change first cancels the order's pending status SMS it makes stale (unless the merchant keeps them).
import { parseOrder, type OrderFacts } from '#domain/shoper-events';
import { planOrderStatus, planOwnerNewOrder } from '#domain/planning';
import { staleStatusJobs } from '#domain/planning-stale';
import type { Job } from '#domain/model';
import type { Deps } from '../deps';
import { cancelStaleJobs } from '../scheduled-jobs';
import { PayloadInvalid, type EventPlanner } from './types';

export const order = (payload: unknown): OrderFacts => {
  const parsed = parseOrder(payload);
  if (!parsed.ok) throw new PayloadInvalid(parsed.field, parsed.message);
  return parsed.value;
};

/** Every job of one order (the store reads the shop's jobs; see scheduled-jobs.ts on the limit). */
export async function jobsOfOrder(deps: Deps, shop: string, orderId: string): Promise<Job[]> {
  return deps.store.listOrderJobs(shop, orderId);
}

export const planOrderCreate: EventPlanner = async ({ message, ctx }) => planOwnerNewOrder(order(message.payload), ctx);

export const planOrderStatusChange: EventPlanner = async ({ deps, message, ctx }) => {
  const facts = order(message.payload);
  if (ctx.settings.cancelStaleStatusMessages && facts.statusId) {
    const staleness = staleStatusJobs(facts, await jobsOfOrder(deps, message.shop, facts.orderId), ctx);
    await cancelStaleJobs(deps, message.shop, staleness.cancel);
    if (staleness.eventIsStale) {
      return { jobs: [], skipped: [{ reason: 'STALE_EVENT', detail: `${facts.orderId}:${facts.statusId}` }] };
    }
  }
  return planOrderStatus(facts, ctx);
};
