// The admin API's session and template schemas (and the error answer every route shares): one source for request
// validation in the handlers, the SPA's typed calls and the OpenAPI document.
import * as z from 'zod/mini';
import { SHOPER_TIMESTAMP_PATTERN } from '#domain/shoper-time';

export const SessionRequest = z.object({
  shop: z.string().check(z.minLength(1), z.maxLength(100)),
  place: z.string().check(z.minLength(1), z.maxLength(100)),
  timestamp: z.string().check(z.regex(SHOPER_TIMESTAMP_PATTERN, 'timestamp must be Unix seconds or "Y-m-d H:i:s"')),
  hash: z.string().check(z.regex(/^[0-9a-fA-F]{128}$/, 'hash must be 128 hex characters')),
  locale: z.optional(z.string().check(z.maxLength(20))),
  /** The admin's language as Shoper passes it (`pl_PL`, `en_US`); unsigned, a display choice only. */
  translations: z.optional(z.string().check(z.maxLength(20))),
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
  delayDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(365)), 0),
  text: z.string().check(z.maxLength(2000)),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateResponse = z.extend(TemplateBody, {
  kind: z.string(),
  key: z.string(),
  updatedAt: z.optional(z.string()),
});

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});
