// Stale messages: a status change cancels the order's pending status SMS for other statuses, a cancellation
// also its pending celebrations, an older event arriving late changes nothing, the merchant may keep them all;
// a client's next order supersedes the "order placed" reminder of the previous one.
import { isCancelledStatus, staleStatusJobs, supersededOrderPlacedJobs } from '#domain/planning-stale';
import { context, job, orderFacts, shop } from './planning-fixtures';

const ctx = context('2025-01-16T10:00:00Z');
const id = (c: string) => c.repeat(32);

describe('staleStatusJobs', () => {
  const pending6 = job({ jobId: id('a') });

  test('a newer status cancels the pending SMS of the previous status, with a Polish reason naming the new status', () => {
    const result = staleStatusJobs(orderFacts({ statusId: '7', statusDate: '2025-01-16 10:00:00' }), [pending6], ctx);
    expect(result.eventIsStale).toBe(false);
    expect(result.cancel).toEqual([{ jobId: id('a'), reason: expect.stringContaining('„przesyłka wysłana”') }]);
  });

  const nothing = [
    { name: 'the same status again', order: orderFacts({ statusId: '6', statusDate: '2025-01-16 10:00:00' }), jobs: [pending6] },
    { name: 'a job already sent', order: orderFacts({ statusId: '7' }), jobs: [job({ state: 'SENT' })] },
    { name: 'a job of another order', order: orderFacts({ statusId: '7' }), jobs: [job({ source: { orderId: '999' } })] },
    {
      name: 'a pending celebration on an ordinary status change',
      order: orderFacts({ statusId: '7' }),
      jobs: [job({ kind: 'celebration', source: { event: 'order.create', statusId: undefined } })],
    },
  ];
  test.each(nothing)('nothing cancelled: $name', ({ order, jobs }) => {
    expect(staleStatusJobs(order, jobs, ctx).cancel).toEqual([]);
  });

  test('when the merchant keeps stale messages, nothing is cancelled', () => {
    const keep = context('2025-01-16T10:00:00Z', { settings: { cancelStaleStatusMessages: false } });
    expect(staleStatusJobs(orderFacts({ statusId: '8' }), [pending6], keep)).toEqual({ cancel: [], eventIsStale: false });
  });

  test("a cancelled-type status also cancels the order's pending celebrations", () => {
    const celebrationJob = job({
      jobId: id('b'),
      kind: 'celebration',
      source: { event: 'order.create', statusId: undefined, statusDate: undefined, celebrationEvent: 'order-placed' },
    });
    const result = staleStatusJobs(orderFacts({ statusId: '8', statusDate: '2025-01-16 10:00:00' }), [pending6, celebrationJob], ctx);
    expect(result.cancel.map((c) => c.jobId)).toEqual([id('a'), id('b')]);
    expect(result.cancel[1]!.reason).toContain('„anulowane”');
  });

  test('an older event delivered late is itself stale and cancels nothing newer', () => {
    const newer = job({ jobId: id('c'), source: { statusId: '7', statusDate: '2025-01-16 10:00:00' } });
    const result = staleStatusJobs(orderFacts({ statusId: '6', statusDate: '2025-01-15 12:00:00' }), [newer], ctx);
    expect(result).toEqual({ cancel: [], eventIsStale: true });
  });

  test('cancelled types: type 4 statuses and the name "anulowane"', () => {
    expect(isCancelledStatus('8', shop)).toBe(true);
    expect(isCancelledStatus('10', shop)).toBe(true);
    expect(isCancelledStatus('7', shop)).toBe(false);
    expect(isCancelledStatus('99', { statuses: [] }, 'Anulowane')).toBe(true);
  });
});

describe('supersededOrderPlacedJobs ("N dni od ostatniego zamówienia")', () => {
  const reminder = (overrides: Parameters<typeof job>[0] = {}) =>
    job({
      jobId: id('d'),
      kind: 'celebration',
      ...overrides,
      source: {
        event: 'order.create',
        orderId: '100',
        userId: '5',
        statusId: undefined,
        celebrationEvent: 'order-placed',
        ...overrides.source,
      },
    });

  const cases = [
    {
      name: 'the same account, an earlier order: cancelled',
      jobs: [reminder()],
      order: orderFacts({ orderId: '101' }),
      phone: '+48700000000',
      cancelled: 1,
    },
    {
      name: 'a guest with the same phone: cancelled',
      jobs: [reminder({ source: { userId: undefined } })],
      order: orderFacts({ orderId: '101', userId: undefined }),
      phone: '+48601234567',
      cancelled: 1,
    },
    {
      name: 'a later order (events out of order): kept',
      jobs: [reminder({ source: { orderId: '102' } })],
      order: orderFacts({ orderId: '101' }),
      phone: '+48601234567',
      cancelled: 0,
    },
    {
      name: 'another client: kept',
      jobs: [reminder({ phone: '+48700000001', source: { userId: '6' } })],
      order: orderFacts({ orderId: '101' }),
      phone: '+48601234567',
      cancelled: 0,
    },
    {
      name: 'a first-order celebration: kept',
      jobs: [reminder({ source: { celebrationEvent: 'first-order' } })],
      order: orderFacts({ orderId: '101' }),
      phone: '+48601234567',
      cancelled: 0,
    },
    {
      name: 'already sent: kept',
      jobs: [reminder({ state: 'SENT' })],
      order: orderFacts({ orderId: '101' }),
      phone: '+48601234567',
      cancelled: 0,
    },
  ];
  test.each(cases)('$name', ({ jobs, order, phone, cancelled }) => {
    const result = supersededOrderPlacedJobs(order, phone, jobs);
    expect(result).toHaveLength(cancelled);
    if (cancelled) expect(result[0]!.reason).toContain('kolejne zamówienie (101)');
  });
});
