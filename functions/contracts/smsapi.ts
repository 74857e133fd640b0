// Request and response schemas of the SMSAPI account, error log and statistics routes of the admin API: one
// source for request validation in the handlers, the SPA's typed calls and the OpenAPI document.
import * as z from 'zod/mini';
import { CursorField } from '#domain/cursor';

/** SMSAPI sender names: up to 11 letters/digits/punctuation, or a phone number of up to 16 digits. */
const SenderNameField = z.string().check(z.trim(), z.minLength(1), z.maxLength(16));

export const SmsapiSettingsBody = z.strictObject({
  /** An API token generated in the SMSAPI panel (Ustawienia API -> Tokeny API). */
  token: z.optional(z.string().check(z.trim(), z.minLength(8, 'token is too short'), z.maxLength(512))),
  senderName: z.optional(SenderNameField),
  replaceSpecialCharacters: z.optional(z.boolean()),
});
export type SmsapiSettingsBody = z.infer<typeof SmsapiSettingsBody>;

export const SmsapiTestBody = z.strictObject({ phone: z.string().check(z.trim(), z.minLength(1, 'phone is required'), z.maxLength(40)) });
export type SmsapiTestBody = z.infer<typeof SmsapiTestBody>;

const Problem = z.object({ code: z.union([z.number(), z.string()]), message: z.string(), at: z.optional(z.string()) });
export type AccountProblem = z.infer<typeof Problem>;

export const SmsapiStateResponse = z.object({
  connected: z.boolean(),
  method: z.nullable(z.enum(['oauth', 'token'])),
  login: z.nullable(z.string()),
  /** The account's points balance, when SMSAPI answered and the account has one (postpaid accounts have none). */
  points: z.nullable(z.number()),
  /** SMSAPI's `payment_type`: prepaid, postpaid, subscription, trial… (null when unknown). */
  accountType: z.nullable(z.string()),
  /** True when the publisher configured an SMSAPI OAuth client: only then is "Połącz ze swoim kontem SMSAPI" offered. */
  oauthAvailable: z.boolean(),
  senderName: z.nullable(z.string()),
  /** False when the saved sender name is no longer ACTIVE on the account (SMSAPI would refuse it: error 14). */
  senderNameActive: z.nullable(z.boolean()),
  replaceSpecialCharacters: z.boolean(),
  /** ACTIVE sender names only: what the drop-down offers. */
  senders: z.array(z.object({ name: z.string(), isDefault: z.boolean() })),
  connectedAt: z.nullable(z.string()),
  /** Set when SMSAPI refuses the account (101 token, 103 no points, 105 IP, ...): nothing can be sent. */
  accountProblem: z.optional(Problem),
  /** Set when SMSAPI could not be asked (timeout, HTTP 5xx): the figures above may be missing. */
  unavailable: z.optional(Problem),
});
export type SmsapiStateResponse = z.infer<typeof SmsapiStateResponse>;

export const OAuthStartResponse = z.object({ url: z.string() });

/** What SMSAPI handed back to the consent window, passed on by the app window that started the flow. */
export const OAuthCompleteBody = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1, 'code is required'), z.maxLength(512)),
  state: z.string().check(z.trim(), z.minLength(1, 'state is required'), z.maxLength(128)),
});
export type OAuthCompleteBody = z.infer<typeof OAuthCompleteBody>;

export const SmsapiTestResponse = z.object({
  sent: z.literal(true),
  message: z.string(),
  smsapiId: z.optional(z.string()),
  parts: z.optional(z.number()),
  points: z.optional(z.number()),
});

export const ErrorsQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: CursorField,
});

export const ErrorLogItem = z.object({
  id: z.string(),
  at: z.string(),
  code: z.union([z.number(), z.string()]),
  phone: z.optional(z.string()),
  message: z.string(),
  place: z.string(),
  jobId: z.optional(z.string()),
});

export const ErrorsResponse = z.object({
  items: z.array(ErrorLogItem),
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  cursor: z.optional(z.string()),
  accountProblem: z.optional(Problem),
});

const Period = z.object({
  sent: z.number(),
  parts: z.number(),
  points: z.number(),
  failed: z.number(),
  delivered: z.number(),
});

export const StatsResponse = z.object({
  timeZone: z.string(),
  today: Period,
  /** Since Monday of the current week (shop's time zone). */
  week: Period,
  /** Since the first day of the current month. */
  month: Period,
  numbersCollected: z.number(),
  /** Numbers first seen today, this week (since Monday) and this month. */
  numbersAdded: z.object({ today: z.number(), week: z.number(), month: z.number() }),
  weeklyGrowth: z.object({
    thisWeek: z.number(),
    lastWeek: z.number(),
    /** Change against last week in percent; null when last week had none. */
    percent: z.nullable(z.number()),
  }),
  daily: z.array(z.object({ date: z.string(), sent: z.number(), delivered: z.number(), failed: z.number(), newNumbers: z.number() })),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
