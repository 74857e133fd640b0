// Order planning rules: the owner's new-order SMS, the customer's status SMS, and due times (delays in calendar
// days and the send window), including both daylight-saving changes in Warsaw.
import { dueTime, initialStatusAlreadyPlanned, jobIdFor, planOrderStatus, planOwnerNewOrder, templateKey } from '#domain/planning';
import type { Job, NotificationKind, ShopSettings } from '#domain/model';
import { SUPPRESSION_REASONS } from '#domain/suppression';
import { context, orderFacts } from './planning-fixtures';

const statusTemplate = (text: string, delayDays = 0, enabled = true) => ({
  [templateKey.orderStatus('6')]: { enabled, delayDays, text },
});

describe('dueTime: delays and the send window (08:00–20:00 Europe/Warsaw by default)', () => {
  const cases: {
    name: string;
    now: string;
    kind: NotificationKind;
    delayDays: number;
    settings?: Partial<ShopSettings>;
    due: string;
    shiftedFrom?: string;
  }[] = [
    {
      name: 'a celebration at 23:00 (winter) moves to 08:00 next day',
      now: '2025-01-15T22:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-01-16T07:00:00.000Z',
      shiftedFrom: '2025-01-15T22:00:00.000Z',
    },
    {
      name: 'at 23:00 on the night the clocks go forward, to 08:00 summer time',
      now: '2025-03-29T22:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-03-30T06:00:00.000Z',
      shiftedFrom: '2025-03-29T22:00:00.000Z',
    },
    {
      name: 'at 23:00 on the night the clocks go back, to 08:00 winter time',
      now: '2025-10-25T21:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-10-26T07:00:00.000Z',
      shiftedFrom: '2025-10-25T21:00:00.000Z',
    },
    {
      name: 'before the window opens the same day: to 08:00 that day',
      now: '2025-01-15T05:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-01-15T07:00:00.000Z',
      shiftedFrom: '2025-01-15T05:00:00.000Z',
    },
    {
      name: 'at exactly 20:00 the window is closed (end exclusive)',
      now: '2025-01-15T19:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-01-16T07:00:00.000Z',
      shiftedFrom: '2025-01-15T19:00:00.000Z',
    },
    {
      name: 'at exactly 08:00 the window is open',
      now: '2025-01-15T07:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      due: '2025-01-15T07:00:00.000Z',
    },
    {
      name: '3 days from 10:00 across the spring change is 10:00 local (a 71-hour delay)',
      now: '2025-03-28T09:00:00Z',
      kind: 'celebration',
      delayDays: 3,
      due: '2025-03-31T08:00:00.000Z',
    },
    {
      name: '1 day from 20:30 summer time lands outside the window and moves to 08:00 winter time',
      now: '2025-10-24T18:30:00Z',
      kind: 'celebration',
      delayDays: 1,
      due: '2025-10-26T07:00:00.000Z',
      shiftedFrom: '2025-10-25T18:30:00.000Z',
    },
    {
      name: "the owner's new-order SMS ignores the window by default",
      now: '2025-01-15T22:00:00Z',
      kind: 'owner-new-order',
      delayDays: 0,
      due: '2025-01-15T22:00:00.000Z',
    },
    {
      name: 'status SMS ignore the window by default',
      now: '2025-01-15T22:00:00Z',
      kind: 'order-status',
      delayDays: 0,
      due: '2025-01-15T22:00:00.000Z',
    },
    {
      name: 'status SMS follow the window when the merchant turns it on for them',
      now: '2025-01-15T22:00:00Z',
      kind: 'order-status',
      delayDays: 0,
      settings: { quietHoursFor: { 'order-status': true } },
      due: '2025-01-16T07:00:00.000Z',
      shiftedFrom: '2025-01-15T22:00:00.000Z',
    },
    {
      name: 'a window switched off moves nothing',
      now: '2025-01-15T22:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      settings: { quietHours: { enabled: false, start: '08:00', end: '20:00', timeZone: 'Europe/Warsaw' } },
      due: '2025-01-15T22:00:00.000Z',
    },
    {
      name: "a shop's own window and zone: 21:00 in London is inside 09:00–22:00",
      now: '2025-07-01T20:00:00Z',
      kind: 'celebration',
      delayDays: 0,
      settings: { quietHours: { enabled: true, start: '09:00', end: '22:00', timeZone: 'Europe/London' } },
      due: '2025-07-01T20:00:00.000Z',
    },
  ];

  test.each(cases)('$name', ({ now, kind, delayDays, settings, due, shiftedFrom }) => {
    const result = dueTime(kind, delayDays, context(now, { settings }));
    expect(result.dueAt.toISOString()).toBe(due);
    expect(result.shiftedFrom?.toISOString()).toBe(shiftedFrom);
  });
});

