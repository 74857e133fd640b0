// The values of the order placeholders (manual 4.3) for one order.
import { formatMoney } from './money';
import type { Shop } from './model';
import type { OrderFacts } from './shoper-events';

export function orderValues(
  order: OrderFacts,
  shop: Pick<Shop, 'shopName' | 'statuses' | 'shippings' | 'currencies' | 'defaultCurrency'>,
): Record<string, string> {
  const sum = Number(order.sum ?? 0);
  const shipping = Number(order.shippingCost ?? 0);
  const status = shop.statuses?.find((s) => s.statusId === order.statusId);
  const shippingName = order.shippingName ?? shop.shippings?.find((s) => s.shippingId === order.shippingId)?.name;
  const currency =
    order.currencyName ?? shop.currencies?.find((c) => c.currencyId === order.currencyId)?.name ?? shop.defaultCurrency ?? 'PLN';
  return {
    order_id: order.orderId,
    sum: order.sum !== undefined ? formatMoney(order.sum) : '',
    shipping_cost: order.shippingCost !== undefined ? formatMoney(order.shippingCost) : '',
    total_cost: Number.isFinite(sum + shipping) ? formatMoney(Math.round((sum + shipping) * 100) / 100) : '',
    currency,
    status_name: order.statusName ?? status?.name ?? '',
    delivery_city: order.delivery.city ?? '',
    delivery_postcode: order.delivery.postcode ?? '',
    delivery_street: order.delivery.street ?? '',
    delivery_country: order.delivery.country ?? '',
    shipping_name: shippingName ?? '',
    shop_name: shop.shopName ?? '',
    name: order.billing.firstname ?? order.delivery.firstname ?? '',
    lastname: order.billing.lastname ?? order.delivery.lastname ?? '',
    email: order.email ?? '',
  };
}
