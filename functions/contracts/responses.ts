// Response shapes of the admin routes whose request schemas live in the other contract files: shared by the SPA
// (typed calls) and the OpenAPI document. Loose objects: a field added server-side never breaks the SPA; a field
// the SPA relies on missing does, loudly (RESPONSE_UNEXPECTED).
import * as z from 'zod/mini';
import { SendingLimitsView } from './limits';

const Bilingual = z.object({ pl: z.string(), en: z.string() });

export const TemplateItem = z.looseObject({
  key: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  delayDays: z.number(),
  text: z.string(),
  updatedAt: z.optional(z.string()),
});
export type TemplateItem = z.infer<typeof TemplateItem>;
export const TemplateList = z.looseObject({ items: z.array(TemplateItem) });
export const SavedTemplate = z.looseObject({ enabled: z.boolean(), delayDays: z.number(), text: z.string() });

export const Settings = z.looseObject({
  ownerPhone: z.nullish(z.string()),
  quietHours: z.looseObject({ enabled: z.boolean(), start: z.string(), end: z.string(), timeZone: z.string() }),
  quietHoursFor: z._default(z.record(z.string(), z.boolean()), {}),
  requireMarketingConsent: z.boolean(),
  backInStockRequiresConsent: z._default(z.boolean(), false),
  cancelStaleStatusMessages: z._default(z.boolean(), true),
  shippedStatusIds: z._default(z.array(z.string()), []),
  allowedCountries: z._default(z.array(z.string()), ['PL']),
  storefrontDailyCap: z.optional(z.number()),
  limits: z.optional(SendingLimitsView),
});
export type Settings = z.infer<typeof Settings>;
/** GET/PUT /api/settings answer the settings, bare or as `{settings}`. */
export const SettingsResponse = z.pipe(
  z.transform((value: unknown) =>
    value && typeof value === 'object' && 'settings' in value ? (value as { settings: unknown }).settings : value,
  ),
  Settings,
);

export const StatusOverview = z.looseObject({
  statusId: z.string(),
  name: z.string(),
  nameEn: z.nullish(z.string()),
  type: z.nullish(z.number()),
  active: z._default(z.boolean(), true),
  template: z.nullable(z.looseObject({ enabled: z.boolean(), delayDays: z.number(), text: z.string() })),
  proposedText: z.nullable(z.string()),
  sends: z.boolean(),
  shipped: z.optional(z.boolean()),
});
export type StatusOverview = z.infer<typeof StatusOverview>;
export const StatusList = z.looseObject({ items: z.array(StatusOverview), refreshFailed: z.optional(z.boolean()) });

export const CelebrationView = z.looseObject({
  id: z.string(),
  event: z.string(),
  delayDays: z.number(),
  text: z.string(),
  active: z.boolean(),
  eventName: z.optional(Bilingual),
  createdAt: z.optional(z.string()),
});
export type CelebrationView = z.infer<typeof CelebrationView>;
export const CelebrationList = z.looseObject({
  items: z.array(CelebrationView),
  total: z.optional(z.number()),
  cursor: z.optional(z.string()),
  events: z.optional(z.array(z.looseObject({ event: z.string(), name: Bilingual }))),
  examples: z.optional(z.array(z.looseObject({ event: z.string(), delayDays: z.number(), text: z.string() }))),
});

export const JobView = z.looseObject({
  jobId: z.string(),
  phone: z.string(),
  text: z.string(),
  dueAt: z.string(),
  createdAt: z.optional(z.string()),
  kind: z.string(),
  type: z.optional(Bilingual),
  state: z.string(),
  stateName: z.optional(Bilingual),
  orderId: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  shiftedFrom: z.optional(z.string()),
  sentAt: z.optional(z.string()),
  deliveredAt: z.optional(z.string()),
  error: z.optional(z.looseObject({ code: z.union([z.number(), z.string()]), message: z.string() })),
  /** Why a SKIPPED message was not sent. */
  skipReason: z.optional(z.looseObject({ code: z.string(), pl: z.string(), en: z.string() })),
  waitReason: z.optional(z.looseObject({ code: z.string(), message: z.string() })),
});
export type JobView = z.infer<typeof JobView>;
export const JobList = z.looseObject({ items: z.array(JobView), total: z.optional(z.number()), cursor: z.optional(z.string()) });
export const JobsDeleted = z.looseObject({
  cancelled: z._default(z.array(z.string()), []),
  notFound: z._default(z.array(z.string()), []),
  notCancellable: z._default(z.array(z.string()), []),
});

/** Deletions whose answer the SPA does not read beyond success. */
export const Anything = z.unknown();

/** GET /api/shop: whether the install finished setting up, and how the shop's webhooks reach the app. */
export const ShopStateResponse = z.looseObject({
  setup: z.looseObject({
    state: z.enum(['setting-up', 'done', 'failed']),
    attempts: z.number(),
    maxAttempts: z.number(),
    lastError: z.optional(z.looseObject({ code: z.string(), message: z.string(), at: z.string() })),
    nextAttemptAt: z.optional(z.string()),
    /** Failed, or setting up for longer than it should: the admin may start it again. */
    canRetry: z.boolean(),
  }),
  webhooks: z.looseObject({
    mode: z.enum(['app', 'panel']),
    reason: z.optional(z.enum(['derived-mode', 'refused'])),
    /** Where the panel webhooks go and which events they need (what the publisher enters in the App Store panel). */
    url: z.string(),
    events: z.array(z.string()),
  }),
});
export type ShopStateResponse = z.infer<typeof ShopStateResponse>;
