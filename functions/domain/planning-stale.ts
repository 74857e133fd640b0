// Stale messages: which pending (SCHEDULED) jobs an event makes pointless. A delayed status SMS whose order
// has moved on, a celebration of an order that got cancelled, an "order placed" reminder the client's next
// order supersedes ("N dni od ostatniego zamówienia"). Pure: the planner applies the cancellations.
import type { Job, Shop, ShopSettings } from './model';
import type { OrderFacts } from './shoper-events';

export interface JobCancellation {
  jobId: string;
  /** Polish, shown next to the job in "Zaplanowane wysyłki". */
  reason: string;
}

export interface StatusStaleness {
  cancel: JobCancellation[];
  /** The event is older than a status change already planned for the order (queues may reorder events). */
  eventIsStale: boolean;
}

const pending = (job: Job) => job.state === 'SCHEDULED';

/** Shoper writes dates as "2024-03-31 08:00:00": fixed width, so text order is time order. */
const isBefore = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a < b;

/** Shoper's status type 4 ("not completed") holds cancelled, rejected and returned orders. */
export function isCancelledStatus(statusId: string | undefined, shop: Pick<Shop, 'statuses'>, statusName?: string): boolean {
  const status = shop.statuses?.find((s) => s.statusId === statusId);
  const name = (statusName ?? status?.name ?? '').trim().toLocaleLowerCase('pl');
  return status?.type === 4 || name === 'anulowane';
}

export function staleStatusJobs(
  order: OrderFacts,
  orderJobs: readonly Job[],
  ctx: { settings: Pick<ShopSettings, 'cancelStaleStatusMessages'>; shop: Pick<Shop, 'statuses'> },
): StatusStaleness {
  if (!ctx.settings.cancelStaleStatusMessages || !order.statusId) return { cancel: [], eventIsStale: false };
  const mine = orderJobs.filter((job) => job.source.orderId === order.orderId);
  const eventIsStale = mine.some((job) => job.kind === 'order-status' && isBefore(order.statusDate, job.source.statusDate));
  if (eventIsStale) return { cancel: [], eventIsStale };

  const statusName = order.statusName ?? ctx.shop.statuses?.find((s) => s.statusId === order.statusId)?.name ?? `#${order.statusId}`;
  const cancel: JobCancellation[] = mine
    .filter((job) => pending(job) && job.kind === 'order-status' && job.source.statusId !== order.statusId)
    .map((job) => ({
      jobId: job.jobId,
      reason: `Zamówienie ${order.orderId} zmieniło status na „${statusName}” przed wysyłką tej wiadomości`,
    }));
  if (isCancelledStatus(order.statusId, ctx.shop, order.statusName)) {
    // "How was your order?" after a cancellation or a return would only annoy.
    cancel.push(
      ...mine
        .filter((job) => pending(job) && job.kind === 'celebration')
        .map((job) => ({
          jobId: job.jobId,
          reason: `Zamówienie ${order.orderId} ma status „${statusName}” — wiadomość straciła aktualność`,
        })),
    );
  }
  return { cancel, eventIsStale };
}

const numericBefore = (a: string | undefined, b: string) => a !== undefined && /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) < Number(b);

/**
 * "Złożenie zamówienia" counts from the client's last order: a new order cancels the pending reminders of the
 * client's earlier orders (the same Shoper account, or the same phone for guests).
 */
export function supersededOrderPlacedJobs(order: OrderFacts, phone: string | undefined, jobs: readonly Job[]): JobCancellation[] {
  return jobs
    .filter(
      (job) =>
        pending(job) &&
        job.kind === 'celebration' &&
        job.source.celebrationEvent === 'order-placed' &&
        numericBefore(job.source.orderId, order.orderId) &&
        ((order.userId !== undefined && job.source.userId === order.userId) || (phone !== undefined && job.phone === phone)),
    )
    .map((job) => ({
      jobId: job.jobId,
      reason: `Klient złożył kolejne zamówienie (${order.orderId}) — przypomnienie liczone jest od ostatniego zamówienia`,
    }));
}
