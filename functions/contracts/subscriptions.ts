// The admin notification list (manual 4.9): back-in-stock sign-ups, searched and paged, and their deletion. Apart
// from the storefront contract, so the SPA does not carry the widget's routes and schemas.
import * as z from 'zod/mini';
import { CursorField } from '#domain/cursor';

export const SignUpStatus = z.enum(['waiting', 'sent', 'withdrawn']);

export const SubscriptionListQuery = z.object({
  search: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
  cursor: CursorField,
});

export const SubscriptionView = z.object({
  id: z.string(),
  clientId: z.optional(z.string()),
  phone: z.string(),
  productId: z.string(),
  productName: z.optional(z.string()),
  status: SignUpStatus,
  createdAt: z.string(),
  sentAt: z.optional(z.string()),
  withdrawnAt: z.optional(z.string()),
  /** The SMS planned for the sign-up: its true state (it may wait for the sending hours before it leaves). */
  message: z.optional(
    z.object({ state: z.string(), dueAt: z.string(), sentAt: z.optional(z.string()), deliveredAt: z.optional(z.string()) }),
  ),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionListResponse = z.object({
  items: z.array(SubscriptionView),
  cursor: z.optional(z.string()),
  total: z.number().check(z.int()),
});

export const SubscriptionDeleteBody = z.object({
  ids: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/))).check(z.minLength(1), z.maxLength(500)),
});
