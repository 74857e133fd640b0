// Use case: plan the SMS jobs for one verified Shoper event and put them on their road.
import { withDefaults } from '#domain/settings';
import { parseOrder } from '#domain/shoper-events';
import { mergePlans, planOrderStatus, planOwnerNewOrder, type Plan, type PlanningContext } from '#domain/planning';
import type { Job } from '#domain/model';
import type { ShopEventMessage } from './ports';
import type { Deps } from './deps';
import { createAndDispatch } from './dispatch';

export interface PlanOutcome {
  jobs: Job[];
  skipped: Plan['skipped'];
  ignored?: string;
}

export async function planEvent(deps: Deps, message: ShopEventMessage): Promise<PlanOutcome> {
  const config = await deps.store.loadConfiguration(message.shop);
  if (!config.shop || config.shop.status !== 'installed') {
    deps.logger.info('event for a shop that is not installed: ignored', { shop: message.shop, event: message.event });
    return { jobs: [], skipped: [], ignored: 'SHOP_NOT_INSTALLED' };
  }
  const ctx: PlanningContext = {
    shop: config.shop,
    settings: withDefaults(config.settings),
    templates: config.templates,
    now: deps.clock.now(),
  };

  let plan: Plan;
  switch (message.event) {
    case 'order.create': {
      const order = parseOrder(message.payload);
      if (!order.ok) return invalid(deps, message, order.field, order.message);
      plan = mergePlans(planOwnerNewOrder(order.value, ctx));
      break;
    }
    case 'order.status': {
      const order = parseOrder(message.payload);
      if (!order.ok) return invalid(deps, message, order.field, order.message);
      plan = planOrderStatus(order.value, ctx);
      break;
    }
    default:
      return { jobs: [], skipped: [], ignored: 'EVENT_NOT_PLANNED' };
  }

  const jobs = await createAndDispatch(deps, message.shop, plan.jobs);
  deps.logger.info('event planned', {
    shop: message.shop,
    event: message.event,
    jobs: jobs.map((j) => j.jobId),
    skipped: plan.skipped,
  });
  return { jobs, skipped: plan.skipped };
}

function invalid(deps: Deps, message: ShopEventMessage, field: string, reason: string): PlanOutcome {
  // A payload we cannot read will not become readable on retry: log it loudly and move on.
  deps.logger.error('event payload not understood', { shop: message.shop, event: message.event, field, reason });
  return { jobs: [], skipped: [], ignored: `PAYLOAD_INVALID:${field}` };
}
