// Response shapes of the admin routes whose request schemas live in api.ts and api-*.ts: shared by the SPA (typed
// calls) and the OpenAPI document. Loose objects: a field added server-side never breaks the SPA; a field the SPA
// relies on missing does, loudly (RESPONSE_UNEXPECTED).
import * as z from 'zod';

const Bilingual = z.object({ pl: z.string(), en: z.string() });

export const TemplateItem = z.looseObject({
  key: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  delayDays: z.number(),
  text: z.string(),
  updatedAt: z.string().optional(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;
export const TemplateList = z.looseObject({ items: z.array(TemplateItem) });
export const SavedTemplate = z.looseObject({ enabled: z.boolean(), delayDays: z.number(), text: z.string() });

export const Settings = z.looseObject({
  ownerPhone: z.string().nullish(),
  quietHours: z.looseObject({ enabled: z.boolean(), start: z.string(), end: z.string(), timeZone: z.string() }),
  quietHoursFor: z.record(z.string(), z.boolean()).default({}),
  requireMarketingConsent: z.boolean(),
  cancelStaleStatusMessages: z.boolean().default(true),
  shippedStatusIds: z.array(z.string()).default([]),
  allowedCountries: z.array(z.string()).default(['PL']),
  storefrontDailyCap: z.number().optional(),
});
export type Settings = z.infer<typeof Settings>;
/** GET/PUT /api/settings answer the settings, bare or as `{settings}`. */
export const SettingsResponse = z.preprocess(
  (value) => (value && typeof value === 'object' && 'settings' in value ? (value as { settings: unknown }).settings : value),
  Settings,
);

export const StatusOverview = z.looseObject({
  statusId: z.string(),
  name: z.string(),
  nameEn: z.string().nullish(),
  type: z.number().nullish(),
  active: z.boolean().default(true),
  template: z.looseObject({ enabled: z.boolean(), delayDays: z.number(), text: z.string() }).nullable(),
  proposedText: z.string().nullable(),
  sends: z.boolean(),
  shipped: z.boolean().optional(),
});
export type StatusOverview = z.infer<typeof StatusOverview>;
export const StatusList = z.looseObject({ items: z.array(StatusOverview), refreshFailed: z.boolean().optional() });

export const CelebrationView = z.looseObject({
  id: z.string(),
  event: z.string(),
  delayDays: z.number(),
  text: z.string(),
  active: z.boolean(),
  eventName: Bilingual.optional(),
  createdAt: z.string().optional(),
});
export type CelebrationView = z.infer<typeof CelebrationView>;
export const CelebrationList = z.looseObject({
  items: z.array(CelebrationView),
  total: z.number().optional(),
  cursor: z.string().optional(),
  events: z.array(z.looseObject({ event: z.string(), name: Bilingual })).optional(),
  examples: z.array(z.looseObject({ event: z.string(), delayDays: z.number(), text: z.string() })).optional(),
});

export const JobView = z.looseObject({
  jobId: z.string(),
  phone: z.string(),
  text: z.string(),
  dueAt: z.string(),
  createdAt: z.string().optional(),
  kind: z.string(),
  type: Bilingual.optional(),
  state: z.string(),
  stateName: Bilingual.optional(),
  orderId: z.string().optional(),
  cancelReason: z.string().optional(),
  shiftedFrom: z.string().optional(),
  sentAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  error: z.looseObject({ code: z.union([z.number(), z.string()]), message: z.string() }).optional(),
  /** Why a SKIPPED message was not sent. */
  skipReason: z.looseObject({ code: z.string(), pl: z.string(), en: z.string() }).optional(),
  waitReason: z.looseObject({ code: z.string(), message: z.string() }).optional(),
});
export type JobView = z.infer<typeof JobView>;
export const JobList = z.looseObject({ items: z.array(JobView), total: z.number().optional(), cursor: z.string().optional() });
export const JobsDeleted = z.looseObject({
  cancelled: z.array(z.string()).default([]),
  notFound: z.array(z.string()).default([]),
  notCancellable: z.array(z.string()).default([]),
});

/** Deletions whose answer the SPA does not read beyond success. */
export const Anything = z.unknown();

/** GET /api/shop: whether the install finished setting up, and how the shop's webhooks reach the app. */
export const ShopStateResponse = z.looseObject({
  setup: z.looseObject({
    state: z.enum(['setting-up', 'done', 'failed']),
    attempts: z.number(),
    maxAttempts: z.number(),
    lastError: z.looseObject({ code: z.string(), message: z.string(), at: z.string() }).optional(),
    nextAttemptAt: z.string().optional(),
    /** Failed, or setting up for longer than it should: the admin may start it again. */
    canRetry: z.boolean(),
  }),
  webhooks: z.looseObject({
    mode: z.enum(['app', 'panel']),
    reason: z.enum(['derived-mode', 'refused']).optional(),
    /** Where the panel webhooks go and which events they need (what the publisher enters in the App Store panel). */
    url: z.string(),
    events: z.array(z.string()),
  }),
});
export type ShopStateResponse = z.infer<typeof ShopStateResponse>;
