// The simulator's shared state: shops, logs, the clock, the rate limiter and injected faults.
// Every route and action gets this one object instead of reaching for globals.
import type { LeakyBuckets } from './rate-limit';
import type { ApiCall, AppstoreSettings, SimShop, WebhookDelivery } from './types';

export const LOG_LIMIT = 1000;

export interface SimConfig {
  appUrl: string;
  adminAppUrl: string;
  appstoreSecret: string;
  clientId: string;
  clientSecret: string;
  applicationCode: string;
  /** The app's webhook key as entered in the App Store panel (signs panel webhooks); absent: none can be signed. */
  webhookSecretKey?: string;
}

export interface SimContext {
  config: SimConfig;
  baseUrl: string;
  now: () => Date;
  shops: Map<string, SimShop>;
  deliveries: WebhookDelivery[];
  apiCalls: ApiCall[];
  buckets: LeakyBuckets;
  faults: { status: 429 | 500 | 503; remaining: number } | null;
  appstore: AppstoreSettings;
  /** Persists the shops (no-op without a state file). */
  save: () => void;
}

export function remember<T>(log: T[], entry: T): void {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

export function shopUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/s/${encodeURIComponent(slug)}`;
}
