// The messages on the two queues, one schema each: producers are typed by a schema's output, the consumers validate
// what they receive with it. `events` carries the facts of a verified Shoper webhook (parsed once at the edge:
// functions/domain/shoper-events.ts) and the shop setup and purge tasks; `sends` carries job references.
// zod/mini, as the Lambda code paths use it (functions/domain/zod-mini.ts).
import * as z from 'zod/mini';
import { JOB_ID } from '#domain/job-id';
import '#domain/zod-mini';
// Types only from the domain: a value import would bring its payload schemas into every bundle that reads a queue.
import type { ShopEvent, SupportedEvent } from '#domain/shoper-events';

// Each schema is built by `schema(() => …)` marked pure: a bundle that never reads a schema (the webhooks function
// only produces events; the sender reads only job references) leaves it, and the zod code it needs, out.
const schema = <T>(build: () => T): T => build();
const nonEmpty = () => z.string().check(z.minLength(1));
const maybe = () => z.optional(z.string());

const OrderAddress = /* @__PURE__ */ schema(() =>
  z.object({
    firstname: maybe(),
    lastname: maybe(),
    phone: maybe(),
    street: maybe(),
    postcode: maybe(),
    city: maybe(),
    country: maybe(),
    countryCode: maybe(),
  }),
);

const OrderFacts = /* @__PURE__ */ schema(() =>
  z.object({
    orderId: nonEmpty(),
    userId: maybe(),
    date: maybe(),
    statusId: maybe(),
    statusName: maybe(),
    statusDate: maybe(),
    sum: maybe(),
    shippingCost: maybe(),
    shippingId: maybe(),
    shippingName: maybe(),
    currencyId: maybe(),
    currencyName: maybe(),
    email: maybe(),
    orderUrl: maybe(),
    billing: OrderAddress,
    delivery: OrderAddress,
  }),
);

const ParcelFacts = /* @__PURE__ */ schema(() => z.object({ orderId: nonEmpty() }));

const ClientFacts = /* @__PURE__ */ schema(() =>
  z.object({ userId: nonEmpty(), firstname: maybe(), lastname: maybe(), newsletter: z.optional(z.boolean()) }),
);

const ProductFacts = /* @__PURE__ */ schema(() =>
  z.object({
    productId: z.string().check(z.regex(/^\d{1,12}$/)),
    name: maybe(),
    code: maybe(),
    price: maybe(),
    currencyId: maybe(),
    stock: z.optional(z.number()),
    active: z.optional(z.boolean()),
    url: maybe(),
  }),
);

/** Every events-queue message: which shop, and when the webhook (or the task) was received. */
const envelope = () => ({ shop: nonEmpty(), receivedAt: z.string() });
const orderEvent = <E extends SupportedEvent>(event: E) => z.object({ ...envelope(), event: z.literal(event), order: OrderFacts });

/** A verified Shoper webhook as its facts (ShopEvent) on the events queue. */
export const ShopEventMessage = /* @__PURE__ */ schema(() =>
  z.discriminatedUnion('event', [
    orderEvent('order.create'),
    orderEvent('order.status'),
    orderEvent('order.edit'),
    orderEvent('order.delete'),
    z.object({ ...envelope(), event: z.literal('parcel.dispatch'), parcel: ParcelFacts }),
    z.object({ ...envelope(), event: z.literal('client.create'), client: ClientFacts }),
    z.object({ ...envelope(), event: z.literal('product.edit'), product: ProductFacts, deliveryKey: nonEmpty() }),
  ]),
);
export type ShopEventMessage = z.output<typeof ShopEventMessage>;
/** The message of one event, e.g. `ShopEventMessageOf<'order.status'>`: what that event's planners receive. */
export type ShopEventMessageOf<E extends SupportedEvent> = Extract<ShopEventMessage, { event: E }>;

/** The `event` of a setup task on the events queue: not a Shoper event name, so no webhook can claim it. */
export const SHOP_SETUP_EVENT = 'app.shop-setup';
export const ShopSetupTask = /* @__PURE__ */ schema(() => z.object({ installId: nonEmpty(), attempt: z.int().check(z.minimum(1)) }));
export type ShopSetupTask = z.output<typeof ShopSetupTask>;

/** The `event` of a purge task on the events queue: not a Shoper event name, so no webhook can claim it. */
export const SHOP_PURGE_EVENT = 'app.shop-purge';
export const ShopPurgeTask = /* @__PURE__ */ schema(() => z.object({ uninstallId: nonEmpty(), round: z.int().check(z.minimum(1)) }));
export type ShopPurgeTask = z.output<typeof ShopPurgeTask>;

