// Staff alerts, the pure rules: which events alert the team, one job per team number with a key that a
// redelivered event repeats, the text with the event's values, the send window per alert, skips with a reason.
import { planStaffNewOrder, planStaffOrderCancelled, planStaffOutOfStock, stockState } from '#domain/planning-staff';
import { DEFAULT_STAFF_ALERTS, type StaffAlerts } from '#domain/staff-alerts';
import { PLACEHOLDERS } from '#domain/placeholders';
import { validateTemplate } from '#domain/template';
import { smsLength } from '#domain/sms-length';
import { renderSample } from '#domain/template';
import { context, orderFacts } from './planning-fixtures';

const alerts = (overrides: Partial<StaffAlerts> = {}): StaffAlerts => ({
  ...DEFAULT_STAFF_ALERTS,
  phones: ['+48500100200', '+48600700800'],
  newOrder: { ...DEFAULT_STAFF_ALERTS.newOrder, enabled: true, minAmount: 500, text: 'Duze zamowienie {order_id}: {sum} {currency}' },
  orderCancelled: { ...DEFAULT_STAFF_ALERTS.orderCancelled, enabled: true, text: 'Anulowane {order_id}: {status_name}' },
  outOfStock: { ...DEFAULT_STAFF_ALERTS.outOfStock, enabled: true, quietHours: false, text: 'Brak: {product_name} ({product_code})' },
  ...overrides,
});
// 12:00 in Warsaw (winter: UTC+1), inside the default send window.
const noon = context('2025-01-15T11:00:00Z');

describe('new order above an amount', () => {
  it('alerts every team number for an order of at least the amount, with the order in the text', () => {
    const plan = planStaffNewOrder(orderFacts({ sum: '500.00' }), alerts(), noon);
    expect(plan.jobs.map((j) => [j.phone, j.text, j.kind])).toEqual([
      ['+48500100200', 'Duze zamowienie 101: 500,00 PLN', 'staff-alert'],
      ['+48600700800', 'Duze zamowienie 101: 500,00 PLN', 'staff-alert'],
    ]);
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-15T11:00:00.000Z');
  });

  it('sends nothing below the amount, nor when switched off; 0 means every order', () => {
    expect(planStaffNewOrder(orderFacts({ sum: '499.99' }), alerts(), noon)).toEqual({ jobs: [], skipped: [] });
    const off = alerts();
    off.newOrder.enabled = false;
    expect(planStaffNewOrder(orderFacts({ sum: '9000' }), off, noon).jobs).toHaveLength(0);
    const every = alerts();
    every.newOrder.minAmount = 0;
    expect(planStaffNewOrder(orderFacts({ sum: '0.00' }), every, noon).jobs).toHaveLength(2);
    expect(planStaffNewOrder(orderFacts({ sum: '9000' }), undefined, noon).jobs).toHaveLength(0);
  });

  it('a redelivered order.create plans the same keys (created once); another order other keys', () => {
    const first = planStaffNewOrder(orderFacts({ sum: '800' }), alerts(), noon).jobs.map((j) => j.key);
    const again = planStaffNewOrder(orderFacts({ sum: '800' }), alerts(), context('2025-01-15T11:05:00Z')).jobs.map((j) => j.key);
    const other = planStaffNewOrder(orderFacts({ sum: '800', orderId: '102' }), alerts(), noon).jobs.map((j) => j.key);
    expect(again).toEqual(first);
    expect(new Set([...first, ...other]).size).toBe(4);
  });
});

describe('order cancelled', () => {
  it('alerts on a status of the "not completed" type, not on others', () => {
    const plan = planStaffOrderCancelled(orderFacts({ statusId: '8', statusName: undefined }), alerts(), noon);
    expect(plan.jobs.map((j) => j.text)).toEqual(['Anulowane 101: anulowane', 'Anulowane 101: anulowane']);
    expect(plan.jobs[0]!.source).toMatchObject({ event: 'order.status', orderId: '101', statusId: '8' });
    expect(planStaffOrderCancelled(orderFacts({ statusId: '10' }), alerts(), noon).jobs).toHaveLength(2);
    expect(planStaffOrderCancelled(orderFacts({ statusId: '7' }), alerts(), noon).jobs).toHaveLength(0);
  });

  it('the same status change twice has the same keys; a later cancellation new ones', () => {
    const a = planStaffOrderCancelled(orderFacts({ statusId: '8' }), alerts(), noon).jobs.map((j) => j.key);
    const b = planStaffOrderCancelled(orderFacts({ statusId: '8' }), alerts(), noon).jobs.map((j) => j.key);
    const later = planStaffOrderCancelled(orderFacts({ statusId: '8', statusDate: '2025-01-16 09:00:00' }), alerts(), noon).jobs.map(
      (j) => j.key,
    );
    expect(b).toEqual(a);
    expect(later.some((k) => a.includes(k))).toBe(false);
  });
});

