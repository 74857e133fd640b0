// Planning is a pure function: (event facts, shop configuration, now) -> the SMS jobs to create.
// Every job gets a deterministic key built from the event's content, so a duplicate webhook plans the same job
// and is created once.
import type { MessageTemplate, NotificationKind, Shop, ShopSettings, Job } from './model';
import type { OrderFacts } from './shoper-events';
import { normalizeMobile, type PhoneResult } from './phone';
import { renderMessage } from './template';
import { renderLinkedMessage } from './linked-message';
import type { LinkMaker, ShortLink } from './short-links';
import { addDays } from './calendar';
import { nextSendTime } from './quiet-hours';
import { orderValues } from './order-values';
import { phoneProblem, suppressed, type Suppression } from './suppression';
import { nextMarketingDay } from './sending-limits';

export interface PlanningContext {
  shop: Shop;
  settings: ShopSettings;
  templates: Record<string, MessageTemplate>;
  now: Date;
  /** SMSAPI_MAX_PARTS: no message is rendered longer (default DEFAULT_MAX_PARTS). */
  maxParts?: number;
  /** Makes each SMS's short links; without it link placeholders render empty. */
  links?: LinkMaker;
}

export interface PlannedJob {
  /** Deterministic: the same event content gives the same key. */
  key: string;
  kind: NotificationKind;
  phone: string;
  text: string;
  dueAt: Date;
  /** When quiet hours moved the job, its original due time. */
  shiftedFrom?: Date;
  source: Job['source'];
  /** The SMS's short links: stored before the job, so a link works as soon as the SMS can arrive. */
  links?: ShortLink[];
}

export interface Skip {
  reason:
    | 'TEMPLATE_DISABLED'
    | 'NO_TEMPLATE'
    | 'NO_PHONE'
    | 'PHONE_REJECTED'
    | 'NO_OWNER_PHONE'
    /** A team alert is on, but no team number is saved. */
    | 'NO_STAFF_PHONES'
    | 'NO_STATUS'
    /** Marketing (a celebration) to a client who did not consent while the shop requires consent. */
    | 'NO_CONSENT'
    | 'NOT_FIRST_ORDER'
    /** An order.status event older than a status change already planned for the same order. */
    | 'STALE_EVENT'
    /** parcel.dispatch for an order Shoper no longer has. */
    | 'NO_ORDER'
    /** The status SMS of this status was already planned for the order (on order.create, or by order.status first). */
    | 'STATUS_ALREADY_PLANNED'
    /** Marketing to a number that opted out through a {stop_link}. */
    | 'OPTED_OUT';
  detail?: string;
  /** Set when a message was planned and is not sent: it is recorded as a SKIPPED job (shown in the history). */
  suppressed?: Suppression;
}

export interface Plan {
  jobs: PlannedJob[];
  skipped: Skip[];
}

export const templateKey = {
  ownerNewOrder: 'owner-new-order',
  orderStatus: (statusId: string) => `order-status#${statusId}`,
  backInStock: 'back-in-stock',
  abandonedCart: 'abandoned-cart',
};

// A job's id (how it is made, what it looks like) is defined in job-id.ts.
export { JOB_ID, jobIdFor } from './job-id';

/** Due time: N calendar days later in the shop's zone, then moved into the send window if it applies. */
export function dueTime(kind: NotificationKind, delayDays: number, ctx: Pick<PlanningContext, 'now' | 'settings'>) {
  const tz = ctx.settings.quietHours.timeZone;
  const base = delayDays > 0 ? addDays(ctx.now, delayDays, tz) : ctx.now;
  const applies = ctx.settings.quietHours.enabled && (ctx.settings.quietHoursFor[kind] ?? false);
  const windowed = applies ? nextSendTime(base, ctx.settings.quietHours) : base;
  // No marketing on Sundays and holidays when the shop asks for it: the next working day's window opening.
  const limits = ctx.settings.limits;
  const due = limits ? nextMarketingDay(kind, windowed, limits, { ...ctx.settings.quietHours, applies }) : windowed;
  return due.getTime() === base.getTime() ? { dueAt: due } : { dueAt: due, shiftedFrom: base };
}

/** The customer's number: billing phone, else delivery phone, completed with the address's country. */
export function customerPhone(order: OrderFacts, settings: ShopSettings): PhoneResult | undefined {
  const candidates = [
    { raw: order.billing.phone, country: order.billing.countryCode },
    { raw: order.delivery.phone, country: order.delivery.countryCode ?? order.billing.countryCode },
  ].filter((c) => c.raw && c.raw.trim() !== '');
  let first: PhoneResult | undefined;
  for (const c of candidates) {
    const result = normalizeMobile(c.raw!, { countryCodeHint: c.country, allowedCountries: settings.allowedCountries });
    if (result.ok) return result;
    first ??= result;
  }
  return first;
}

const statusDedupe = (order: OrderFacts) => `${order.orderId}:${order.statusId}:${order.statusDate ?? order.date ?? ''}`;

/**
 * The customer's status SMS. `trigger` is the webhook: `order.status`, or `order.create` for the status a new
 * order is placed with (the manual's "złożone" confirmation goes when the order is placed).
 */
