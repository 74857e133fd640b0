// Use case: SMSAPI delivery reports. SMSAPI calls our notify_url with GET (one to five reports per call, each
// field a comma-separated list); the job named by `idx` becomes DELIVERED or UNDELIVERED. We answer `OK`.
import { reportStatus } from '#domain/smsapi-codes';
import { localDate } from '#domain/calendar';
import { withDefaults } from '#domain/settings';
import type { Deps } from './deps';

export interface DeliveryReport {
  msgId: string;
  status: number;
  idx?: string;
  doneAt?: Date;
  to?: string;
}

/** Splits SMSAPI's comma-separated fields into one report per position. */
export function parseReports(params: Record<string, string | undefined>): DeliveryReport[] {
  const split = (name: string) => (params[name] ?? '').split(',').map((v) => v.trim());
  const ids = split('MsgId').filter((v, i, all) => v !== '' || i < all.length - 1);
  if (ids.length === 0 || (ids.length === 1 && ids[0] === '')) return [];
  const statuses = split('status');
  const idxs = split('idx');
  const done = split('donedate');
  const to = split('to');
  return ids.map((msgId, i) => ({
    msgId,
    status: Number(statuses[i]),
    idx: idxs[i] || undefined,
    doneAt: done[i] && /^\d+$/.test(done[i]!) ? new Date(Number(done[i]) * 1000) : undefined,
    to: to[i] || undefined,
  }));
}

export async function applyDeliveryReports(deps: Deps, reports: DeliveryReport[]): Promise<number> {
  let applied = 0;
  for (const report of reports) {
    if (!report.idx || !/^[0-9a-z]{1,64}$/.test(report.idx) || !Number.isFinite(report.status)) continue;
    const outcome = reportStatus(report.status).outcome;
    if (outcome !== 'DELIVERED' && outcome !== 'UNDELIVERED') continue;
    const shop = await deps.store.findJobShop(report.idx);
    if (!shop) continue;
    const at = (report.doneAt ?? deps.clock.now()).toISOString();
    const job = await deps.store.transitionJob(shop, report.idx, ['SENT', 'SENDING'], outcome, {
      deliveredAt: at,
      reportStatus: reportStatus(report.status).name,
      updatedAt: deps.clock.now().toISOString(),
    });
    if (!job) continue;
    applied++;
    if (outcome === 'DELIVERED') {
      const settings = withDefaults(await deps.store.getSettings(shop));
      await deps.store.addStats(shop, localDate(new Date(at), settings.quietHours.timeZone), { delivered: 1 });
    }
  }
  return applied;
}
