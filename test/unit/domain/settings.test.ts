// A shop's settings before the owner changes them: what counts as "shipped" for the "Wysyłka zamówienia" celebration.
import { defaultShippedStatusIds, withDefaults } from '#domain/settings';
import type { OrderStatusInfo } from '#domain/model';

const status = (statusId: string, name: string, nameEn?: string): OrderStatusInfo => ({ statusId, name, nameEn });
const SHOPER_DEFAULTS = [
  status('1', 'złożone', 'submitted'),
  status('6', 'gotowe do wysłania', 'ready for shipment'),
  status('7', 'przesyłka wysłana', 'shipment sent'),
  status('8', 'anulowane', 'cancelled'),
];

describe('the "shipped" statuses of a shop whose owner never chose', () => {
  it('are Shoper\'s default "przesyłka wysłana" and statuses of the same meaning, not "gotowe do wysłania"', () => {
    expect(defaultShippedStatusIds(SHOPER_DEFAULTS)).toEqual(['7']);
    expect(
      defaultShippedStatusIds([status('20', 'Zamówienie wysłane'), status('21', 'Paczka nadana'), status('22', 'W drodze', 'Shipped')]),
    ).toEqual(['20', '21', '22']);
    expect(defaultShippedStatusIds([status('23', 'Wysłanie w poniedziałek'), status('24', 'Przekazane do kuriera')])).toEqual([]);
  });

  it('are what withDefaults gives until the owner saves a choice, which then wins (even an empty one)', () => {
    expect(withDefaults(undefined, SHOPER_DEFAULTS).shippedStatusIds).toEqual(['7']);
    expect(withDefaults({ requireMarketingConsent: false }, SHOPER_DEFAULTS).shippedStatusIds).toEqual(['7']);
    expect(withDefaults({ shippedStatusIds: ['8'] }, SHOPER_DEFAULTS).shippedStatusIds).toEqual(['8']);
    expect(withDefaults({ shippedStatusIds: [] }, SHOPER_DEFAULTS).shippedStatusIds).toEqual([]);
    expect(withDefaults(undefined).shippedStatusIds).toEqual([]);
  });
});
