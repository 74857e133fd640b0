// What every use case may be handed: the ports, built once by a composition root (AWS or local).
import type { Config, Secrets } from '#config';
import type { Store } from '#adapters/dynamodb/store';
import type { JobsRepository, SendLimitsRepository } from './jobs-repository';
import type { StatsRepository } from './stats-repository';
import type { Clock, JobRef, JobScheduler, Logger, Queue, ShopEventMessage, SmsGateway, TokenCipher } from './ports';

export interface Deps {
  config: Config;
  /** Loaded lazily and cached (SSM in AWS). */
  secrets(): Promise<Secrets>;
  clock: Clock;
  store: Store;
  /** The send path's job transitions and message lookups. */
  jobs: JobsRepository;
  /** The frequency cap, held-back counts and balance watch of the sender. */
  sendLimits: SendLimitsRepository;
  /** The Statistics tab's collected numbers and the stream aggregator's exactly-once counting. */
  stats: StatsRepository;
  eventsQueue: Queue<ShopEventMessage>;
  sendsQueue: Queue<JobRef>;
  scheduler: JobScheduler;
  cipher: TokenCipher;
  sms: SmsGateway;
  logger: Logger;
  /** HTTP for Shoper's REST API and OAuth (injected so tests and the local runtime can observe it). */
  fetch: typeof fetch;
}
