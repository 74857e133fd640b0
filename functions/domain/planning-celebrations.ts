// Date celebrations ("Celebrowanie dat", manual 4.6) as pure planning: an occasion (an order shipped, placed,
// a first order, an account registered) and the shop's rules -> the marketing SMS jobs, consent respected.
import type { Celebration, CelebrationEvent, Job } from './model';
import type { OrderFacts } from './shoper-events';
import type { PhoneResult } from './phone';
import { renderMessage } from './template';
import { renderLinkedMessage } from './linked-message';
import { customerPhone, dueTime, type Plan, type PlanningContext, type Skip } from './planning';
import { suppressed, type SuppressionReason } from './suppression';

export { CELEBRATION_EVENT_NAMES, CELEBRATION_EVENTS } from './celebration-events';

/** Who a celebration goes to. Consent is Shoper's `newsletter` flag, resolved before planning. */
export interface CelebrationCustomer {
  userId?: string;
  firstname?: string;
  lastname?: string;
  phone: PhoneResult | undefined;
  consent: boolean;
}

export interface CelebrationOccasion {
  event: CelebrationEvent;
  /**
   * What the occasion is about: `order:<id>` or `user:<id>`. Part of the job key, so the same order shipped
   * twice (parcel.dispatch and a "shipped" status) plans one SMS per rule.
   */
  subject: string;
  /** The Shoper webhook that revealed the occasion. */
  trigger: string;
  orderId?: string;
  customer: CelebrationCustomer;
}

export const activeCelebrations = (celebrations: readonly Celebration[], event: CelebrationEvent): Celebration[] =>
  celebrations.filter((c) => c.active && c.event === event && c.text.trim() !== '');

export function celebrationCustomerFromOrder(
  order: OrderFacts,
  ctx: Pick<PlanningContext, 'settings'>,
  consent: boolean,
): CelebrationCustomer {
  return {
    userId: order.userId,
    firstname: order.billing.firstname ?? order.delivery.firstname,
    lastname: order.billing.lastname ?? order.delivery.lastname,
    phone: customerPhone(order, ctx.settings),
    consent,
  };
}

export function planCelebrations(
  occasion: CelebrationOccasion,
  celebrations: readonly Celebration[],
  ctx: Pick<PlanningContext, 'now' | 'settings' | 'shop' | 'maxParts' | 'links'>,
): Plan {
  const rules = activeCelebrations(celebrations, occasion.event);
  if (rules.length === 0) return { jobs: [], skipped: [] };
  const { customer } = occasion;
  const values = {
    name: customer.firstname ?? '',
    lastname: customer.lastname ?? '',
    shop_name: ctx.shop.shopName ?? '',
    order_id: occasion.orderId ?? '',
  };
  const sourceOf = (rule: Celebration): Job['source'] => ({
    event: occasion.trigger,
    orderId: occasion.orderId,
    userId: customer.userId,
    celebrationId: rule.id,
    celebrationEvent: occasion.event,
  });
  const keyOf = (rule: Celebration) => `celebration:${rule.id}:${occasion.subject}`;
  // Each rule's message is recorded as skipped, with the reason, so the owner sees what did not go out.
  const skip = (reason: Skip['reason'], why: SuppressionReason, detail?: string): Plan => ({
    jobs: [],
    skipped: rules.map((rule) => ({
      reason,
      detail: detail ?? occasion.event,
      suppressed: suppressed(why, {
        key: keyOf(rule),
        kind: 'celebration',
        phone: customer.phone?.ok ? customer.phone.e164 : undefined,
        text: renderMessage('celebration', rule.text, values, { maxParts: ctx.maxParts }),
        source: sourceOf(rule),
      }),
    })),
  });
  // Celebrations are commercial messages: without consent nothing is planned (Polish law, and the shop's choice).
  if (ctx.settings.requireMarketingConsent && !customer.consent) return skip('NO_CONSENT', 'NO_CONSENT');
  if (!customer.phone) return skip('NO_PHONE', 'NO_PHONE');
  if (!customer.phone.ok) return skip('PHONE_REJECTED', customer.phone.code, customer.phone.code);
  const phone = customer.phone.e164;

  return {
    jobs: rules.map((rule) => {
      const message = renderLinkedMessage('celebration', rule.text, values, {
        maxParts: ctx.maxParts,
        links: ctx.links,
        autoStopLink: ctx.settings.autoStopLink,
        request: { jobKey: keyOf(rule), phone, userId: customer.userId, targets: { shopUrl: ctx.shop.shopUrl } },
      });
      return {
        key: keyOf(rule),
        kind: 'celebration' as const,
        phone,
        text: message.text,
        links: message.links,
        ...dueTime('celebration', rule.delayDays, ctx),
        source: sourceOf(rule),
      };
    }),
    skipped: [],
  };
}

/** Facts about the client asked of Shoper when an order is placed. */
export interface OrderPlacedFacts {
  consent: boolean;
  /** True when the client has no earlier order in the shop; undefined when nobody asked (no rule needs it). */
  firstOrder?: boolean;
}

/** order.create: "Złożenie zamówienia" for every order and "Złożenie pierwszego zamówienia" for a first one. */
export function planOrderPlacedCelebrations(
  order: OrderFacts,
  facts: OrderPlacedFacts,
  celebrations: readonly Celebration[],
  ctx: Pick<PlanningContext, 'now' | 'settings' | 'shop' | 'maxParts' | 'links'>,
): Plan {
  const customer = celebrationCustomerFromOrder(order, ctx, facts.consent);
  const occasion = (event: CelebrationEvent): CelebrationOccasion => ({
    event,
    subject: `order:${order.orderId}`,
    trigger: 'order.create',
    orderId: order.orderId,
    customer,
  });
  const placed = planCelebrations(occasion('order-placed'), celebrations, ctx);
  const firstRules = activeCelebrations(celebrations, 'first-order');
  const consentMissing = ctx.settings.requireMarketingConsent && !facts.consent;
  const first: Plan =
    firstRules.length === 0
      ? { jobs: [], skipped: [] }
      : facts.firstOrder === true || consentMissing
        ? planCelebrations(occasion('first-order'), celebrations, ctx)
        : { jobs: [], skipped: [{ reason: 'NOT_FIRST_ORDER', detail: order.orderId }] };
  return { jobs: [...placed.jobs, ...first.jobs], skipped: [...placed.skipped, ...first.skipped] };
}

/** Whether Shoper must be asked about the client's earlier orders: only when a first-order SMS could go. */
export function needsFirstOrderAnswer(
  celebrations: readonly Celebration[],
  ctx: Pick<PlanningContext, 'settings'>,
  consent: boolean,
): boolean {
  return activeCelebrations(celebrations, 'first-order').length > 0 && (consent || !ctx.settings.requireMarketingConsent);
}

/** order.status: the "shipped" statuses the merchant chose count as the order-shipped occasion. */
export function isShippedStatus(statusId: string | undefined, ctx: Pick<PlanningContext, 'settings'>): boolean {
  return statusId !== undefined && ctx.settings.shippedStatusIds.includes(statusId);
}
