// Staff alerts ("Powiadomienia dla zespołu"): besides the owner's new-order SMS, up to five team numbers get an SMS
// for the events the owner chooses, each with its own text. Shoper reports no failed payment (no webhook for it,
// and an order carries only is_paid / paid / is_underpayment), so there is no "payment failed" alert.
import type { StaffMessageKind } from './notification-kinds';

export const STAFF_PHONES_MAX = 5;

export const STAFF_ALERT_EVENTS = ['newOrder', 'orderCancelled', 'outOfStock'] as const;
export type StaffAlertEvent = (typeof STAFF_ALERT_EVENTS)[number];

export interface StaffAlertRule {
  enabled: boolean;
  text: string;
  /** Hold the SMS until the shop's send window opens (Ustawienia → Godziny wysyłki). */
  quietHours: boolean;
}

export interface StaffAlerts {
  /** E.164 mobile numbers, at most STAFF_PHONES_MAX, no repeats. */
  phones: string[];
  /** A new order of at least `minAmount` (the order's sum as Shoper reports it). */
  newOrder: StaffAlertRule & { minAmount: number };
  /** An order moved to a status of Shoper's "not completed" type (cancelled, rejected, returned). */
  orderCancelled: StaffAlertRule;
  /** A product edited with stock 0: once until it is back in stock. */
  outOfStock: StaffAlertRule;
  updatedAt?: string;
}

/** The message kind (placeholders, validation) of each event's text. */
export const STAFF_MESSAGE_KIND: Record<StaffAlertEvent, StaffMessageKind> = {
  newOrder: 'staff-new-order',
  orderCancelled: 'staff-order-cancelled',
  outOfStock: 'staff-out-of-stock',
};

/** Each event as the owner reads it, for labels and error messages. */
export const STAFF_EVENT_NAMES: Record<StaffAlertEvent, { pl: string; en: string }> = {
  newOrder: { pl: 'Nowe zamówienie od kwoty', en: 'New order above an amount' },
  orderCancelled: { pl: 'Zamówienie anulowane', en: 'Order cancelled' },
  outOfStock: { pl: 'Produkt wyprzedany', en: 'Product out of stock' },
};

// Plain GSM-7 texts: one part each with the samples, so an alert never costs double by default.
export const DEFAULT_STAFF_ALERTS: StaffAlerts = {
  phones: [],
  newOrder: {
    enabled: false,
    minAmount: 500,
    quietHours: false,
    text: 'Duze zamowienie {order_id}: {sum} {currency}, dostawa: {shipping_name}.',
  },
  orderCancelled: { enabled: false, quietHours: false, text: 'Zamowienie {order_id} ({sum} {currency}) ma status: {status_name}.' },
  outOfStock: { enabled: false, quietHours: true, text: 'Brak na stanie: {product_name} (kod {product_code}). Uzupelnij magazyn.' },
};

export function staffAlertsWithDefaults(saved: Partial<StaffAlerts> | undefined): StaffAlerts {
  return {
    phones: saved?.phones ?? [],
    newOrder: { ...DEFAULT_STAFF_ALERTS.newOrder, ...saved?.newOrder },
    orderCancelled: { ...DEFAULT_STAFF_ALERTS.orderCancelled, ...saved?.orderCancelled },
    outOfStock: { ...DEFAULT_STAFF_ALERTS.outOfStock, ...saved?.outOfStock },
    ...(saved?.updatedAt ? { updatedAt: saved.updatedAt } : {}),
  };
}
