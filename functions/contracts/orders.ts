// Request schemas of the order-notification areas of the admin API: settings, date celebrations, scheduled
// sends. One source for validation in the handlers and for the SPA's typed calls.
import * as z from 'zod/mini';
import { CursorField } from '#domain/cursor';
import { CELEBRATION_EVENTS } from '#domain/celebration-events';
import { FEATURE_KINDS } from '#domain/notification-kinds';
import { SendingLimitsBody } from './limits';

const time = z.string().check(z.regex(/^\d{2}:\d{2}$/, 'use HH:MM, e.g. 08:00'));

/** PUT /api/settings: any subset of the settings; what is left out keeps its saved value. */
export const SettingsBody = z.strictObject({
  /** The owner's mobile for the new-order SMS; null or "" removes it. */
  ownerPhone: z.optional(z.nullable(z.string().check(z.maxLength(40)))),
  quietHours: z.optional(
    z.partial(
      z.strictObject({
        enabled: z.boolean(),
        start: time,
        end: time,
        timeZone: z.string().check(z.minLength(1), z.maxLength(64)),
      }),
    ),
  ),
  quietHoursFor: z.optional(z.partialRecord(z.enum(FEATURE_KINDS), z.boolean())),
  requireMarketingConsent: z.optional(z.boolean()),
  backInStockRequiresConsent: z.optional(z.boolean()),
  cancelStaleStatusMessages: z.optional(z.boolean()),
  shippedStatusIds: z.optional(z.array(z.string().check(z.regex(/^\d{1,10}$/, 'a status id (digits)'))).check(z.maxLength(100))),
  allowedCountries: z.optional(
    z.array(z.string().check(z.regex(/^[A-Za-z]{2}$/, 'a two-letter country code, e.g. PL'))).check(z.minLength(1), z.maxLength(60)),
  ),
  storefrontDailyCap: z.optional(z.number().check(z.int(), z.gte(0), z.lte(100_000))),
  /** Frequency cap, validity, spend limits, low-balance alert: any subset. */
  limits: z.optional(SendingLimitsBody),
});
export type SettingsBody = z.infer<typeof SettingsBody>;

const celebrationEvent = z.enum(CELEBRATION_EVENTS);
const celebrationFields = {
  event: celebrationEvent,
  delayDays: z.number().check(z.int(), z.gte(0), z.lte(365)),
  text: z.string().check(z.maxLength(2000)),
  active: z.boolean(),
};
export const CelebrationBody = z.strictObject({ ...celebrationFields, active: z._default(celebrationFields.active, true) });
export type CelebrationBody = z.infer<typeof CelebrationBody>;
/** PUT /api/celebrations/{id}: an edit, or `{active: false}` for "Wyłącz"; what is left out stays. */
export const CelebrationPatch = z.partial(z.strictObject(celebrationFields));
export type CelebrationPatch = z.infer<typeof CelebrationPatch>;

const limit = (max: number, fallback: number) => z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(max)), fallback);
export const CelebrationListQuery = z.object({
  limit: limit(100, 20),
  cursor: CursorField,
});

/** `scheduled`: due later ("Zaplanowane wysyłki"); `cancelled`: deleted or stale; `all`: the message history. */
export const JobListQuery = z.object({
  state: z._default(z.enum(['scheduled', 'cancelled', 'all']), 'scheduled'),
  search: z.optional(z.string().check(z.maxLength(100))),
  limit: limit(200, 50),
  cursor: CursorField,
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobDeleteBody = z.strictObject({
  ids: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(200)),
});
