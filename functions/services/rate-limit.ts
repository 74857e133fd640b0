// The storefront's rate limits: fixed-window counters in DynamoDB (so they hold across Lambda instances) per
// address hash (an IPv6 address counts as its /64), per phone and per shop, and per address across all shops
// (so a script does not get a fresh budget on every shop); over a limit the caller gets 429 with Retry-After.
import { createHmac } from 'node:crypto';
import { addressSubject } from '#domain/client-address';
import { AppError } from '#domain/errors';
import type { Deps } from './deps';

export interface RateRule {
  /** Names the counter, e.g. `signup-ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Counted over every shop together, not per shop. */
  acrossShops?: boolean;
}

const HOUR = 3600;
const DAY = 86_400;

/** One place for every storefront limit: generous for a person, tight for a script. */
export const STOREFRONT_LIMITS = {
  signUpPerIpHour: { name: 'signup-ip-h', limit: 10, windowSeconds: HOUR },
  signUpPerIpDay: { name: 'signup-ip-d', limit: 30, windowSeconds: DAY },
  signUpPerPhoneDay: { name: 'signup-phone-d', limit: 5, windowSeconds: DAY },
  signUpPerShopDay: { name: 'signup-shop-d', limit: 1000, windowSeconds: DAY },
  withdrawPerIpHour: { name: 'withdraw-ip-h', limit: 20, windowSeconds: HOUR },
  basketPerIpHour: { name: 'basket-ip-h', limit: 120, windowSeconds: HOUR },
  basketPerClientHour: { name: 'basket-client-h', limit: 12, windowSeconds: HOUR },
  configPerIpHour: { name: 'config-ip-h', limit: 300, windowSeconds: HOUR },
  /** Behind CloudFront: one edge server's connections, shared by many shoppers (see requestAddresses). */
  perConnectionHour: { name: 'connection-h', limit: 600, windowSeconds: HOUR },
  // One address over all shops together: a person signs up in a handful of shops a day, not in dozens.
  signUpPerIpDayAllShops: { name: 'all-signup-ip-d', limit: 40, windowSeconds: DAY, acrossShops: true },
  withdrawPerIpHourAllShops: { name: 'all-withdraw-ip-h', limit: 40, windowSeconds: HOUR, acrossShops: true },
  basketPerIpHourAllShops: { name: 'all-basket-ip-h', limit: 240, windowSeconds: HOUR, acrossShops: true },
  configPerIpHourAllShops: { name: 'all-config-ip-h', limit: 600, windowSeconds: HOUR, acrossShops: true },
} satisfies Record<string, RateRule>;

export class RateLimited extends AppError {
  constructor(
    public readonly retryAfterSeconds: number,
    locale: 'pl' | 'en',
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'RATE_LIMITED',
      locale === 'en' ? `Too many attempts. Try again in ${minutes} min.` : `Zbyt wiele prób. Spróbuj ponownie za ${minutes} min.`,
      undefined,
      { retryAfterSeconds },
    );
  }
}

/** Keyed hash of a personal value (IP, phone) for counters and consent records: the value itself is not kept. */
export async function privateHash(deps: Deps, kind: 'ip' | 'phone', value: string): Promise<string> {
  const { sessionSecret } = await deps.secrets();
  // An IPv6 visitor is counted by the /64 every address of one line shares.
  const subject = kind === 'ip' ? addressSubject(value) : value;
  return createHmac('sha256', sessionSecret).update(`${kind}:${subject}`).digest('base64url').slice(0, 32);
}

/** Counts one request against `rule` for `subject`; throws RateLimited (429) when the window is full. */
export async function enforceLimit(deps: Deps, shop: string, rule: RateRule, subject: string, locale: 'pl' | 'en' = 'pl') {
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const windowEnd = windowStart + rule.windowSeconds;
  const result = rule.acrossShops
    ? await deps.counters.consumeShared(subject, `${rule.name}#${windowStart}`, rule.limit, windowEnd + 60)
    : await deps.counters.consume(shop, `${rule.name}#${subject}#${windowStart}`, rule.limit, windowEnd + 60);
  if (!result.ok) {
    deps.logger.warn('storefront rate limit hit', { shop, rule: rule.name });
    throw new RateLimited(Math.max(1, windowEnd - nowSeconds), locale);
  }
}
