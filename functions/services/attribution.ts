// Revenue attribution: an order placed by a client (same account or same phone) within N days (setting
// `attributionDays`, 7 by default) after their click on a marketing SMS is attributed to that SMS's kind; the
// last click wins; without a click nothing is attributed. Counted once per order, on the order's local day.
import { localDate } from '#domain/calendar';
import type { Shop, ShopSettings } from '#domain/model';
import { formatMoney } from '#domain/money';
import { customerPhone } from '#domain/planning';
import type { OrderFacts } from '#domain/shoper-events';
import { isMarketing, type ShortLink } from '#domain/short-links';
import type { Attribution } from '#domain/link-results';
import type { Deps } from './deps';

const DAY_MS = 86_400_000;

/** The link whose click the order is attributed to: the client's last click on a marketing SMS within the window. */
export function attributedClick(links: readonly ShortLink[], now: Date, days: number): ShortLink | undefined {
  const to = now.toISOString();
  const from = new Date(now.getTime() - days * DAY_MS).toISOString();
  let best: ShortLink | undefined;
  for (const link of links) {
    const at = link.lastClickAt;
    if (!at || link.purpose !== 'redirect' || !isMarketing(link.kind) || at > to || at < from) continue;
    if (!best || at > best.lastClickAt!) best = link;
  }
  return best;
}

/** "123.45" -> 12345 (grosze); undefined when the amount cannot be read. */
export function minorUnits(amount: string | undefined): number | undefined {
  if (amount === undefined) return undefined;
  const text = formatMoney(amount);
  return text === '' ? undefined : Number(text.replace(',', ''));
}

export async function attributeOrder(deps: Deps, shop: Shop, settings: ShopSettings, order: OrderFacts): Promise<Attribution | undefined> {
  const phone = customerPhone(order, settings);
  const client = { phone: phone?.ok ? phone.e164 : undefined, userId: order.userId };
  if (!client.phone && !client.userId) return undefined;
  const now = deps.clock.now();
  const link = attributedClick(await deps.shortLinks.listClientLinks(shop.shop, client), now, settings.attributionDays);
  if (!link) return undefined;

  const shopCurrency = shop.defaultCurrency ?? 'PLN';
  const orderCurrency = order.currencyName ?? shop.currencies?.find((c) => c.currencyId === order.currencyId)?.name ?? shopCurrency;
  // Amounts in another currency are not added to the shop's: the order still counts, its amount does not.
  const revenue = orderCurrency === shopCurrency ? minorUnits(order.sum) : undefined;
  const attribution: Attribution = {
    orderId: order.orderId,
    at: now.toISOString(),
    kind: link.kind,
    jobId: link.jobId,
    code: link.code,
    clickedAt: link.lastClickAt!,
    ...(revenue !== undefined ? { revenue, currency: shopCurrency } : {}),
  };
  const counted = await deps.shortLinks.attribute(shop.shop, localDate(now, settings.quietHours.timeZone), attribution);
  deps.logger.info('order attributed', { shop: shop.shop, orderId: order.orderId, kind: link.kind, counted });
  return counted ? attribution : undefined;
}
