// What the messages brought back ("Statystyki" → links): per message kind and period (today, this week, this
// month in the shop's zone) the SMS sent, clicked, click rate, orders and revenue attributed, and opt-outs; a
// 30-day revenue series; the opt-out list. Read from the day counters (one Query) and the OPTOUT# items.
import { localDate, shiftDate } from '#domain/calendar';
import type { ShopSettings } from '#domain/model';
import { FEATURE_KINDS, type NotificationKind } from '#domain/notification-kinds';
import { withDefaults } from '#domain/settings';
import type { KindResults, LinkSettings, LinkSettingsBody, LinksResponse } from '#contracts/links';
import { KIND_METRICS, kindCounter } from '#domain/link-results';
import type { Deps } from './deps';
import { shortLinkBase } from './short-links';
import { weekStart } from './stats';

/** The kinds the table lists, in the order of the panel's tabs (the integration test has none worth showing). */
export const RESULT_KINDS: readonly NotificationKind[] = ['order-status', ...FEATURE_KINDS.filter((kind) => kind !== 'order-status')];
const SERIES_DAYS = 30;

type Day = { date: string; counters: Record<string, number> };

function results(days: readonly Day[], from: string, to: string): KindResults[] {
  return RESULT_KINDS.map((kind) => {
    const total = Object.fromEntries(KIND_METRICS.map((m) => [m, 0])) as Record<(typeof KIND_METRICS)[number], number>;
    for (const day of days) {
      if (day.date < from || day.date > to) continue;
      for (const metric of KIND_METRICS) total[metric] += day.counters[kindCounter(metric, kind)] ?? 0;
    }
    return {
      kind,
      sent: total.sent,
      clicked: total.clicked,
      clickRate: total.sent === 0 ? null : Math.round((total.clicked / total.sent) * 1000) / 10,
      orders: total.orders,
      revenue: total.revenue / 100,
      optOuts: total.optOuts,
    };
  });
}

export async function linkSettings(deps: Deps, shop: string): Promise<LinkSettings> {
  const settings = withDefaults(await deps.store.getSettings(shop));
  return { base: shortLinkBase(deps.config), autoStopLink: settings.autoStopLink, attributionDays: settings.attributionDays };
}

export async function updateLinkSettings(deps: Deps, shop: string, body: LinkSettingsBody): Promise<LinkSettings> {
  // Only these two are written: the other settings keep whatever they were, defaults included (a default such as
  // the "shipped" statuses is derived when read, and must not be frozen here).
  const stored = (await deps.store.getSettings(shop)) ?? {};
  const next = { ...stored };
  if (body.autoStopLink !== undefined) next.autoStopLink = body.autoStopLink;
  if (body.attributionDays !== undefined) next.attributionDays = body.attributionDays;
  await deps.store.putSettings(shop, next as ShopSettings);
  deps.logger.info('link settings saved', { shop, changed: Object.keys(body) });
  return linkSettings(deps, shop);
}

export async function linkResults(deps: Deps, shop: string): Promise<LinksResponse> {
  const [settings, shopRecord] = await Promise.all([deps.store.getSettings(shop).then(withDefaults), deps.store.getShop(shop)]);
  const timeZone = settings.quietHours.timeZone;
  const today = localDate(deps.clock.now(), timeZone);
  const monthStart = `${today.slice(0, 8)}01`;
  const thisWeek = weekStart(today);
  const seriesStart = shiftDate(today, -(SERIES_DAYS - 1));
  const from = [monthStart, seriesStart, thisWeek].sort()[0]!;
  const [days, optOuts] = await Promise.all([deps.shortLinks.listKindCounters(shop, from, today), deps.shortLinks.listOptOuts(shop)]);
  const byDate = new Map(days.map((d) => [d.date, d.counters]));
  const sumOf = (counters: Record<string, number> | undefined, metric: (typeof KIND_METRICS)[number]) =>
    RESULT_KINDS.reduce((n, kind) => n + (counters?.[kindCounter(metric, kind)] ?? 0), 0);
  return {
    base: shortLinkBase(deps.config),
    autoStopLink: settings.autoStopLink,
    attributionDays: settings.attributionDays,
    currency: shopRecord?.defaultCurrency ?? 'PLN',
    timeZone,
    periods: { today: results(days, today, today), week: results(days, thisWeek, today), month: results(days, monthStart, today) },
    daily: Array.from({ length: SERIES_DAYS }, (_, i) => {
      const date = shiftDate(seriesStart, i);
      const counters = byDate.get(date);
      return { date, revenue: sumOf(counters, 'revenue') / 100, orders: sumOf(counters, 'orders'), clicked: sumOf(counters, 'clicked') };
    }),
    optOuts: optOuts.map((o) => ({ phone: o.phone, at: o.at, how: o.how, kind: o.kind })),
  };
}
