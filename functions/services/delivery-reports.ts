// Use case: SMSAPI delivery reports. Every SMS we send carries a notify_url naming its shop and an HMAC token of that
// shop (reportsUrl), so a call that does not come from a URL we handed to SMSAPI is refused before anything is read.
// SMSAPI calls it with GET, one to five reports per call, each field a comma-separated list; the documented fields
// are MsgId, status, donedate, username, points, from, to (erigones/esdc-ce; no `idx`). A report is matched by
// MsgId to the job SMSAPI accepted it for (the job stores SMSAPI's id with its SENT write and is found by it through
// an index); `idx`, when present, is only a cross-check. A job is never settled by a MsgId SMSAPI did not give us for it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { reportStatus } from '#domain/smsapi-codes';
import { badRequest, unauthorized } from '#domain/errors';
import type { Deps } from './deps';

export interface DeliveryReport {
  msgId: string;
  status: number;
  idx?: string;
  doneAt?: Date;
  to?: string;
  username?: string;
  points?: number;
  from?: string;
}

/** SMSAPI's own maximum per call: a bigger call is not SMSAPI's and would cost one lookup per report. */
export const MAX_REPORTS_PER_CALL = 5;
/**
 * A report for a MsgId we do not know yet, done less than this long ago, may have overtaken our write of SMSAPI's
 * answer (the SENT write stores the id, and the index follows it within a moment): the call is answered "try again"
 * so SMSAPI repeats it. Older unknown ones (an answer we lost for good) are acknowledged and ignored, so SMSAPI does
 * not retry them forever.
 */
const UNMATCHED_RETRY_MS = 10 * 60_000;

const MSG_ID = /^[0-9A-Za-z]{1,64}$/;
const SHOP = /^[0-9A-Za-z._-]{1,64}$/;

async function reportToken(deps: Pick<Deps, 'secrets'>, shop: string): Promise<string> {
  const secret = (await deps.secrets()).sessionSecret;
  return createHmac('sha256', secret).update(`smsapi-reports|${shop}`).digest('base64url').slice(0, 32);
}

/** The notify_url of a shop's SMS: our reports route with the shop and its token (SMSAPI appends its fields). */
export async function reportsUrl(deps: Pick<Deps, 'secrets' | 'config'>, shop: string): Promise<string> {
  const url = new URL(`${deps.config.PUBLIC_URL}/smsapi/reports`);
  url.searchParams.set('shop', shop);
  url.searchParams.set('t', await reportToken(deps, shop));
  return url.toString();
}

/** The shop a report call is for; 401 unless its token is the one we put into that shop's notify_url. */
export async function verifyReportCall(deps: Pick<Deps, 'secrets'>, params: Record<string, string | undefined>): Promise<string> {
  const shop = params.shop ?? '';
  const given = Buffer.from(params.t ?? '');
  const refused = () => unauthorized('REPORT_TOKEN_INVALID', 'Delivery reports are accepted only on the notify_url the app gave SMSAPI');
  if (!SHOP.test(shop) || given.length === 0) throw refused();
  const expected = Buffer.from(await reportToken(deps, shop));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return shop;
}

/** Splits SMSAPI's comma-separated fields into one report per position; 400 beyond SMSAPI's five per call. */
export function parseReports(params: Record<string, string | undefined>): DeliveryReport[] {
  const split = (name: string) => (params[name] ?? '').split(',').map((v) => v.trim());
  const ids = split('MsgId');
  if (ids.length > MAX_REPORTS_PER_CALL) {
    throw badRequest('REPORTS_TOO_MANY', `SMSAPI sends at most ${MAX_REPORTS_PER_CALL} reports per call`, 'MsgId');
  }
  const statuses = split('status');
  const idxs = split('idx');
  const done = split('donedate');
  const to = split('to');
  const usernames = split('username');
  const points = split('points');
  const from = split('from');
  const reports: DeliveryReport[] = [];
  ids.forEach((msgId, i) => {
    if (msgId === '') return;
    const doneDate = done[i] ?? '';
    const charged = Number(points[i]);
    reports.push({
      msgId,
      status: Number(statuses[i]),
      idx: idxs[i] || undefined,
      doneAt: /^\d+$/.test(doneDate) ? new Date(Number(doneDate) * 1000) : undefined,
      to: to[i] || undefined,
      username: usernames[i] || undefined,
      points: points[i] && Number.isFinite(charged) ? charged : undefined,
      from: from[i] || undefined,
    });
  });
  return reports;
}

/**
 * Applies the reports of one (verified) shop: how many changed a job, and how many are for a message SMSAPI finished
 * only just now whose MsgId we have not stored yet (the caller asks SMSAPI to repeat the call). Others are skipped.
 */
export async function applyDeliveryReports(
  deps: Deps,
  shop: string,
  reports: DeliveryReport[],
): Promise<{ applied: number; early: number }> {
  let applied = 0;
  let early = 0;
  for (const report of reports) {
    const outcome = await applyReport(deps, shop, report);
    if (outcome === 'applied') applied++;
    if (outcome === 'early') early++;
  }
  return { applied, early };
}

async function applyReport(deps: Deps, shop: string, report: DeliveryReport): Promise<'applied' | 'skipped' | 'early'> {
  if (!MSG_ID.test(report.msgId) || !Number.isFinite(report.status)) return 'skipped';
  const status = reportStatus(report.status);
  if (status.outcome !== 'DELIVERED' && status.outcome !== 'UNDELIVERED') return 'skipped';
  // One Query (plus one read of a previous release's MSG# item only when the index has nothing), then one write.
  const jobId = await deps.jobs.findJobByMessage(shop, report.msgId);
  if (!jobId) {
    const age = report.doneAt ? deps.clock.now().getTime() - report.doneAt.getTime() : Infinity;
    return age < UNMATCHED_RETRY_MS ? 'early' : 'skipped';
  }
  if (report.idx !== undefined && report.idx !== jobId) {
    deps.logger.warn('delivery report idx does not match its message', { shop, msgId: report.msgId });
    return 'skipped';
  }

  const at = (report.doneAt ?? deps.clock.now()).toISOString();
  // SENT by this message -> its outcome; or the job is QUEUED with this id: our SENT write failed after SMSAPI accepted
  // the SMS and the job waits for a retry (which will get 53). Then it is settled here as sent and delivered. (A
  // previous release's MSG# item may also name a job still SENDING: settled the same way, the late SENT write fills in
  // the figures.) The Statistics tab counts the change from the table's stream (functions/services/stats-stream.ts).
  const settled = await deps.jobs.settleFromReport(shop, jobId, {
    msgId: report.msgId,
    outcome: status.outcome,
    deliveredAt: at,
    reportStatus: status.name,
    at: deps.clock.now().toISOString(),
  });
  return settled ? 'applied' : 'skipped';
}
