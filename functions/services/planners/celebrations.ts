// Date celebrations from Shoper events: an order placed (and a client's first order), an order shipped (by
// parcel.dispatch or by a status the merchant marked "shipped"), an account registered. Facts the event does
// not carry (consent, earlier orders, the order of a parcel, a client's phone) are asked of Shoper, and only
// when an active rule needs them.
import { normalizeMobile } from '#domain/phone';
import {
  activeCelebrations,
  celebrationCustomerFromOrder,
  isShippedStatus,
  needsFirstOrderAnswer,
  planCelebrations,
  planOrderPlacedCelebrations,
} from '#domain/planning-celebrations';
import { supersededOrderPlacedJobs } from '#domain/planning-stale';
import type { Plan } from '#domain/planning';
import type { OrderFacts } from '#domain/shoper-events';
import * as z from 'zod/mini';
import '#domain/zod-mini';
import { cancelStaleJobs } from '../scheduled-jobs';
import { shoperCustomers, type ShoperCustomers } from '../shoper-customers';
import { order } from './orders';
import { PayloadInvalid, type EventPlanner, type PlannerInput } from './types';

const NOTHING: Plan = { jobs: [], skipped: [] };

/**
 * One Shoper client per planner run: a token refresh made by one call is seen by the next (a second client
 * would try the already-used refresh token again).
 */
const customersOf = (input: PlannerInput): ShoperCustomers => shoperCustomers(input.deps, input.config.shop!);

/** Consent is only asked when the shop requires it. */
const consentFor = (input: PlannerInput, customers: ShoperCustomers, userId: string | undefined) =>
  input.ctx.settings.requireMarketingConsent ? customers.consentOf(userId) : Promise.resolve(true);

export const planOrderPlaced: EventPlanner = async (input) => {
  const { deps, message, config, ctx } = input;
  const placedRules = activeCelebrations(config.celebrations, 'order-placed');
  if (placedRules.length === 0 && activeCelebrations(config.celebrations, 'first-order').length === 0) return NOTHING;
  const facts = order(message.payload);
  const customers = customersOf(input);
  const consent = await consentFor(input, customers, facts.userId);
  const firstOrder = needsFirstOrderAnswer(config.celebrations, ctx, consent) ? await customers.isFirstOrder(facts) : undefined;
  const plan = planOrderPlacedCelebrations(facts, { consent, firstOrder }, config.celebrations, ctx);

  if (plan.jobs.some((job) => job.source.celebrationEvent === 'order-placed')) {
    const phone = celebrationCustomerFromOrder(facts, ctx, consent).phone;
    const superseded = supersededOrderPlacedJobs(facts, phone?.ok ? phone.e164 : undefined, await deps.store.listPendingJobs(message.shop));
    await cancelStaleJobs(deps, message.shop, superseded);
  }
  return plan;
};

async function planOrderShipped(input: PlannerInput, customers: ShoperCustomers, facts: OrderFacts, trigger: string): Promise<Plan> {
  const consent = await consentFor(input, customers, facts.userId);
  return planCelebrations(
    {
      event: 'order-shipped',
      // One SMS per rule and order, whichever of dispatch and "shipped" status comes first.
      subject: `order:${facts.orderId}`,
      trigger,
      orderId: facts.orderId,
      customer: celebrationCustomerFromOrder(facts, input.ctx, consent),
    },
    input.config.celebrations,
    input.ctx,
  );
}

export const planShippedStatus: EventPlanner = async (input) => {
  if (activeCelebrations(input.config.celebrations, 'order-shipped').length === 0) return NOTHING;
  const facts = order(input.message.payload);
  if (!isShippedStatus(facts.statusId, input.ctx)) return NOTHING;
  return planOrderShipped(input, customersOf(input), facts, 'order.status');
};

const ParcelPayload = z.looseObject({
  order_id: z.optional(z.union([z.string(), z.number()])),
  orderId: z.optional(z.union([z.string(), z.number()])),
});

export const planParcelDispatched: EventPlanner = async (input) => {
  if (activeCelebrations(input.config.celebrations, 'order-shipped').length === 0) return NOTHING;
  const parcel = ParcelPayload.safeParse(input.message.payload);
  const orderId = parcel.success ? String(parcel.data.order_id ?? parcel.data.orderId ?? '').trim() : '';
  if (orderId === '') throw new PayloadInvalid('order_id', 'order_id is required');
  const customers = customersOf(input);
  const facts = await customers.order(orderId);
  if (!facts) return { jobs: [], skipped: [{ reason: 'NO_ORDER', detail: orderId }] };
  return planOrderShipped(input, customers, facts, 'parcel.dispatch');
};

const flag = z.pipe(
  z.union([z.boolean(), z.string(), z.number()]),
  z.transform((v: boolean | string | number) => v === true || v === 1 || v === '1' || v === 'true'),
);
const ClientPayload = z.looseObject({
  user_id: z.optional(z.union([z.string(), z.number()])),
  userId: z.optional(z.union([z.string(), z.number()])),
  id: z.optional(z.union([z.string(), z.number()])),
  firstname: z.nullish(z.string()),
  lastname: z.nullish(z.string()),
  newsletter: z.optional(flag),
});

export const planClientRegistered: EventPlanner = async (input) => {
  const { message, config, ctx } = input;
  if (activeCelebrations(config.celebrations, 'account-registered').length === 0) return NOTHING;
  const parsed = ClientPayload.safeParse(message.payload);
  if (!parsed.success) throw new PayloadInvalid(parsed.error.issues[0]?.path.join('.') || 'body', parsed.error.issues[0]?.message ?? 'invalid');
  const client = parsed.data;
  const userId = String(client.user_id ?? client.userId ?? client.id ?? '').trim();
  if (userId === '') throw new PayloadInvalid('user_id', 'user_id is required');

  const customers = customersOf(input);
  // The webhook carries the user with its newsletter flag; ask Shoper only if it is missing.
  const consent = !ctx.settings.requireMarketingConsent || (client.newsletter ?? (await customers.consentOf(userId)));
  const contact = consent ? await customers.contactOf(userId) : undefined;
  const phone = contact?.phone
    ? normalizeMobile(contact.phone, { countryCodeHint: contact.countryCode, allowedCountries: ctx.settings.allowedCountries })
    : undefined;
  return planCelebrations(
    {
      event: 'account-registered',
      subject: `user:${userId}`,
      trigger: 'client.create',
      customer: {
        userId,
        firstname: client.firstname ?? contact?.firstname,
        lastname: client.lastname ?? contact?.lastname,
        phone,
        consent,
      },
    },
    config.celebrations,
    ctx,
  );
};
