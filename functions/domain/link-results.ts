// What the SMS links brought back: the per-kind day counters (sent, clicked, orders, revenue, opt-outs), a
// recipient's opt-out and an order attributed to a click.
import type { NotificationKind } from './model';

import { kindCounter } from './stats-counting';

// The per-kind counter names have one home, the statistics' counting rule (stats-counting.ts); re-exported here.
export { KIND_METRICS, kindCounter, type KindMetric } from './stats-counting';
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
