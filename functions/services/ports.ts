// The ports: the smallest interfaces the use cases need from the outside world. Each has an AWS adapter and a
// local twin (functions/adapters, local/). What travels on the queues (a job reference on `sends` and in every
// schedule; a webhook's facts or a task on `events`) has one schema per message in functions/contracts/queue.ts.
import type { JobRef } from '#contracts/queue';

export type { EventsQueueMessage, JobRef, ShopEventMessage } from '#contracts/queue';

/** Time is passed in, never read ad hoc: it is what makes delays, quiet hours and a fast-forwarded clock testable. */
export interface Clock {
  now(): Date;
}

export interface Queue<T> {
  /** `delaySeconds` (at most 900, as SQS allows) keeps the message invisible that long: a retry after a backoff. */
  send(message: T, options?: { delaySeconds?: number }): Promise<void>;
}

/** Delayed delivery of a job reference onto the `sends` queue (EventBridge Scheduler in AWS). */
export interface JobScheduler {
  /** Idempotent: scheduling the same job twice keeps one schedule. */
  schedule(ref: JobRef, at: Date): Promise<void>;
  /** Idempotent: cancelling an unknown schedule is fine. */
  cancel(ref: JobRef): Promise<void>;
  /** Removes a shop's schedules (uninstall), at most `max` in one call; returns how many it removed. */
  cancelAllOfShop(shop: string, max?: number): Promise<number>;
}

/** Encrypts OAuth tokens at rest; the shop id is bound to the ciphertext (KMS encryption context). */
export interface TokenCipher {
  encrypt(plaintext: string, shop: string): Promise<string>;
  decrypt(ciphertext: string, shop: string): Promise<string>;
}

export interface SmsMessageResult {
  id: string;
  number: string;
  idx?: string;
  points: number;
  parts: number;
  status: string;
}

export type SmsSendResult =
  | { ok: true; messages: SmsMessageResult[] }
  | {
      ok: false;
      /** SMSAPI error code; 0 for a network failure or timeout; the HTTP status for 429/5xx. */
      code: number;
      message: string;
      transport: 'api' | 'http' | 'network';
      invalidNumbers?: string[];
    };

export interface SmsSendRequest {
  token: string;
  /** Numbers as SMSAPI takes them: digits, country code first. */
  to: string[];
  message: string;
  from?: string;
  /** One per recipient (an array parameter when several); sent with check_idx=1, so a retried idx is refused with 53. */
  idx?: string[];
  /**
   * Per-recipient values of SMSAPI's param1…param4 (`params[recipient][k]` fills `[%k+1%]` in `message`), one list per
   * recipient in `to` order: SMS that differ only in their short links share one request (domain/link-params.ts).
   */
  params?: string[][];
  notifyUrl?: string;
  normalize?: boolean;
  maxParts?: number;
  /** SMSAPI's expiration_date: an SMS not delivered by then expires (report status 402 EXPIRED) instead of arriving late. */
  expiresAt?: Date;
  /** Scheduled send on SMSAPI's side (we schedule ourselves; kept for completeness of the client). */
  date?: Date;
  test?: boolean;
}

export interface SmsapiProfile {
  username: string;
  /** Absent on accounts without a balance (postpaid, subscription): SMSAPI leaves it out of the profile. */
  points?: number;
  name?: string;
  email?: string;
  /** `prepaid` accounts stop sending at 0 points; `postpaid`, `subscription` ones do not (also `trial`). */
  paymentType?: string;
}

export interface SmsapiSenderName {
  sender: string;
  status: string;
  isDefault: boolean;
}

export type SmsapiCall<T> =
  | { ok: true; value: T }
  /** `transport` as in SmsSendResult: 'api' when SMSAPI answered with an error code. */
  | { ok: false; code: number; message: string; transport?: 'api' | 'http' | 'network' };

/** SMSAPI, reached over HTTP (the simulator locally). The sender is the only code that sends. */
export interface SmsGateway {
  send(request: SmsSendRequest): Promise<SmsSendResult>;
  profile(token: string): Promise<SmsapiCall<SmsapiProfile>>;
  senderNames(token: string): Promise<SmsapiCall<SmsapiSenderName[]>>;
}

export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}
