// A shop's settings with their defaults: what a shop that never opened the settings tab gets.
import type { OrderStatusInfo, ShopSettings } from './model';
import { DEFAULT_QUIET_HOURS } from './quiet-hours';
import { DEFAULT_SENDING_LIMITS, limitsWithDefaults } from './sending-limits';

export const DEFAULT_SETTINGS: ShopSettings = {
  quietHours: { ...DEFAULT_QUIET_HOURS },
  // Quiet hours by default for marketing-like messages, never for the owner's own new-order alert.
  quietHoursFor: {
    'owner-new-order': false,
    'order-status': false,
    celebration: true,
    'abandoned-cart': true,
    'back-in-stock': true,
  },
  requireMarketingConsent: true,
  // A sign-up is the client's own request for that one message; the shop may ask for its marketing consent too.
  backInStockRequiresConsent: false,
  cancelStaleStatusMessages: true,
  shippedStatusIds: [],
  allowedCountries: ['PL'],
  storefrontDailyCap: 200,
  autoStopLink: true,
  attributionDays: 7,
  limits: DEFAULT_SENDING_LIMITS,
};

// "przesyłka wysłana" (Shoper's default) and names of the same meaning; "gotowe do wysłania" is not shipped yet.
const SHIPPED_NAME = /(?:^|[^\p{L}])(?:wysłan[aey]|wysłano|nadan[aey]|shipped|dispatched|sent)(?:$|[^\p{L}])/iu;

/** The statuses that count as "shipped" until the owner chooses: those whose name says the parcel left. */
export function defaultShippedStatusIds(statuses: readonly OrderStatusInfo[] | undefined): string[] {
  return (statuses ?? []).filter((s) => SHIPPED_NAME.test(s.name) || SHIPPED_NAME.test(s.nameEn ?? '')).map((s) => s.statusId);
}

/** `statuses`: the shop's order statuses, for the "shipped" default of a shop whose owner never chose. */
export function withDefaults(settings: Partial<ShopSettings> | undefined, statuses?: readonly OrderStatusInfo[]): ShopSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...settings,
    shippedStatusIds: settings?.shippedStatusIds ?? defaultShippedStatusIds(statuses),
    quietHours: { ...DEFAULT_SETTINGS.quietHours, ...settings?.quietHours },
    quietHoursFor: { ...DEFAULT_SETTINGS.quietHoursFor, ...settings?.quietHoursFor },
    limits: limitsWithDefaults(settings?.limits),
  };
}
