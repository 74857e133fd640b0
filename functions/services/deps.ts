// What every use case may be handed: the ports, built once by a composition root (AWS or local).
import type { Config, Secrets } from '#config';
import type { JobsRepository, SendLimitsRepository } from './jobs-repository';
import type { ShopPurgeRepository, SmsapiAccountRepository, StaffAlertsRepository } from './shop-repositories';
import type { ShopStore } from './shop-store';
import type { ShoperHttp, SmsapiOAuthHttp } from './http-ports';
import type { Clock, JobRef, JobScheduler, Logger, Queue, ShopEventMessage, SmsGateway, TokenCipher } from './ports';

export interface Deps {
  config: Config;
  /** Loaded lazily and cached (SSM in AWS). */
  secrets(): Promise<Secrets>;
  clock: Clock;
  /** The shop's record, configuration, jobs, error log and statistics. */
  store: ShopStore;
  /** The send path's job transitions and message lookups. */
  jobs: JobsRepository;
  /** The frequency cap, held-back counts and balance watch of the sender. */
  sendLimits: SendLimitsRepository;
  /** The uninstall purge's bounded storage steps. */
  shopPurge: ShopPurgeRepository;
  /** The SMSAPI account's health, remembered choices, token swap and OAuth state nonces. */
  smsapiAccount: SmsapiAccountRepository;
  /** The staff alerts' settings and out-of-stock run-out markers. */
  staffAlerts: StaffAlertsRepository;
  eventsQueue: Queue<ShopEventMessage>;
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