describe('planOrderStatus', () => {
  const at = '2025-01-15T11:00:00Z';

  test('renders the template with the order values and sends to the billing phone', () => {
    const plan = planOrderStatus(
      orderFacts(),
      context(at, { templates: statusTemplate('Zamówienie {order_id} ({total_cost} {currency}) jest {status_name}. {shop_name}') }),
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.jobs).toHaveLength(1);
    expect(plan.jobs[0]).toMatchObject({
      kind: 'order-status',
      phone: '+48601234567',
      text: 'Zamówienie 101 (138,45 PLN) jest gotowe do wysłania. Sklep Demo',
      source: { event: 'order.status', orderId: '101', statusId: '6', statusDate: '2025-01-15 12:00:00' },
    });
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-15T11:00:00.000Z');
  });

  const cases = [
    {
      name: 'no billing phone: the delivery phone',
      order: orderFacts({ billing: { firstname: 'Anna' }, delivery: { phone: '698765432', countryCode: 'PL' } }),
      phone: '+48698765432',
    },
    {
      name: 'a landline billing phone falls back to a mobile delivery phone',
      order: orderFacts({ billing: { phone: '22 123 45 67', countryCode: 'PL' }, delivery: { phone: '698765432' } }),
      phone: '+48698765432',
    },
  ];
  test.each(cases)('$name', ({ order, phone }) => {
    expect(planOrderStatus(order, context(at, { templates: statusTemplate('x') })).jobs[0]?.phone).toBe(phone);
  });

  const skips = [
    {
      name: 'a disabled template plans nothing',
      order: orderFacts(),
      templates: statusTemplate('x', 0, false),
      reason: 'TEMPLATE_DISABLED',
    },
    {
      name: 'a status without a template plans nothing',
      order: orderFacts({ statusId: '7' }),
      templates: statusTemplate('x'),
      reason: 'NO_TEMPLATE',
    },
    {
      name: 'an order without any phone',
      order: orderFacts({ billing: {}, delivery: {} }),
      templates: statusTemplate('x'),
      reason: 'NO_PHONE',
    },
    {
      name: 'only a landline',
      order: orderFacts({ billing: { phone: '22 123 45 67' }, delivery: {} }),
      templates: statusTemplate('x'),
      reason: 'PHONE_REJECTED',
    },
    {
      name: 'a number from a country the shop does not send to',
      order: orderFacts({ billing: { phone: '+49 1512 3456789' }, delivery: {} }),
      templates: statusTemplate('x'),
      reason: 'PHONE_REJECTED',
    },
  ];
  test.each(skips)('$name', ({ order, templates, reason }) => {
    const plan = planOrderStatus(order, context(at, { templates }));
    expect(plan.jobs).toEqual([]);
    expect(plan.skipped[0]?.reason).toBe(reason);
  });

  test('a delay of 2 days gives the same local time two calendar days later', () => {
    const plan = planOrderStatus(orderFacts(), context(at, { templates: statusTemplate('x', 2) }));
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-17T11:00:00.000Z');
  });

  test('the same event content plans the same key; another status date plans another', () => {
    const ctx = context(at, { templates: statusTemplate('x') });
    const a = planOrderStatus(orderFacts(), ctx).jobs[0]!.key;
    expect(planOrderStatus(orderFacts(), ctx).jobs[0]!.key).toBe(a);
    expect(planOrderStatus(orderFacts({ statusDate: '2025-01-16 09:00:00' }), ctx).jobs[0]!.key).not.toBe(a);
    expect(jobIdFor('lic-1', a, 'server-secret')).toMatch(/^[0-9a-f]{32}$/);
    // Deterministic for one key (dedupe), but not derivable without the server secret (issue 12: guessable ids).
    expect(jobIdFor('lic-1', a, 'server-secret')).toBe(jobIdFor('lic-1', a, 'server-secret'));
    expect(jobIdFor('lic-1', a, 'another-secret')).not.toBe(jobIdFor('lic-1', a, 'server-secret'));
  });
});

describe('planOwnerNewOrder', () => {
  const text = 'Nowe zamówienie {order_id}. Kwota: {sum} {currency}';
  const templates = { [templateKey.ownerNewOrder]: { enabled: true, delayDays: 0, text } };

  test("sends at once to the owner's phone, even at night", () => {
    const plan = planOwnerNewOrder(orderFacts(), context('2025-01-15T22:30:00Z', { templates, settings: { ownerPhone: '+48500100200' } }));
    expect(plan.jobs).toHaveLength(1);
    expect(plan.jobs[0]).toMatchObject({ kind: 'owner-new-order', phone: '+48500100200', text: 'Nowe zamówienie 101. Kwota: 123,45 PLN' });
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-15T22:30:00.000Z');
  });

  test('without an owner phone, or with the template off, nothing', () => {
    expect(planOwnerNewOrder(orderFacts(), context('2025-01-15T12:00:00Z', { templates })).skipped[0]?.reason).toBe('NO_OWNER_PHONE');
    const off = { [templateKey.ownerNewOrder]: { enabled: false, delayDays: 0, text } };
    expect(
      planOwnerNewOrder(orderFacts(), context('2025-01-15T12:00:00Z', { templates: off, settings: { ownerPhone: '+48500100200' } })).jobs,
    ).toEqual([]);
  });
});

