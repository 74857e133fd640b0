// The composer's data from the admin API: the shop's own values at their longest (GET /api/composer/longest-values),
// for the worst-case count under every message box.
import * as z from 'zod/mini';

export const LongestValuesResponse = z.looseObject({
  /** Keyed by placeholder name: product_name, status_name, shipping_name, shop_name, currency. */
  values: z.record(z.string(), z.string()),
  products: z.looseObject({
    count: z.number(),
    /** False while not every product was looked at (a read in progress, or more than 10,000 products). */
    complete: z.boolean(),
    readAt: z.optional(z.string()),
    refreshFailed: z.optional(z.boolean()),
  }),
});
export type LongestValuesResponse = z.infer<typeof LongestValuesResponse>;