export function planOrderStatus(order: OrderFacts, ctx: PlanningContext, trigger: 'order.status' | 'order.create' = 'order.status'): Plan {
  if (!order.statusId) return { jobs: [], skipped: [{ reason: 'NO_STATUS' }] };
  const template = ctx.templates[templateKey.orderStatus(order.statusId)];
  if (!template) return { jobs: [], skipped: [{ reason: 'NO_TEMPLATE', detail: order.statusId }] };
  if (!template.enabled) return { jobs: [], skipped: [{ reason: 'TEMPLATE_DISABLED', detail: order.statusId }] };
  const phone = customerPhone(order, ctx.settings);
  const text = renderMessage('order-status', template.text, orderValues(order, ctx.shop), { maxParts: ctx.maxParts });
  const key = `order-status:${statusDedupe(order)}`;
  const source: Job['source'] = {
    event: trigger,
    orderId: order.orderId,
    statusId: order.statusId,
    statusDate: order.statusDate,
    userId: order.userId,
  };
  if (!phone?.ok) {
    const problem = phoneProblem(phone)!;
    const raw = order.billing.phone?.trim() || order.delivery.phone?.trim() || undefined;
    return {
      jobs: [],
      skipped: [
        {
          reason: phone ? 'PHONE_REJECTED' : 'NO_PHONE',
          detail: phone && !phone.ok ? phone.code : undefined,
          suppressed: suppressed(problem, { key, kind: 'order-status', phone: raw, text, source }),
        },
      ],
    };
  }
  const message = renderLinkedMessage('order-status', template.text, orderValues(order, ctx.shop), {
    maxParts: ctx.maxParts,
    links: ctx.links,
    request: { jobKey: key, phone: phone.e164, userId: order.userId, targets: { shopUrl: ctx.shop.shopUrl, orderUrl: order.orderUrl } },
  });
  return {
    jobs: [
      {
        key,
        kind: 'order-status',
        phone: phone.e164,
        text: message.text,
        links: message.links,
        ...dueTime('order-status', template.delayDays, ctx),
        source,
      },
    ],
    skipped: [],
  };
}

/**
 * One status SMS per status an order is placed with: order.create plans it, and Shoper's order.status for that
 * same status (before the order moved on) must not plan it again; nor the other way round, whichever came first.
 */
export function initialStatusAlreadyPlanned(
  order: OrderFacts,
  orderJobs: readonly Job[],
  trigger: 'order.status' | 'order.create',
): boolean {
  const statusJobs = orderJobs
    .filter((job) => job.kind === 'order-status' && job.source.orderId === order.orderId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // On order.create: that status was planned already, or the order has moved on (a later status was planned first).
  if (trigger === 'order.create') {
    return statusJobs.some(
      (job) =>
        job.source.statusId === order.statusId || (order.statusDate !== undefined && (job.source.statusDate ?? '') > order.statusDate),
    );
  }
  const last = statusJobs.at(-1);
  return last !== undefined && last.source.event === 'order.create' && last.source.statusId === order.statusId;
}

export function planOwnerNewOrder(order: OrderFacts, ctx: PlanningContext): Plan {
  const template = ctx.templates[templateKey.ownerNewOrder];
  if (!template) return { jobs: [], skipped: [{ reason: 'NO_TEMPLATE', detail: templateKey.ownerNewOrder }] };
  if (!template.enabled) return { jobs: [], skipped: [{ reason: 'TEMPLATE_DISABLED', detail: templateKey.ownerNewOrder }] };
  const key = `owner-new-order:${order.orderId}`;
  const text = renderMessage('owner-new-order', template.text, orderValues(order, ctx.shop), { maxParts: ctx.maxParts });
  const source: Job['source'] = { event: 'order.create', orderId: order.orderId, userId: order.userId };
  if (!ctx.settings.ownerPhone) {
    return {
      jobs: [],
      skipped: [{ reason: 'NO_OWNER_PHONE', suppressed: suppressed('NO_OWNER_PHONE', { key, kind: 'owner-new-order', text, source }) }],
    };
  }
  const phone = normalizeMobile(ctx.settings.ownerPhone);
  if (!phone.ok) {
    return {
      jobs: [],
      skipped: [
        {
          reason: 'PHONE_REJECTED',
          detail: phone.code,
          suppressed: suppressed(phone.code, { key, kind: 'owner-new-order', phone: ctx.settings.ownerPhone, text, source }),
        },
      ],
    };
  }
  const message = renderLinkedMessage('owner-new-order', template.text, orderValues(order, ctx.shop), {
    maxParts: ctx.maxParts,
    links: ctx.links,
    request: { jobKey: key, phone: phone.e164, targets: { shopUrl: ctx.shop.shopUrl, orderUrl: order.orderUrl } },
  });
  return {
    jobs: [
      {
        key,
        kind: 'owner-new-order',
        phone: phone.e164,
        text: message.text,
        links: message.links,
        ...dueTime('owner-new-order', template.delayDays, ctx),
        source,
      },
    ],
    skipped: [],
  };
}

export const mergePlans = (...plans: Plan[]): Plan => ({
  jobs: plans.flatMap((p) => p.jobs),
  skipped: plans.flatMap((p) => p.skipped),
});
