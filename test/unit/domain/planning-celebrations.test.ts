// Date celebrations as pure planning: which rules fire for which occasion, to whom, with what text and when;
// consent and the first-order rule respected; one SMS per rule and order however the shipment is reported.
import {
  isShippedStatus,
  needsFirstOrderAnswer,
  planCelebrations,
  planOrderPlacedCelebrations,
  type CelebrationOccasion,
} from '#domain/planning-celebrations';
import { normalizeMobile } from '#domain/phone';
import { celebration, context, orderFacts } from './planning-fixtures';

const noon = '2025-01-15T11:00:00Z';
const consenting = { consent: true };

describe('order placed and first order (order.create)', () => {
  const rules = [
    celebration({ id: 'placed', event: 'order-placed', delayDays: 30 }),
    celebration({ id: 'first', event: 'first-order', delayDays: 4, text: '{name}, dziękujemy za pierwsze zamówienie!' }),
  ];

  test('a first order with consent plans both, rendered, each after its own delay', () => {
    const plan = planOrderPlacedCelebrations(orderFacts(), { consent: true, firstOrder: true }, rules, context(noon));
    expect(plan.skipped).toEqual([]);
    expect(plan.jobs.map((j) => [j.source.celebrationId, j.text, j.dueAt.toISOString(), j.phone])).toEqual([
      ['placed', 'Anna Nowak, dziękujemy za zamówienie 101 w Sklep Demo!', '2025-02-14T11:00:00.000Z', '+48601234567'],
      ['first', 'Anna, dziękujemy za pierwsze zamówienie!', '2025-01-19T11:00:00.000Z', '+48601234567'],
    ]);
    expect(plan.jobs.every((j) => j.kind === 'celebration' && j.source.orderId === '101' && j.source.event === 'order.create')).toBe(true);
  });

  const cases = [
    {
      name: 'not the first order: only "order placed"',
      facts: { consent: true, firstOrder: false },
      settings: {},
      jobs: ['placed'],
      skipped: ['NOT_FIRST_ORDER'],
    },
    {
      name: 'no consent while the shop requires it: nothing, with the reason',
      facts: { consent: false },
      settings: {},
      jobs: [],
      skipped: ['NO_CONSENT', 'NO_CONSENT'],
    },
    {
      name: 'no consent but the shop does not require it: both',
      facts: { consent: false, firstOrder: true },
      settings: { requireMarketingConsent: false },
      jobs: ['placed', 'first'],
      skipped: [],
    },
  ];
  test.each(cases)('$name', ({ facts, settings, jobs, skipped }) => {
    const plan = planOrderPlacedCelebrations(orderFacts(), facts, rules, context(noon, { settings }));
    expect(plan.jobs.map((j) => j.source.celebrationId)).toEqual(jobs);
    expect(plan.skipped.map((s) => s.reason)).toEqual(skipped);
  });

  test('an inactive rule, or a rule for another event, plans nothing', () => {
    const plan = planOrderPlacedCelebrations(
      orderFacts(),
      { consent: true, firstOrder: true },
      [celebration({ active: false }), celebration({ id: 'reg', event: 'account-registered' })],
      context(noon),
    );
    expect(plan).toEqual({ jobs: [], skipped: [] });
  });

  test('Shoper is asked about earlier orders only when a first-order SMS could go', () => {
    expect(needsFirstOrderAnswer(rules, context(noon), true)).toBe(true);
    expect(needsFirstOrderAnswer(rules, context(noon), false)).toBe(false);
    expect(needsFirstOrderAnswer(rules, context(noon, { settings: { requireMarketingConsent: false } }), false)).toBe(true);
    expect(needsFirstOrderAnswer([rules[0]!], context(noon), true)).toBe(false);
  });

  test('an order placed at 23:00 with no delay waits for 08:00 (celebrations follow the send window)', () => {
    const plan = planOrderPlacedCelebrations(orderFacts(), consenting, [celebration({ delayDays: 0 })], context('2025-01-15T22:00:00Z'));
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-16T07:00:00.000Z');
    expect(plan.jobs[0]!.shiftedFrom?.toISOString()).toBe('2025-01-15T22:00:00.000Z');
  });
});

describe('order shipped and account registered', () => {
  const shippedRule = celebration({
    id: 'ship',
    event: 'order-shipped',
    delayDays: 4,
    text: 'Jak oceniasz zamówienie {order_id} ze sklepu {shop_name}?',
  });
  const occasion = (trigger: string): CelebrationOccasion => ({
    event: 'order-shipped',
    subject: 'order:101',
    trigger,
    orderId: '101',
    customer: { userId: '5', firstname: 'Anna', lastname: 'Nowak', phone: normalizeMobile('601234567'), consent: true },
  });

  test('parcel.dispatch and a "shipped" status give the same job key: one SMS', () => {
    const a = planCelebrations(occasion('parcel.dispatch'), [shippedRule], context(noon));
    const b = planCelebrations(occasion('order.status'), [shippedRule], context('2025-01-15T11:00:05Z'));
    expect(a.jobs).toHaveLength(1);
    expect(a.jobs[0]!.key).toBe(b.jobs[0]!.key);
    expect(a.jobs[0]!.text).toBe('Jak oceniasz zamówienie 101 ze sklepu Sklep Demo?');
  });

  test('two rules for the same event plan two SMS', () => {
    const plan = planCelebrations(
      occasion('parcel.dispatch'),
      [shippedRule, { ...shippedRule, id: 'ship2', delayDays: 14 }],
      context(noon),
    );
    expect(new Set(plan.jobs.map((j) => j.key)).size).toBe(2);
  });

  test('account registration: order_id renders empty, the key is per user', () => {
    const plan = planCelebrations(
      {
        event: 'account-registered',
        subject: 'user:9',
        trigger: 'client.create',
        customer: { userId: '9', firstname: 'Ewa', phone: normalizeMobile('785123456'), consent: true },
      },
      [celebration({ id: 'reg', event: 'account-registered', delayDays: 3, text: 'Witaj {name}! {order_id}Zapraszamy do {shop_name}.' })],
      context(noon),
    );
    expect(plan.jobs[0]).toMatchObject({
      key: 'celebration:reg:user:9',
      phone: '+48785123456',
      text: 'Witaj Ewa! Zapraszamy do Sklep Demo.',
    });
    expect(plan.jobs[0]!.dueAt.toISOString()).toBe('2025-01-18T11:00:00.000Z');
  });

  const skips = [
    { name: 'no consent', customer: { consent: false, phone: normalizeMobile('601234567') }, reason: 'NO_CONSENT' },
    { name: 'no phone', customer: { consent: true, phone: undefined }, reason: 'NO_PHONE' },
    { name: 'a landline', customer: { consent: true, phone: normalizeMobile('22 123 45 67') }, reason: 'PHONE_REJECTED' },
  ];
  test.each(skips)('skipped: $name', ({ customer, reason }) => {
    const plan = planCelebrations({ ...occasion('parcel.dispatch'), customer }, [shippedRule], context(noon));
    expect(plan.jobs).toEqual([]);
    expect(plan.skipped[0]?.reason).toBe(reason);
  });

  test('a status counts as "shipped" only when the merchant marked it', () => {
    expect(isShippedStatus('7', context(noon))).toBe(false);
    expect(isShippedStatus('7', context(noon, { settings: { shippedStatusIds: ['7'] } }))).toBe(true);
    expect(isShippedStatus(undefined, context(noon, { settings: { shippedStatusIds: ['7'] } }))).toBe(false);
  });
});