describe('initialStatusAlreadyPlanned: one SMS for the status a new order is placed with', () => {
  const job = (event: string, statusId: string, createdAt: string) =>
    ({ kind: 'order-status', createdAt, source: { event, orderId: '101', statusId } }) as unknown as Job;
  const order = { ...orderFacts(), orderId: '101', statusId: '1' };

  test('order.create after order.status of the same status: already planned', () => {
    expect(initialStatusAlreadyPlanned(order, [job('order.status', '1', '2025-01-15T10:00:00Z')], 'order.create')).toBe(true);
    expect(initialStatusAlreadyPlanned(order, [], 'order.create')).toBe(false);
  });

  test('order.create processed after the order already moved on (a later status planned first): not sent late', () => {
    const later = {
      ...job('order.status', '2', '2025-01-15T10:00:00Z'),
      source: { event: 'order.status', orderId: '101', statusId: '2', statusDate: '2025-01-15 13:00:00' },
    } as unknown as Job;
    expect(initialStatusAlreadyPlanned({ ...order, statusDate: '2025-01-15 12:00:00' }, [later], 'order.create')).toBe(true);
  });

  test('order.status to the status the order was placed with, before any other change: already planned', () => {
    expect(initialStatusAlreadyPlanned(order, [job('order.create', '1', '2025-01-15T10:00:00Z')], 'order.status')).toBe(true);
  });

  test('back to that status after another one: a new change, planned again', () => {
    const jobs = [job('order.create', '1', '2025-01-15T10:00:00Z'), job('order.status', '2', '2025-01-15T11:00:00Z')];
    expect(initialStatusAlreadyPlanned(order, jobs, 'order.status')).toBe(false);
    expect(
      initialStatusAlreadyPlanned({ ...order, statusId: '2' }, [job('order.create', '1', '2025-01-15T10:00:00Z')], 'order.status'),
    ).toBe(false);
  });

  test('planOrderStatus on order.create records the trigger', () => {
    const plan = planOrderStatus(
      { ...orderFacts(), statusId: '6' },
      context('2025-01-15T10:00:00Z', { templates: statusTemplate('Zamowienie {order_id}') }),
      'order.create',
    );
    expect(plan.jobs[0]?.source.event).toBe('order.create');
  });
});

describe('suppressed messages: planned, not sent, recorded with the reason', () => {
  const templates = statusTemplate('Zamowienie {order_id} jest gotowe');
  const at = '2025-01-15T10:00:00Z';

  test.each([
    { name: 'a landline', phone: '22 123 45 67', reason: 'PHONE_NOT_MOBILE' },
    { name: 'a number from a country not allowed', phone: '+49 1512 3456789', reason: 'PHONE_COUNTRY_NOT_ALLOWED' },
    { name: 'no number at all', phone: '', reason: 'NO_PHONE' },
  ])('$name: the status SMS is skipped as $reason, with its text', ({ phone, reason }) => {
    const order = orderFacts({ statusId: '6', billing: { phone }, delivery: {} });
    const plan = planOrderStatus(order, context(at, { templates }));
    expect(plan.jobs).toEqual([]);
    expect(plan.skipped[0]?.suppressed).toMatchObject({ reason, kind: 'order-status', text: `Zamowienie ${order.orderId} jest gotowe` });
    expect(plan.skipped[0]?.suppressed?.key).toBe(
      planOrderStatus({ ...order, billing: { phone: '601 234 567' } }, context(at, { templates })).jobs[0]?.key,
    );
  });

  test("the owner's alert switched on without the owner's phone is skipped as NO_OWNER_PHONE", () => {
    const plan = planOwnerNewOrder(
      orderFacts(),
      context(at, {
        templates: { [templateKey.ownerNewOrder]: { enabled: true, delayDays: 0, text: 'Nowe {order_id}' } },
        settings: { ownerPhone: undefined },
      }),
    );
    expect(plan.skipped[0]?.suppressed).toMatchObject({ reason: 'NO_OWNER_PHONE', kind: 'owner-new-order' });
    expect(SUPPRESSION_REASONS.NO_OWNER_PHONE.pl).toContain('Nowe zamówienia');
  });

  test('a disabled template is not a suppressed message: nothing was planned', () => {
    const plan = planOrderStatus(orderFacts({ statusId: '6' }), context(at, { templates: statusTemplate('x', 0, false) }));
    expect(plan.skipped).toEqual([{ reason: 'TEMPLATE_DISABLED', detail: '6' }]);
  });
});
