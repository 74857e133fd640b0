// The kinds of SMS the app sends, in one place: every other list of kinds (settings, statistics, link results,
// templates, placeholders, the SPA) derives from the lists here. Pure: imports nothing.

/** Every kind a job may have. */
export const NOTIFICATION_KINDS = [
  'owner-new-order',
  'order-status',
  'celebration',
  'back-in-stock',
  'abandoned-cart',
  /** Alerts to the shop's staff numbers (domain/staff-alerts.ts). */
  'staff-alert',
  /** An alert to the owner about the app itself (the SMSAPI balance under the owner's threshold). */
  'owner-alert',
  'test',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The merchant's five notification features, in the order of the settings tab (quiet hours per kind). */
export const FEATURE_KINDS = ['owner-new-order', 'order-status', 'celebration', 'back-in-stock', 'abandoned-cart'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** Messages to the shop's clients: their numbers count as collected (the owner's own alerts and tests do not). */
export const CLIENT_KINDS: readonly NotificationKind[] = /* @__PURE__ */ FEATURE_KINDS.filter((kind) => kind !== 'owner-new-order');

/** Kinds with one template each (`order-status` has one per status, celebrations and staff alerts their own). */
export const TEMPLATE_KINDS = ['owner-new-order', 'back-in-stock', 'abandoned-cart'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * Commercial messages: the frequency cap, the holiday rule and (by default) the spend limits hold them back, they get
 * a {stop_link}, an opt-out stops them, and an order after their click is theirs.
 */
export const MARKETING_KINDS: ReadonlySet<NotificationKind> = /* @__PURE__ */ new Set(['celebration', 'abandoned-cart', 'back-in-stock']);
export const isMarketing = (kind: NotificationKind) => MARKETING_KINDS.has(kind);

/** The texts of the staff alerts (domain/staff-alerts.ts): each has its own placeholders; they go as `staff-alert`. */
export const STAFF_MESSAGE_KINDS = ['staff-new-order', 'staff-order-cancelled', 'staff-out-of-stock'] as const;
export type StaffMessageKind = (typeof STAFF_MESSAGE_KINDS)[number];

/** A text the composer checks: a job's kind (not the two alerts with texts of their own) or a staff alert's text. */
export type MessageKind = Exclude<NotificationKind, 'staff-alert' | 'owner-alert'> | StaffMessageKind;

/** Which feature a kind is, in the merchant's words: the error log, the history and the statistics name it so. */
export const PLACE_NAMES: Record<NotificationKind, { pl: string; en: string }> = {
  'owner-new-order': { pl: 'Nowe zamówienie', en: 'New order' },
  'order-status': { pl: 'Zmiana statusu zamówienia', en: 'Order status change' },
  celebration: { pl: 'Celebrowanie dat', en: 'Date celebrations' },
  'back-in-stock': { pl: 'Dostępność produktu', en: 'Back in stock' },
  'abandoned-cart': { pl: 'Porzucony koszyk', en: 'Abandoned basket' },
  'staff-alert': { pl: 'Powiadomienia dla zespołu', en: 'Team alerts' },
  'owner-alert': { pl: 'Alert dla właściciela', en: 'Owner alert' },
  test: { pl: 'Test integracji', en: 'Integration test' },
};
