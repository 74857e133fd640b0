// Admin API schemas of the sending limits: the `limits` part of PUT /api/settings (type errors in Polish, naming the
// field; ranges are checked by sendingLimitsIssue with the same labels) and GET /api/limits, the state behind the
// banner every tab shows (a limit reached and what it held back, a low balance).
import * as z from 'zod/mini';
import { LIMIT_LABELS, type LimitField } from '#domain/sending-limits';

const whole = (field: LimitField) => z.number({ error: `${LIMIT_LABELS[field]}: wpisz liczbę całkowitą` });
const amount = (field: LimitField) =>
  z.nullable(z.number({ error: `${LIMIT_LABELS[field]}: wpisz liczbę albo zostaw puste pole (bez limitu)` }));
const flag = (label: string) => z.boolean({ error: `${label}: zaznacz albo odznacz pole` });

export const SendingLimitsBody = z.strictObject({
  frequencyCap: z.optional(
    z.partial(
      z.strictObject({
        enabled: flag('Limit częstotliwości SMS marketingowych'),
        count: whole('limits.frequencyCap.count'),
        windowHours: whole('limits.frequencyCap.windowHours'),
      }),
    ),
  ),
  noMarketingOnHolidays: z.optional(flag('Bez SMS marketingowych w niedziele i święta')),
  validityHours: z.optional(
    z.partial(
      z.strictObject({ transactional: whole('limits.validityHours.transactional'), marketing: whole('limits.validityHours.marketing') }),
    ),
  ),
  spend: z.optional(
    z.partial(
      z.strictObject({
        dailyParts: amount('limits.spend.dailyParts'),
        monthlyParts: amount('limits.spend.monthlyParts'),
        dailyPoints: amount('limits.spend.dailyPoints'),
        monthlyPoints: amount('limits.spend.monthlyPoints'),
        includeTransactional: flag('Limit wydatków wstrzymuje też SMS o zamówieniach'),
      }),
    ),
  ),
  lowBalancePoints: z.optional(amount('limits.lowBalancePoints')),
});
export type SendingLimitsBody = z.infer<typeof SendingLimitsBody>;

/** The saved limits as GET/PUT /api/settings answer them. */
export const SendingLimitsView = z.looseObject({
  frequencyCap: z.looseObject({ enabled: z.boolean(), count: z.number(), windowHours: z.number() }),
  noMarketingOnHolidays: z.boolean(),
  validityHours: z.looseObject({ transactional: z.number(), marketing: z.number() }),
  spend: z.looseObject({
    dailyParts: z.nullable(z.number()),
    monthlyParts: z.nullable(z.number()),
    dailyPoints: z.nullable(z.number()),
    monthlyPoints: z.nullable(z.number()),
    includeTransactional: z.boolean(),
  }),
  lowBalancePoints: z.nullable(z.number()),
});

const Bilingual = z.object({ pl: z.string(), en: z.string() });

/** GET /api/limits: what the banner on every tab says. */
export const LimitsStateResponse = z.looseObject({
  /** Spend limits reached now: which, how much was used, and when sending resumes. */
  reached: z.array(
    z.looseObject({
      limit: z.enum(['dailyParts', 'monthlyParts', 'dailyPoints', 'monthlyPoints']),
      name: Bilingual,
      used: z.number(),
      value: z.number(),
      resumesAt: z.string(),
      /** Whether order-status and owner messages pause too. */
      includesTransactional: z.boolean(),
    }),
  ),
  /** Messages held back (skipped) by the spend limits and the frequency cap, today and this month, per kind. */
  heldBack: z.looseObject({
    today: z.record(z.string(), z.number()),
    month: z.record(z.string(), z.number()),
  }),
  /** The SMSAPI balance as last read (at most every few minutes) and the owner's threshold. */
  balance: z.nullable(
    z.looseObject({
      points: z.nullable(z.number()),
      readAt: z.string(),
      threshold: z.nullable(z.number()),
      low: z.boolean(),
    }),
  ),
});
export type LimitsStateResponse = z.infer<typeof LimitsStateResponse>;
