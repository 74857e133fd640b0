// An event planner: turns one verified Shoper event into planned jobs (and may do side work such as
// cancelling stale jobs). Each feature has its own planner file; plan-event.ts registers them per event.
import type { Plan, PlanningContext } from '#domain/planning';
import type { ShopConfiguration } from '#domain/shop-data';
import type { Deps } from '../deps';
import type { ShopEventMessage } from '../ports';

export interface PlannerInput {
  deps: Deps;
  message: ShopEventMessage;
  config: ShopConfiguration;
  ctx: PlanningContext;
}

export type EventPlanner = (input: PlannerInput) => Promise<Plan>;

/** A payload the planner cannot read will not become readable on retry. */
export class PayloadInvalid extends Error {
  constructor(
    public readonly field: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'PayloadInvalid';
  }
}
