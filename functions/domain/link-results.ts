// What the SMS links brought back: the per-kind day counters (sent, clicked, orders, revenue, opt-outs), a
// recipient's opt-out and an order attributed to a click.
import type { NotificationKind } from './model';

export type KindMetric = 'sent' | 'clicked' | 'orders' | 'revenue' | 'optOuts';
export const KIND_METRICS: readonly KindMetric[] = ['sent', 'clicked', 'orders', 'revenue', 'optOuts'];

/** `k_sent_order_status`: the name of one metric of one kind on the day's statistics (safe as a DynamoDB attribute). */
export const kindCounter = (metric: KindMetric, kind: NotificationKind) => `k_${metric}_${kind.replace(/-/g, '_')}` as const;
export type KindCounter = ReturnType<typeof kindCounter>;

export interface OptOut {
  phone: string;
  at: string;
  /** How consent was withdrawn: `stop-link` (the SMS's opt-out page). */
  how: 'stop-link';
  kind: NotificationKind;
  jobId: string;
  code: string;
}

export interface Attribution {
  orderId: string;
  at: string;
  kind: NotificationKind;
  jobId: string;
  code: string;
  clickedAt: string;
  /** Minor units (grosze) in `currency`; undefined when the order's currency is not the shop's. */
  revenue?: number;
  currency?: string;
}
