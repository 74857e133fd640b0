// Public shapes of the SMSAPI simulator: what a test or the local runtime sees and controls.

export interface SmsapiSimulatorOptions {
  port?: number;
  host?: string;
  now?: () => Date;
  reportDelayMs?: number;
  stateFile?: string;
}

export type SmsStatus = 'QUEUE' | 'SENT' | 'DELIVERED' | 'UNDELIVERED' | 'EXPIRED';
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SimulatedSms {
  id: string;
  account: string;
  to: string;
  message: string;
  from: string;
  idx?: string;
  parts: number;
  points: number;
  encoding: SmsEncoding;
  notifyUrl?: string;
  test: boolean;
  scheduledFor?: string;
  /** expiration_date: not delivered by then, the SMS expires (report 402 EXPIRED). */
  expiresAt?: string;
  createdAt: string;
  status: SmsStatus;
}

export type TransientFaultKind = '203' | '500' | '429' | 'timeout' | 'accepted-then-timeout';

export interface FaultSettings {
  transientRate: number;
  transientKinds: TransientFaultKind[];
  timeoutMs: number;
  failingSuffixes: Record<string, number>;
  undeliveredSuffixes: string[];
  /** Numbers whose phone is off: their SMS wait at the operator and expire (at expiration_date, else after 72 h). */
  unreachableSuffixes: string[];
  seed?: number;
  /** SMSAPI error codes the next sms.do calls answer with, one per call, first in first out (any code of the list). */
  forcedErrors: number[];
  /** Behave like the older SMSAPI: a request with notify_url and several recipients is refused with 72. */
  notifyUrlSingleRecipientOnly: boolean;
  /** Add `idx` to delivery reports (public sources do not show it; off by default). */
  reportIdx: boolean;
}

export interface SenderName {
  sender: string;
  status: string;
  is_default?: boolean;
}

export interface ApiRequestRecord {
  path: string;
  method: string;
  at: string;
}

export interface SmsapiSimulator {
  url: string;
  oauthUrl: string;
  outbox(): SimulatedSms[];
  requests(): ApiRequestRecord[];
  setFaults(f: Partial<FaultSettings>): void;
  /** `paymentType: 'postpaid'` (or 'subscription') makes an account without a balance: its profile has no points. */
  /** Sets an account's balance (a top-up, or spending elsewhere): what `/profile` reports as `points`. */
  setPoints(username: string, points: number): void;
  addAccount(a: {
    username: string;
    token: string;
    points?: number;
    senders?: SenderName[];
    paymentType?: 'prepaid' | 'postpaid' | 'subscription' | 'trial';
  }): void;
  reset(): void;
  close(): Promise<void>;
}
