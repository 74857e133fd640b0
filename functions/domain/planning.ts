// Planning is a pure function: (event facts, shop configuration, now) -> the SMS jobs to create.
// Every job gets a deterministic key built from the event's content, so a duplicate webhook plans the same job
// and is created once.
import { createHash } from 'node:crypto';
import type { MessageTemplate, NotificationKind, Shop, ShopSettings, Job } from './model';
import type { OrderFacts } from './shoper-events';
import { normalizeMobile, type PhoneResult } from './phone';
import { renderLinkedMessage } from './linked-message';
import type { LinkMaker, ShortLink } from './short-links';
import { addDays, nextSendTime } from './quiet-hours';
import { orderValues } from './order-values';

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
    | 'NO_STATUS'
    /** Marketing (a celebration) to a client who did not consent while the shop requires consent. */
    | 'NO_CONSENT'
    | 'NOT_FIRST_ORDER'
    /** An order.status event older than a status change already planned for the same order. */
    | 'STALE_EVENT'
    /** parcel.dispatch for an order Shoper no longer has. */
    | 'NO_ORDER'
    /** Marketing to a number that opted out through a {stop_link}. */
    | 'OPTED_OUT';
  detail?: string;
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

/** Job ids travel to SMSAPI as `idx`: letters and digits only. */
export function jobIdFor(shop: string, key: string): string {
  return createHash('sha256').update(`${shop}|${key}`).digest('hex').slice(0, 32);
}

/** Due time: N calendar days later in the shop's zone, then moved into the send window if it applies. */
export function dueTime(kind: NotificationKind, delayDays: number, ctx: Pick<PlanningContext, 'now' | 'settings'>) {
  const tz = ctx.settings.quietHours.timeZone;
  const base = delayDays > 0 ? addDays(ctx.now, delayDays, tz) : ctx.now;
  const applies = ctx.settings.quietHours.enabled && (ctx.settings.quietHoursFor[kind] ?? false);
  const due = applies ? nextSendTime(base, ctx.settings.quietHours) : base;
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

const statusDedupe = (order: OrderFacts) =>
  `${order.orderId}:${order.statusId}:${order.statusDate ?? order.date ?? ''}`;

export function planOrderStatus(order: OrderFacts, ctx: PlanningContext): Plan {
  if (!order.statusId) return { jobs: [], skipped: [{ reason: 'NO_STATUS' }] };
  const template = ctx.templates[templateKey.orderStatus(order.statusId)];
  if (!template) return { jobs: [], skipped: [{ reason: 'NO_TEMPLATE', detail: order.statusId }] };
  if (!template.enabled) return { jobs: [], skipped: [{ reason: 'TEMPLATE_DISABLED', detail: order.statusId }] };
  const phone = customerPhone(order, ctx.settings);
  if (!phone) return { jobs: [], skipped: [{ reason: 'NO_PHONE' }] };
  if (!phone.ok) return { jobs: [], skipped: [{ reason: 'PHONE_REJECTED', detail: phone.code }] };
  const key = `order-status:${statusDedupe(order)}`;
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
        source: {
          event: 'order.status',
          orderId: order.orderId,
          statusId: order.statusId,
          statusDate: order.statusDate,
          userId: order.userId,
        },
      },
    ],
    skipped: [],
  };
}

export function planOwnerNewOrder(order: OrderFacts, ctx: PlanningContext): Plan {
  const template = ctx.templates[templateKey.ownerNewOrder];
  if (!template) return { jobs: [], skipped: [{ reason: 'NO_TEMPLATE', detail: templateKey.ownerNewOrder }] };
  if (!template.enabled) return { jobs: [], skipped: [{ reason: 'TEMPLATE_DISABLED', detail: templateKey.ownerNewOrder }] };
  if (!ctx.settings.ownerPhone) return { jobs: [], skipped: [{ reason: 'NO_OWNER_PHONE' }] };
  const phone = normalizeMobile(ctx.settings.ownerPhone);
  if (!phone.ok) return { jobs: [], skipped: [{ reason: 'PHONE_REJECTED', detail: phone.code }] };
  const key = `owner-new-order:${order.orderId}`;
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
        source: { event: 'order.create', orderId: order.orderId, userId: order.userId },
      },
    ],
    skipped: [],
  };
}

export const mergePlans = (...plans: Plan[]): Plan => ({
  jobs: plans.flatMap((p) => p.jobs),
  skipped: plans.flatMap((p) => p.skipped),
});
