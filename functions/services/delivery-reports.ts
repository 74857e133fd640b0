// Use case: SMSAPI delivery reports. SMSAPI calls our notify_url with GET (one to five reports per call, each
// field a comma-separated list); the job named by `idx` becomes DELIVERED or UNDELIVERED. We answer `OK`.
import { reportStatus } from '#domain/smsapi-codes';
import { smsLength } from '#domain/sms-length';
import type { Job } from '#domain/model';
import type { Deps } from './deps';
import { localDate } from '#domain/calendar';
import { countOutcome, countSent, shopTimeZone } from './stats';

export interface DeliveryReport {
  msgId: string;
  status: number;
  idx?: string;
  doneAt?: Date;
  to?: string;
}

/** Job ids are what we send as idx: anything else in a report is not ours. */
const JOB_ID = /^[0-9a-z]{1,64}$/;

/** Splits SMSAPI's comma-separated fields into one report per position. */
export function parseReports(params: Record<string, string | undefined>): DeliveryReport[] {
  const split = (name: string) => (params[name] ?? '').split(',').map((v) => v.trim());
  const ids = split('MsgId');
  const statuses = split('status');
  const idxs = split('idx');
  const done = split('donedate');
  const to = split('to');
  const reports: DeliveryReport[] = [];
  ids.forEach((msgId, i) => {
    if (msgId === '') return;
    const doneDate = done[i] ?? '';
    reports.push({
      msgId,
      status: Number(statuses[i]),
      idx: idxs[i] || undefined,
      doneAt: /^\d+$/.test(doneDate) ? new Date(Number(doneDate) * 1000) : undefined,
      to: to[i] || undefined,
    });
  });
  return reports;
}

/** Applies the reports; returns how many changed a job. Unknown, foreign or still-pending reports are skipped. */
export async function applyDeliveryReports(deps: Deps, reports: DeliveryReport[]): Promise<number> {
  let applied = 0;
  // One call carries up to five reports, usually of one shop: read its time zone once.
  const zones = new Map<string, Promise<string>>();
  const timeZone = (shop: string) => {
    if (!zones.has(shop)) zones.set(shop, shopTimeZone(deps, shop));
    return zones.get(shop)!;
  };
  for (const report of reports) {
    if (await applyReport(deps, report, timeZone)) applied++;
  }
  return applied;
}

async function applyReport(deps: Deps, report: DeliveryReport, timeZone: (shop: string) => Promise<string>): Promise<boolean> {
  if (!report.idx || !JOB_ID.test(report.idx) || !Number.isFinite(report.status)) return false;
  const status = reportStatus(report.status);
  if (status.outcome !== 'DELIVERED' && status.outcome !== 'UNDELIVERED') return false;
  const shop = await deps.store.findJobShop(report.idx);
  if (!shop) return false;

  const now = deps.clock.now().toISOString();
  const at = (report.doneAt ?? deps.clock.now()).toISOString();
  const set = { deliveredAt: at, reportStatus: status.name, updatedAt: now, smsapiId: report.msgId };
  // When we know SMSAPI's id for the job, a report must name it. Before we know it (the report overtook the
  // sender), it must name the job's recipient: job ids derive from public facts (licence, order id), so an
  // unsigned report with a guessed idx alone must not settle, and so silence, an SMS that was never sent.
  const recipient = report.to && /^\d{6,15}$/.test(report.to) ? `+${report.to}` : undefined;
  const sameMessage = recipient
    ? {
        expression: '(smsapiId = :msgId OR (attribute_not_exists(smsapiId) AND phone = :recipient))',
        values: { ':msgId': report.msgId, ':recipient': recipient },
      }
    : { expression: 'smsapiId = :msgId', values: { ':msgId': report.msgId } };
  let settled = await deps.store.transitionJob(shop, report.idx, ['SENT'], status.outcome, set, sameMessage);
  if (!settled) {
    // The report overtook the sender: SMSAPI accepted the SMS but our SENT write has not happened (or the answer
    // was lost and the job waits for a retry, which would get 53). Settle it here, and count it as sent here.
    settled = await deps.store.transitionJob(
      shop,
      report.idx,
      ['SENDING', 'QUEUED'],
      status.outcome,
      { ...set, removeLease: true },
      sameMessage,
    );
    if (!settled) settled = await rescueTimedOutJob(deps, shop, report.idx, status.outcome, set, sameMessage, await timeZone(shop));
    if (!settled) return false;
    await countSent(deps, settled, at, { parts: partsOf(settled), points: 0 }, await timeZone(shop));
  }
  if (status.outcome === 'DELIVERED') await countOutcome(deps, shop, at, 'delivered', await timeZone(shop));
  return true;
}

/** Failures after which SMSAPI may have accepted the SMS all the same: we never saw its answer. */
const ANSWER_LOST = /^(TIMEOUT|NETWORK|HTTP_5\d\d)$/;

/**
 * The last attempt timed out (or SMSAPI answered 5xx), so the job was marked FAILED and logged, yet SMSAPI had
 * accepted it: its delivery report proves it. Settle the job as the report says, and take back the failure (the
 * error-log entry and the day's "failed" count) so the merchant is not told an SMS failed that was delivered.
 */
async function rescueTimedOutJob(
  deps: Deps,
  shop: string,
  jobId: string,
  outcome: 'DELIVERED' | 'UNDELIVERED',
  set: Partial<Job>,
  sameMessage: { expression: string; values: Record<string, unknown> },
  timeZone: string,
): Promise<Job | undefined> {
  const current = await deps.store.getJob(shop, jobId);
  if (current?.state !== 'FAILED' || !ANSWER_LOST.test(String(current.error?.code ?? ''))) return undefined;
  const failedAt = current.updatedAt;
  const settled = await deps.store.transitionJob(shop, jobId, ['FAILED'], outcome, set, {
    expression: `${sameMessage.expression} AND updatedAt = :failedAt`,
    values: { ...sameMessage.values, ':failedAt': failedAt },
  });
  if (!settled) return undefined;
  await deps.store.deleteError(shop, failedAt, jobId);
  await deps.store.addStats(shop, localDate(new Date(failedAt), timeZone), { failed: -1 });
  deps.logger.info('timed-out job settled by its delivery report', { shop, jobId, outcome });
  return settled;
}

const partsOf = (job: Job) => job.parts ?? smsLength(job.text).parts;