/**
 * The `event` of a restock's next page (not a Shoper event name: no webhook can claim it). It carries the product as
 * the first run knew it and the last number read, so the next run reads on from there (services/back-in-stock.ts).
 */
export const BACK_IN_STOCK_PAGE_EVENT = 'app.back-in-stock-page';
export const BackInStockPage = /* @__PURE__ */ schema(() =>
  z.object({
    product: ProductFacts,
    /** The E.164 number of the last sign-up the previous run read: this run starts after it. */
    after: nonEmpty(),
    /** 2 for the first continuation: for the logs, and a bound a runaway chain cannot pass. */
    page: z.int().check(z.minimum(2), z.maximum(10_000)),
  }),
);
export type BackInStockPage = z.output<typeof BackInStockPage>;
const BackInStockPageMessage = /* @__PURE__ */ schema(() =>
  z.object({ ...envelope(), event: z.literal(BACK_IN_STOCK_PAGE_EVENT), payload: BackInStockPage }),
);

/** What producers put on the events queue. */
export const EventsQueueMessage = /* @__PURE__ */ schema(() =>
  z.union([
    ShopEventMessage,
    BackInStockPageMessage,
    z.object({ ...envelope(), event: z.literal(SHOP_SETUP_EVENT), payload: ShopSetupTask }),
    z.object({ ...envelope(), event: z.literal(SHOP_PURGE_EVENT), payload: ShopPurgeTask }),
  ]),
);
export type EventsQueueMessage = z.output<typeof EventsQueueMessage>;

/** What the planners plan: a webhook's facts, or a restock's next page. */
export type PlannedMessage = ShopEventMessage | z.output<typeof BackInStockPageMessage>;
export type PlannedMessageOf<E extends PlannedMessage['event']> = Extract<PlannedMessage, { event: E }>;

/**
 * A webhook queued before the queue carried facts: the raw JSON body as `payload`. Still read for one release
 * after the change (messages queued at deploy time): the consumer turns it into facts with the edge's parseShopEvent
 * (functions/services/plan-event.ts), which also refuses an event name it does not know.
 */
const notATask = (event: string) => event !== SHOP_SETUP_EVENT && event !== SHOP_PURGE_EVENT && event !== BACK_IN_STOCK_PAGE_EVENT;
const LegacyShopEventMessage = /* @__PURE__ */ schema(() =>
  z.object({
    ...envelope(),
    event: nonEmpty().check(z.refine(notATask)),
    payload: z.record(z.string(), z.unknown()),
  }),
);
export type LegacyShopEventMessage = z.output<typeof LegacyShopEventMessage>;

/**
 * What the events-queue consumer accepts: today's messages and, for one release, the legacy shape (set apart, to be
 * parsed into facts). Undefined for anything else (a task without its fields, facts without their ids).
 */
export function readEventsQueueMessage(body: unknown): EventsQueueMessage | { legacy: LegacyShopEventMessage } | undefined {
  const current = EventsQueueMessage.safeParse(body);
  if (current.success) return current.data;
  const legacy = LegacyShopEventMessage.safeParse(body);
  return legacy.success ? { legacy: legacy.data } : undefined;
}

/** SMSAPI's several-numbers request; kept well under its per-request limits. */
export const MAX_BATCH = 100;

/** A job id (and a batch schedule's id): domain/job-id.ts's one pattern. */
const jobId = () => z.string().check(z.regex(JOB_ID));

/** A reference to one SMS job: what travels on the `sends` queue and in every schedule. */
export const JobRef = /* @__PURE__ */ schema(() => z.object({ shop: nonEmpty(), jobId: jobId() }));
export type JobRef = z.output<typeof JobRef>;

/** Several jobs sharing one SMSAPI request. `jobId` is set only on scheduled batches (it names the schedule). */
export const JobBatchRef = /* @__PURE__ */ schema(() =>
  z.object({
    shop: nonEmpty(),
    jobIds: z.array(jobId()).check(z.minLength(1), z.maxLength(MAX_BATCH)),
    jobId: z.optional(jobId()),
  }),
);
export type JobBatchRef = z.output<typeof JobBatchRef>;

/** What the sends-queue consumer accepts; a batch is tried first (a JobRef has no jobIds). */
export const SendsQueueMessage = /* @__PURE__ */ schema(() => z.union([JobBatchRef, JobRef]));
export type SendsQueueMessage = z.output<typeof SendsQueueMessage>;

// The facts schemas above and the domain's ShopEvent type are one shape: this fails to compile if they part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type FactsMatchTheDomain = Assert<Same<ShopEventMessage, ShopEvent & { shop: string; receivedAt: string }>>;
