// What the banner on every tab says about the sending limits: which spend limit is reached now (with what was
// spent and when sending resumes), what the limits held back today and this month, and the SMSAPI balance as last
// read against the owner's threshold (refreshed here too, at most every few minutes).
import type { LimitsStateResponse } from '#contracts/limits';
import { localDate, localMidnight, shiftDate } from '#domain/calendar';
import { SPEND_LIMIT_NAMES, type SpendLimitKind } from '#domain/held-back';
import { withDefaults } from '#domain/settings';
import type { Deps } from './deps';
import { BALANCE_READ_INTERVAL_MS, watchBalance } from './low-balance';
import { spentSoFar } from './send-gate';

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The first day of the month after the one `date` (yyyy-mm-dd) is in. */
const nextMonthStart = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

export async function limitsState(deps: Deps, shop: string): Promise<LimitsStateResponse> {
  const settings = withDefaults(await deps.store.getSettings(shop));
  const { limits } = settings;
  const tz = settings.quietHours.timeZone;
  const today = localDate(deps.clock.now(), tz);
  const monthStart = `${today.slice(0, 8)}01`;
  const repo = deps.sendLimits;
  const anySpendLimit = (Object.keys(SPEND_LIMIT_NAMES) as SpendLimitKind[]).some((k) => limits.spend[k] !== null);

  let balance = await repo.balance(shop);
  const stale = !balance || deps.clock.now().getTime() - Date.parse(balance.readAt) >= BALANCE_READ_INTERVAL_MS;
  if (limits.lowBalancePoints !== null && stale) {
    const connection = await deps.store.getSmsapi(shop);
    if (connection) {
      await watchBalance(deps, shop, connection, settings);
      balance = await repo.balance(shop);
    }
  }
  const [soFar, held] = await Promise.all([
    anySpendLimit ? spentSoFar(deps, shop, today) : Promise.resolve(undefined),
    repo.heldBack(shop, monthStart, today),
  ]);
  const zero = { parts: 0, points: 0 };
  const used = { day: soFar?.day ?? zero, month: soFar?.month ?? zero };
  const reached: LimitsStateResponse['reached'] = [];
  for (const limit of Object.keys(SPEND_LIMIT_NAMES) as SpendLimitKind[]) {
    const value = limits.spend[limit];
    if (value === null) continue;
    const name = SPEND_LIMIT_NAMES[limit];
    const spent = used[name.period][name.unit];
    if (spent < value) continue;
    const resumes = name.period === 'day' ? shiftDate(today, 1) : nextMonthStart(today);
    reached.push({
      limit,
      name: { pl: name.pl, en: name.en },
      used: round(spent),
      value,
      resumesAt: localMidnight(resumes, tz).toISOString(),
      includesTransactional: limits.spend.includeTransactional,
    });
  }

  const month: Record<string, number> = {};
  for (const counts of held.values()) for (const [kind, n] of Object.entries(counts)) month[kind] = (month[kind] ?? 0) + n;
  return {
    reached,
    heldBack: { today: held.get(today) ?? {}, month },
    balance: balance
      ? {
          points: balance.points,
          readAt: balance.readAt,
          threshold: limits.lowBalancePoints,
          low: limits.lowBalancePoints !== null && balance.points !== null && balance.points < limits.lowBalancePoints,
        }
      : null,
  };
}
