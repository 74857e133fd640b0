// Shared fixtures for the planning tests: a shop, an order as Shoper sends it, a planning context at a given time.
import type { Celebration, Job, MessageTemplate, Shop } from '#domain/model';
import type { PlanningContext } from '#domain/planning';
import { withDefaults } from '#domain/settings';
import type { ShopSettings } from '#domain/model';
import type { OrderFacts } from '#domain/shoper-events';

export const shop: Shop = {
  shop: 'lic-1',
  shopUrl: 'https://sklep.example.pl',
  status: 'installed',
  installedAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  shopName: 'Sklep Demo',
  statuses: [
    { statusId: '1', name: 'złożone', type: 1 },
    { statusId: '6', name: 'gotowe do wysłania', type: 2 },
    { statusId: '7', name: 'przesyłka wysłana', type: 3 },
    { statusId: '8', name: 'anulowane', type: 4 },
    { statusId: '10', name: 'zwrócone', type: 4 },
  ],
  currencies: [{ currencyId: '1', name: 'PLN' }],
  defaultCurrency: 'PLN',
};

export function orderFacts(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    orderId: '101',
    userId: '5',
    date: '2025-01-15 12:00:00',
    statusId: '6',
    statusDate: '2025-01-15 12:00:00',
    sum: '123.45',
    shippingCost: '15.00',
    currencyName: 'PLN',
    email: 'anna@example.pl',
    billing: { firstname: 'Anna', lastname: 'Nowak', phone: '601 234 567', countryCode: 'PL', city: 'Gdańsk' },
    delivery: { firstname: 'Anna', lastname: 'Nowak', phone: '', countryCode: 'PL', city: 'Gdańsk' },
    ...overrides,
  };
}

export function context(
  now: string,
  options: { settings?: Partial<ShopSettings>; templates?: Record<string, MessageTemplate> } = {},
): PlanningContext {
  return { shop, settings: withDefaults(options.settings), templates: options.templates ?? {}, now: new Date(now) };
}

export function celebration(overrides: Partial<Celebration> = {}): Celebration {
  return {
    id: 'c1',
    event: 'order-placed',
    delayDays: 0,
    text: '{name} {lastname}, dziękujemy za zamówienie {order_id} w {shop_name}!',
    active: true,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

export function job(overrides: Omit<Partial<Job>, 'source'> & { source?: Partial<Job['source']> } = {}): Job {
  const { source, ...rest } = overrides;
  return {
    shop: 'lic-1',
    jobId: 'a'.repeat(32),
    kind: 'order-status',
    phone: '+48601234567',
    text: 'tekst',
    dueAt: '2025-01-17T12:00:00.000Z',
    state: 'SCHEDULED',
    attempts: 0,
    createdAt: '2025-01-15T11:00:00.000Z',
    updatedAt: '2025-01-15T11:00:00.000Z',
    ...rest,
    source: { event: 'order.status', orderId: '101', statusId: '6', statusDate: '2025-01-15 12:00:00', ...source },
  };
}
