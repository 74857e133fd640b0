// The low-balance alert: after sending, the SMSAPI balance is read at most every few minutes per shop (never per
// SMS: a per-container memory and a conditional claim shared by every sender); under the owner's threshold, one SMS
// a day goes to the owner (a deterministic job, so a race or a retry cannot send two) and the banner says so.
import { localDate } from '#domain/calendar';
import type { ShopSettings, SmsapiConnection } from '#domain/model';
import type { Deps } from './deps';
import { createAndDispatch, recordSuppressed } from './dispatch';
import { callWithToken } from './smsapi-token';

/** How often SMSAPI's profile may be asked for the balance, per shop. */
export const BALANCE_READ_INTERVAL_MS = 5 * 60_000;

// Per Lambda container: most sends do not even try the shared claim.
const lastTried = new Map<string, number>();

const formatPoints = (points: number) => points.toLocaleString('pl-PL', { maximumFractionDigits: 2 });

export function lowBalanceText(points: number, threshold: number): string {
  return `Powiadomienia SMS: na koncie SMSAPI zostało ${formatPoints(points)} pkt (Twój próg: ${formatPoints(threshold)}). Doładuj konto, aby SMS-y do klientów nie przestały wychodzić.`;
}

/** Reads the balance if it is time to (never throws: a failed read only waits for the next one). */
export async function watchBalance(deps: Deps, shop: string, connection: SmsapiConnection, settings: ShopSettings): Promise<void> {
  const threshold = settings.limits.lowBalancePoints;
  if (threshold === null) return;
  const now = deps.clock.now();
  const tried = lastTried.get(shop);
  if (tried !== undefined && now.getTime() - tried < BALANCE_READ_INTERVAL_MS) return;
  lastTried.set(shop, now.getTime());
  try {
    const repo = deps.sendLimits;
    if (!(await repo.claimBalanceRead(shop, now, BALANCE_READ_INTERVAL_MS))) return;
    const { result } = await callWithToken(deps, shop, connection, (token) => deps.sms.profile(token));
    if (!result.ok) {
      deps.logger.warn('balance read failed', { shop, code: result.code });
      return;
    }
    const points = result.value.points ?? null;
    await repo.recordBalance(shop, points, now.toISOString());
    if (points !== null && points < threshold) await alertOwner(deps, shop, settings, points, threshold);
  } catch (error) {
    deps.logger.warn('balance check failed', { shop, error: error instanceof Error ? error.message : String(error) });
  }
}

/** One alert per local day: the claim is the gate, the job's deterministic key keeps it single under retries. */
export async function alertOwner(deps: Deps, shop: string, settings: ShopSettings, points: number, threshold: number): Promise<void> {
  const today = localDate(deps.clock.now(), settings.quietHours.timeZone);
  if (!(await deps.sendLimits.claimLowBalanceAlert(shop, today))) return;
  const key = `low-balance:${today}`;
  const text = lowBalanceText(points, threshold);
  const source = { event: 'smsapi.balance' };
  if (!settings.ownerPhone) {
    await recordSuppressed(deps, shop, [{ reason: 'NO_OWNER_PHONE', key, kind: 'owner-alert', text, source }]);
    return;
  }
  await createAndDispatch(deps, shop, [{ key, kind: 'owner-alert', phone: settings.ownerPhone, text, dueAt: deps.clock.now(), source }]);
  deps.logger.info('low balance: owner alerted', { shop, points, threshold });
}
