// Admin API of short links: their settings, and the table "what the messages brought back" (per kind and period:
// sent, clicked, click rate, orders and revenue attributed), the 30-day revenue series and the opt-outs.
import * as z from 'zod/mini';

export const LinkSettingsBody = z.strictObject({
  /** Add "Rezygnacja: {stop_link}" to marketing templates that have no {stop_link}. */
  autoStopLink: z.optional(z.boolean()),
  /** An order up to this many days after a click on a marketing SMS is attributed to it. */
  attributionDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(90))),
});
export type LinkSettingsBody = z.infer<typeof LinkSettingsBody>;

export const LinkSettings = z.object({
  /** Where short links live: links read `<base>/l/<code>` (counted at this length). */
  base: z.string(),
  autoStopLink: z.boolean(),
  attributionDays: z.number().check(z.int()),
});
export type LinkSettings = z.infer<typeof LinkSettings>;

export const KindResults = z.object({
  kind: z.string(),
  sent: z.number(),
  clicked: z.number(),
  /** Clicked / sent in percent (one decimal); null when nothing was sent. */
  clickRate: z.nullable(z.number()),
  orders: z.number(),
  /** In the shop's currency, major units (123.45). */
  revenue: z.number(),
  optOuts: z.number(),
});
export type KindResults = z.infer<typeof KindResults>;

export const LinksResponse = z.extend(LinkSettings, {
  currency: z.string(),
  timeZone: z.string(),
  periods: z.object({ today: z.array(KindResults), week: z.array(KindResults), month: z.array(KindResults) }),
  daily: z.array(z.object({ date: z.string(), revenue: z.number(), orders: z.number(), clicked: z.number() })),
  optOuts: z.array(z.object({ phone: z.string(), at: z.string(), how: z.string(), kind: z.string() })),
});
export type LinksResponse = z.infer<typeof LinksResponse>;
