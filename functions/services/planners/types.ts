// An event planner: turns one verified Shoper event into planned jobs (and may do side work such as
// cancelling stale jobs). Each feature has its own planner file; plan-event.ts registers them per event.
import type { Plan, PlanningContext } from '#domain/planning';
import type { ShopConfiguration } from '#domain/shop-data';
import type { Deps } from '../deps';
import type { PlannedMessage, PlannedMessageOf } from '#contracts/queue';
import type { ShopEventMessage } from '../ports';

/** `message`: the event's facts (parsed once at the edge), e.g. `message.order` for an order event. */
export interface PlannerInput<M extends PlannedMessage = PlannedMessage> {
  deps: Deps;
  message: M;
  config: ShopConfiguration;
  ctx: PlanningContext;
}

export type EventPlanner<M extends PlannedMessage = PlannedMessage> = (input: PlannerInput<M>) => Promise<Plan>;

/** A planner of one event, e.g. `PlannerFor<'order.status'>` reads `message.order`. */
export type PlannerFor<E extends PlannedMessage['event']> = EventPlanner<PlannedMessageOf<E>>;

/** The message of any order event (create, status, edit, delete): all carry the order's facts. */
export type OrderEventMessage = Extract<ShopEventMessage, { order: unknown }>;
