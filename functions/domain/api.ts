// The admin API's request and response schemas: one source for request validation in the handlers, the SPA's
// typed calls and the OpenAPI document.
import * as z from 'zod';
import { SHOPER_TIMESTAMP_PATTERN } from './shoper-time';

export const SessionRequest = z.object({
  shop: z.string().min(1).max(100),
  place: z.string().min(1).max(100),
  timestamp: z.string().regex(SHOPER_TIMESTAMP_PATTERN, 'timestamp must be Unix seconds or "Y-m-d H:i:s"'),
  hash: z.string().regex(/^[0-9a-fA-F]{128}$/, 'hash must be 128 hex characters'),
  locale: z.string().max(20).optional(),
  /** The admin's language as Shoper passes it (`pl_PL`, `en_US`); unsigned, a display choice only. */
  translations: z.string().max(20).optional(),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

/** POST /api/shop/setup: nothing to say but "try again" (a JSON object, like every admin POST). */
export const ShopSetupRetryBody = z.object({});

export const SessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  shop: z.string(),
  locale: z.enum(['pl', 'en']),
});

export const TemplateBody = z.object({
  enabled: z.boolean(),
  delayDays: z.number().int().min(0).max(365).default(0),
  text: z.string().max(2000),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateResponse = TemplateBody.extend({
  kind: z.string(),
  key: z.string(),
  updatedAt: z.string().optional(),
});

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