describe('product out of stock', () => {
  it('reads the stock: 0 is out, above 0 in, missing unknown; an inactive product at 0 is not "out"', () => {
    expect(stockState({ productId: '3', stock: 0 })).toBe('out');
    expect(stockState({ productId: '3', stock: 4 })).toBe('in');
    expect(stockState({ productId: '3' })).toBe('unknown');
    expect(stockState({ productId: '3', stock: 0, active: false })).toBe('unknown');
  });

  it('alerts with the product in the text, keyed by the run-out', () => {
    const plan = planStaffOutOfStock({ productId: '3', name: 'Plecak miejski', code: 'PLE-003', stock: 0 }, 'run-1', alerts(), noon);
    expect(plan.jobs.map((j) => j.text)).toEqual(['Brak: Plecak miejski (PLE-003)', 'Brak: Plecak miejski (PLE-003)']);
    const next = planStaffOutOfStock({ productId: '3', name: 'Plecak miejski', code: 'PLE-003', stock: 0 }, 'run-2', alerts(), noon);
    expect(next.jobs[0]!.key).not.toBe(plan.jobs[0]!.key);
    expect(planStaffOutOfStock({ productId: '3', stock: 2 }, 'run-1', alerts(), noon).jobs).toHaveLength(0);
  });
});

describe('send window and skips', () => {
  it('an alert with "only in sending hours" waits for the window; one without goes at night', () => {
    const night = context('2025-01-15T22:30:00Z'); // 23:30 in Warsaw
    const held = alerts();
    held.outOfStock.quietHours = true;
    const waiting = planStaffOutOfStock({ productId: '3', name: 'Plecak', stock: 0 }, 'r', held, night).jobs[0]!;
    expect(waiting.dueAt.toISOString()).toBe('2025-01-16T07:00:00.000Z'); // 08:00 in Warsaw
    expect(waiting.shiftedFrom?.toISOString()).toBe('2025-01-15T22:30:00.000Z');
    const now = planStaffNewOrder(orderFacts({ sum: '900' }), alerts(), night).jobs[0]!;
    expect(now.dueAt.toISOString()).toBe('2025-01-15T22:30:00.000Z');
  });

  it('an alert that is on without any team number is recorded as skipped with the reason', () => {
    const plan = planStaffNewOrder(orderFacts({ sum: '900' }), alerts({ phones: [] }), noon);
    expect(plan.jobs).toHaveLength(0);
    expect(plan.skipped[0]?.suppressed).toMatchObject({
      reason: 'NO_STAFF_PHONES',
      kind: 'staff-alert',
      text: 'Duze zamowienie 101: 900,00 PLN',
    });
  });

  it('a stored number that is not a mobile any more is skipped with its reason; the others still go', () => {
    const plan = planStaffNewOrder(orderFacts({ sum: '900' }), alerts({ phones: ['+48221234567', '+48600700800'] }), noon);
    expect(plan.jobs.map((j) => j.phone)).toEqual(['+48600700800']);
    expect(plan.skipped[0]?.suppressed).toMatchObject({ reason: 'PHONE_NOT_MOBILE', phone: '+48221234567' });
  });
});

describe('default texts', () => {
  it('are valid templates of their kind and one GSM-7 part with the samples', () => {
    for (const [kind, rule] of [
      ['staff-new-order', DEFAULT_STAFF_ALERTS.newOrder],
      ['staff-order-cancelled', DEFAULT_STAFF_ALERTS.orderCancelled],
      ['staff-out-of-stock', DEFAULT_STAFF_ALERTS.outOfStock],
    ] as const) {
      expect(validateTemplate(kind, rule.text)).toEqual([]);
      const length = smsLength(renderSample(kind, rule.text));
      expect([length.encoding, length.parts]).toEqual(['GSM-7', 1]);
      expect(PLACEHOLDERS[kind].length).toBeGreaterThan(0);
    }
  });
});
