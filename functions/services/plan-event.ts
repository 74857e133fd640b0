// Use case: plan the SMS jobs for one verified Shoper event (its facts, parsed once at the edge) and put them on
// their road. Each event's planners live in ./planners (one file per feature) and are registered below.
import { BACK_IN_STOCK_PAGE_EVENT, type LegacyShopEventMessage, type PlannedMessage } from '#contracts/queue';
import { withDefaults } from '#domain/settings';
import { isSupportedEvent, parseShopEvent } from '#domain/shoper-events';
import { mergePlans, type Plan, type PlanningContext } from '#domain/planning';
import type { Job } from '#domain/model';
import type { Deps } from './deps';
import { createAndDispatch, recordSuppressed } from './dispatch';
import type { EventPlanner, PlannerFor } from './planners/types';
import { planOrderCreate, planOrderStatusChange } from './planners/orders';
import { planBackInStockPage, planProductEdit } from './planners/products';
import { planBasketReminderCancel } from './planners/carts';
import { planClientRegistered, planOrderPlaced, planParcelDispatched, planShippedStatus } from './planners/celebrations';
import { planStaffCancelledAlert, planStaffNewOrderAlert, planStaffOutOfStockAlert } from './planners/staff';
import { planOrderAttribution } from './planners/attribution';
import { dropOptedOut } from './opt-out';
import { linkMakerFor } from './short-links';

/** Every planner that runs for an event, in order; each receives that event's facts. */
export const PLANNERS: { [E in PlannedMessage['event']]?: PlannerFor<E>[] } = {
  'order.create': [planOrderCreate, planOrderPlaced, planBasketReminderCancel, planStaffNewOrderAlert, planOrderAttribution],
  'order.status': [planOrderStatusChange, planShippedStatus, planStaffCancelledAlert],
  'parcel.dispatch': [planParcelDispatched],
  'client.create': [planClientRegistered],
  'product.edit': [planProductEdit, planStaffOutOfStockAlert],
  // Our own message kind: a long restock's next page (services/back-in-stock.ts).
  [BACK_IN_STOCK_PAGE_EVENT]: [planBackInStockPage],
};

export interface PlanOutcome {
  jobs: Job[];
  skipped: Plan['skipped'];
  ignored?: string;
}

export async function planEvent(deps: Deps, message: PlannedMessage): Promise<PlanOutcome> {
  const config = await deps.store.loadConfiguration(message.shop);
  if (!config.shop || config.shop.status !== 'installed') {
    deps.logger.info('event for a shop that is not installed: ignored', { shop: message.shop, event: message.event });
    return { jobs: [], skipped: [], ignored: 'SHOP_NOT_INSTALLED' };
  }
  // The map pairs each event with its own planners, which TypeScript cannot follow through the lookup.
  const planners = PLANNERS[message.event] as EventPlanner<typeof message>[] | undefined;
  if (!planners?.length) return { jobs: [], skipped: [], ignored: 'EVENT_NOT_PLANNED' };
  const settings = withDefaults(config.settings, config.shop.statuses);
  const now = deps.clock.now();
  const ctx: PlanningContext = {
    shop: config.shop,
    settings,
    templates: config.templates,
    now,
    maxParts: deps.config.SMSAPI_MAX_PARTS,
    links: await linkMakerFor(deps, config.shop, settings, now),
  };

  let plan = mergePlans(...(await Promise.all(planners.map((p) => p({ deps, message, config, ctx })))));
  // A number that opted out gets no marketing SMS, whichever planner found it (recorded as skipped, with the reason).
  plan = await dropOptedOut(deps, message.shop, plan);
  const jobs = await createAndDispatch(deps, message.shop, plan.jobs);
  await recordSuppressed(deps, message.shop, plan.skipped);
  deps.logger.info('event planned', { shop: message.shop, event: message.event, jobs: jobs.map((j) => j.jobId), skipped: plan.skipped });
  return { jobs, skipped: plan.skipped };
}

/**
 * A webhook queued before the events queue carried facts (its raw body as `payload`): read for one release after
 * the change with the edge's parser, then planned as any other. One it cannot read is logged and dropped, as the
 * planners did with such a payload before.
 */
export async function planLegacyEvent(deps: Deps, message: LegacyShopEventMessage): Promise<PlanOutcome> {
  if (!isSupportedEvent(message.event)) return { jobs: [], skipped: [], ignored: 'EVENT_NOT_PLANNED' };
  const parsed = parseShopEvent(message.event, message.payload);
  if (!parsed.ok) {
    const { shop, event } = message;
    deps.logger.error('event payload not understood', { shop, event, field: parsed.field, reason: parsed.message });
    return { jobs: [], skipped: [], ignored: `PAYLOAD_INVALID:${parsed.field}` };
  }
  return planEvent(deps, { shop: message.shop, receivedAt: message.receivedAt, ...parsed.value });
}
