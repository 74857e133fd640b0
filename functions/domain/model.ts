// The records the app keeps per shop. Pure types: storage lives in adapters/dynamodb.
import type { NotificationKind } from './notification-kinds';
import type { SendingLimits } from './sending-limits';

/** `uninstalling`: the App Store asked to uninstall; the purge (services/shop-purge.ts) is deleting the shop's data. */
export type ShopStatus = 'installed' | 'uninstalling' | 'uninstalled';

export interface ShoperTokens {
  /** Encrypted (TokenCipher) access and refresh tokens. */
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export interface OrderStatusInfo {
  statusId: string;
  /** Polish name, falling back to any name Shoper gave. */
  name: string;
  nameEn?: string;
  type?: number;
  active?: boolean;
  isDefault?: boolean;
}

export interface Shop {
  shop: string;
  shopUrl: string;
  status: ShopStatus;
  appVersion?: string;
  installedAt: string;
  updatedAt: string;
  shopName?: string;
  tokens?: ShoperTokens;
  /** Legacy plain-text webhook secret (records written before it was encrypted): re-sealed on first use. */
  webhookSecret?: string;
  /** The random secret the app registers the shop's webhooks with, encrypted (TokenCipher, bound to the shop). */
  sealedWebhookSecret?: string;
  /** Legacy: the one webhook registered for every event (before one webhook per event). */
  webhookIds?: string[];
  /** Webhook id -> the one event it was registered for: X-Webhook-Id then names the event. */
  webhookEvents?: Record<string, string>;
  /** How webhooks reach us: `app` registered by the app through REST, `panel` configured in the App Store panel. */
  webhookMode?: WebhookMode;
  /** Why a shop runs on panel webhooks: the deployment's derived mode, or the shop refused webhook creation. */
  webhookModeReason?: 'derived-mode' | 'refused';
  /** The setup that follows an install (catalogue, webhooks), done from a queue; absent on shops set up before. */
  setup?: ShopSetup;
  statuses?: OrderStatusInfo[];
  /** When statuses/shippings/currencies were last read from Shoper (a refresh picks up custom statuses). */
  catalogueReadAt?: string;
  shippings?: { shippingId: string; name: string }[];
  currencies?: { currencyId: string; name: string }[];
  defaultCurrency?: string;
  subscriptionEndsAt?: string;
  /** Hash of the last install's auth code: a repeated install with the same code is a no-op. */
  authCodeHash?: string;
  /** Unix seconds of the last lifecycle event applied (older ones are refused). */
  lastLifecycleAt?: string;
  /** Set with status `uninstalling`: which uninstall the purge works for, and when it was asked. */
  uninstall?: { id: string; requestedAt: string };
  /** An install that arrived while the purge ran: it becomes the shop record once the old data is gone. */
  pendingInstall?: Shop;
}

export type WebhookMode = 'app' | 'panel';

export type ShopSetupState = 'setting-up' | 'done' | 'failed';

export interface ShopSetup {
  /** Which install this setup belongs to: a task of an earlier install never touches a newer one. */
  installId: string;
  state: ShopSetupState;
  /** Attempts made so far. */
  attempts: number;
  startedAt: string;
  finishedAt?: string;
  /** Why the last attempt failed (shown to the merchant while it retries, and when it gave up). */
  lastError?: { code: string; message: string; at: string };
  nextAttemptAt?: string;
}

export interface SmsapiConnection {
  /** Encrypted (TokenCipher) SMSAPI token: OAuth access token or pasted API token. */
  token: string;
  refreshToken?: string;
  method: 'oauth' | 'token';
  login: string;
  senderName?: string;
  replaceSpecialCharacters: boolean;
  connectedAt: string;
}

export interface QuietHoursSettings {
  enabled: boolean;
  start: string;
  end: string;
  timeZone: string;
}

// The list of kinds and their names live in notification-kinds.ts; re-exported for the many importers of the model.
export { PLACE_NAMES, type NotificationKind } from './notification-kinds';

export interface ShopSettings {
  ownerPhone?: string;
  quietHours: QuietHoursSettings;
  /** Per kind: whether quiet hours apply. */
  quietHoursFor: Partial<Record<NotificationKind, boolean>>;
  /** Marketing (celebrations, abandoned baskets) only to clients who consented. */
  requireMarketingConsent: boolean;
  /** Back in stock only to signed-in clients with the shop's recorded consent, at a number of their account. */
  backInStockRequiresConsent: boolean;
  /** When an order changes status again (or is cancelled) before a delayed status SMS goes: cancel it. */
  cancelStaleStatusMessages: boolean;
  /** Status ids the merchant marks as "shipped" (date celebrations' order-shipped event). */
  shippedStatusIds: string[];
  allowedCountries: string[];
  storefrontDailyCap: number;
  /** Marketing templates without {stop_link} get the line "Rezygnacja: {stop_link}" (short links). */
  autoStopLink: boolean;
  /** An order this many days after a click on a marketing SMS is attributed to it (short links). */
  attributionDays: number;
  /** Frequency cap, validity, spend limits, low-balance alert (domain/sending-limits.ts). */
  limits: SendingLimits;
}

export interface MessageTemplate {
  enabled: boolean;
  delayDays: number;
  text: string;
  updatedAt?: string;
}

export type CelebrationEvent = 'order-shipped' | 'first-order' | 'order-placed' | 'account-registered';

export interface Celebration {
  id: string;
  event: CelebrationEvent;
  delayDays: number;
  text: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type JobState =
  | 'SCHEDULED'
  | 'QUEUED'
  | 'SENDING'
  | 'SENT'
  | 'DELIVERED'
  | 'UNDELIVERED'
  | 'FAILED'
  | 'CANCELLED'
  /** Planned, never sent: no consent, no usable number... (domain/suppression.ts); shown in the history. */
  | 'SKIPPED';

export interface Job {
  shop: string;
  jobId: string;
  kind: NotificationKind;
  /** E.164. */
  phone: string;
  text: string;
  dueAt: string;
  state: JobState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** What caused it: used to cancel stale messages and to show in lists. */
  source: {
    event: string;
    orderId?: string;
    statusId?: string;
    /** Shoper's status_date of the change that caused a status SMS: tells an old event from a newer one. */
    statusDate?: string;
    userId?: string;
    productId?: string;
    celebrationId?: string;
    celebrationEvent?: CelebrationEvent;
  };
  leaseUntil?: string;
  smsapiId?: string;
  parts?: number;
  points?: number;
  sentAt?: string;
  deliveredAt?: string;
  reportStatus?: string;
  error?: { code: number | string; message: string };
  cancelReason?: string;
  /** Set when quiet hours moved the due time. */
  shiftedFrom?: string;
  /** The text as it went to SMSAPI, when special-character replacement changed it. */
  sentText?: string;
  /** Why a SKIPPED job was not sent: a SuppressionReason code and its Polish text. */
  skipReason?: { code: string; message: string; en?: string };
  /** Why a job waits longer than planned (e.g. the shop's daily storefront SMS cap): shown to the merchant. */
  waitReason?: { code: string; message: string };
}

export interface ErrorLogEntry {
  id: string;
  at: string;
  code: number | string;
  phone?: string;
  message: string;
  /** Which feature, in the merchant's words: "Zmiana statusu zamówienia", "Nowe zamówienie", … */
  place: string;
  jobId?: string;
}

export interface DailyStats {
  date: string;
  sent: number;
  parts: number;
  points: number;
  failed: number;
  delivered: number;
  newNumbers: number;
}
