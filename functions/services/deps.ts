// What every use case may be handed: the ports, built once by a composition root (AWS or local).
import type { Config, Secrets } from '#config';
import type { JobsRepository, SendLimitsRepository } from './jobs-repository';
import type { BasketRepository, CounterRepository, ShortLinkRepository, SignUpRepository } from './storefront-repositories';
import type { Clock, EventsQueueMessage, JobRef, JobScheduler, Logger, Queue, SmsGateway, TokenCipher } from './ports';
import type { ShopPurgeRepository, SmsapiAccountRepository, StaffAlertsRepository } from './shop-repositories';
import type { ShopStore } from './shop-store';
import type { ShoperHttp, SmsapiOAuthHttp } from './http-ports';
import type { StatsRepository } from './stats-repository';

export interface Deps {
  config: Config;
  /** Loaded lazily and cached (SSM in AWS). */
  secrets(): Promise<Secrets>;
  clock: Clock;
  /** The shop's record, configuration, jobs, error log and statistics. */
  store: ShopStore;
  // The shop side's repositories (functions/services/shop-repositories.ts).
  /** The uninstall purge's bounded storage steps. */
  shopPurge: ShopPurgeRepository;
  /** The SMSAPI account's health, remembered choices, token swap and OAuth state nonces. */
  smsapiAccount: SmsapiAccountRepository;
  /** The staff alerts' settings and out-of-stock run-out markers. */
  staffAlerts: StaffAlertsRepository;
  /** The send path's job transitions and message lookups. */
  jobs: JobsRepository;
  /** The frequency cap, held-back counts and balance watch of the sender. */
  sendLimits: SendLimitsRepository;
  // Storefront and links storage (functions/services/storefront-repositories.ts).
  /** Short links, opt-outs, attributions and the per-kind day counters. */
  shortLinks: ShortLinkRepository;
  /** Back-in-stock sign-ups. */
  signUps: SignUpRepository;
  /** Basket activity of logged-in clients (abandoned baskets). */
  baskets: BasketRepository;
  /** Rate-limit and daily-cap counters. */
  counters: CounterRepository;
  /** The Statistics tab's collected numbers and the stream aggregator's exactly-once counting. */
  stats: StatsRepository;
  eventsQueue: Queue<EventsQueueMessage>;
  sendsQueue: Queue<JobRef>;
  scheduler: JobScheduler;
  cipher: TokenCipher;
  sms: SmsGateway;
  logger: Logger;
  /** Shoper's REST API and OAuth token endpoint. */
  shoperHttp: ShoperHttp;
  /** SMSAPI's OAuth token endpoint. */
  smsapiOAuth: SmsapiOAuthHttp;
}
