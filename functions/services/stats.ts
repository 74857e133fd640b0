// Statistics ("Statystyki"): the summary the SPA shows from the daily counters (kept per local day in the shop's time
// zone by the stream aggregator, functions/services/stats-stream.ts): today / this week / this month, phone numbers
// collected, weekly growth, a 30-day series.
import { localDate, shiftDate } from '#domain/calendar';
import type { DailyStats } from '#domain/model';
import { withDefaults } from '#domain/settings';
import type { StatsResponse } from '#contracts/smsapi';
import type { Deps } from './deps';

const DAILY_SERIES_DAYS = 30;

export async function shopTimeZone(deps: Deps, shop: string): Promise<string> {
  return withDefaults(await deps.store.getSettings(shop)).quietHours.timeZone;
}

type Period = StatsResponse['today'];
const sum = (days: DailyStats[], from: string, to: string): Period => {
  const total: Period = { sent: 0, parts: 0, points: 0, failed: 0, delivered: 0 };
  for (const d of days) {
    if (d.date < from || d.date > to) continue;
    total.sent += d.sent;
    total.parts += d.parts;
    total.points += d.points;
    total.failed += d.failed;
    total.delivered += d.delivered;
  }
  // Points are fractions (0.16 a part): keep the sum free of floating-point dust.
  total.points = Math.round(total.points * 10_000) / 10_000;
  return total;
};

/** Monday of the week `date` is in (weeks start on Monday in Poland). */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return shiftDate(date, -((weekday + 6) % 7));
}

export async function statsSummary(deps: Deps, shop: string): Promise<StatsResponse> {
  const timeZone = await shopTimeZone(deps, shop);
  const today = localDate(deps.clock.now(), timeZone);
  const thisWeek = weekStart(today);
  const lastWeek = shiftDate(thisWeek, -7);
  const monthStart = `${today.slice(0, 8)}01`;
  const seriesStart = shiftDate(today, -(DAILY_SERIES_DAYS - 1));
  const from = [monthStart, seriesStart, lastWeek].sort()[0]!;

  const [days, numberTimes] = await Promise.all([deps.store.listStats(shop, from, today), deps.stats.collectedNumberTimes(shop)]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const daily = Array.from({ length: DAILY_SERIES_DAYS }, (_, i) => {
    const date = shiftDate(seriesStart, i);
    const d = byDate.get(date);
    return { date, sent: d?.sent ?? 0, delivered: d?.delivered ?? 0, failed: d?.failed ?? 0, newNumbers: d?.newNumbers ?? 0 };
  });

  let addedThisWeek = 0;
  let addedLastWeek = 0;
  // Numbers first seen today / this week / this month (the manual's "Liczba numerów telefonów w bazie" per period).
  const numbersAdded = { today: 0, week: 0, month: 0 };
  for (const at of numberTimes) {
    const t = new Date(at);
    if (Number.isNaN(t.getTime())) continue;
    const day = localDate(t, timeZone);
    if (day >= thisWeek && day <= today) addedThisWeek++;
    else if (day >= lastWeek && day < thisWeek) addedLastWeek++;
    if (day === today) numbersAdded.today++;
    if (day >= monthStart && day <= today) numbersAdded.month++;
  }
  numbersAdded.week = addedThisWeek;
  return {
    timeZone,
    today: sum(days, today, today),
    week: sum(days, thisWeek, today),
    month: sum(days, monthStart, today),
    numbersCollected: numberTimes.length,
    numbersAdded,
    weeklyGrowth: {
      thisWeek: addedThisWeek,
      lastWeek: addedLastWeek,
      percent: addedLastWeek === 0 ? null : Math.round(((addedThisWeek - addedLastWeek) / addedLastWeek) * 1000) / 10,
    },
    daily,
  };
}
