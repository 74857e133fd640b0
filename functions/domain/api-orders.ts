// Request schemas of the order-notification areas of the admin API: settings, date celebrations, scheduled
// sends. One source for validation in the handlers and for the SPA's typed calls.
import * as z from 'zod';
import { CursorField } from './cursor';
import { FEATURE_KINDS } from './notification-kinds';
import { CELEBRATION_EVENTS } from './planning-celebrations';
import { SendingLimitsBody } from './api-limits';

const time = z.string().regex(/^\d{2}:\d{2}$/, 'use HH:MM, e.g. 08:00');

/** PUT /api/settings: any subset of the settings; what is left out keeps its saved value. */
export const SettingsBody = z.strictObject({
  /** The owner's mobile for the new-order SMS; null or "" removes it. */
  ownerPhone: z.string().max(40).nullable().optional(),
  quietHours: z
    .strictObject({
      enabled: z.boolean(),
      start: time,
      end: time,
      timeZone: z.string().min(1).max(64),
    })
    .partial()
    .optional(),
  quietHoursFor: z.partialRecord(z.enum(FEATURE_KINDS), z.boolean()).optional(),
  requireMarketingConsent: z.boolean().optional(),
  backInStockRequiresConsent: z.boolean().optional(),
  cancelStaleStatusMessages: z.boolean().optional(),
  shippedStatusIds: z.array(z.string().regex(/^\d{1,10}$/, 'a status id (digits)')).max(100).optional(),
  allowedCountries: z
    .array(z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code, e.g. PL'))
    .min(1)
    .max(60)
    .optional(),
  storefrontDailyCap: z.number().int().min(0).max(100_000).optional(),
  /** Frequency cap, validity, spend limits, low-balance alert: any subset. */
  limits: SendingLimitsBody.optional(),
});
export type SettingsBody = z.infer<typeof SettingsBody>;

const celebrationEvent = z.enum(CELEBRATION_EVENTS);

const celebrationFields = {
  event: celebrationEvent,
  delayDays: z.number().int().min(0).max(365),
  text: z.string().max(2000),
  active: z.boolean(),
};

export const CelebrationBody = z.strictObject({ ...celebrationFields, active: celebrationFields.active.default(true) });
export type CelebrationBody = z.infer<typeof CelebrationBody>;

/** PUT /api/celebrations/{id}: an edit, or `{active: false}` for "Wyłącz"; what is left out stays. */
export const CelebrationPatch = z.strictObject(celebrationFields).partial();
export type CelebrationPatch = z.infer<typeof CelebrationPatch>;

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const CelebrationListQuery = z.object({
  limit: limit(100, 20),
  cursor: CursorField,
});

/** `scheduled`: due later ("Zaplanowane wysyłki"); `cancelled`: deleted or stale; `all`: the message history. */
export const JobListQuery = z.object({
  state: z.enum(['scheduled', 'cancelled', 'all']).default('scheduled'),
  search: z.string().max(100).optional(),
  limit: limit(200, 50),
  cursor: CursorField,
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobDeleteBody = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(1).max(200),
});
