// A shop's settings with their defaults: what a shop that never opened the settings tab gets.
import type { ShopSettings } from './model';
import { DEFAULT_QUIET_HOURS } from './quiet-hours';

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
  cancelStaleStatusMessages: true,
  shippedStatusIds: [],
  allowedCountries: ['PL'],
  storefrontDailyCap: 200,
  autoStopLink: true,
  attributionDays: 7,
};

export function withDefaults(settings: Partial<ShopSettings> | undefined): ShopSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...settings,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, ...settings?.quietHours },
    quietHoursFor: { ...DEFAULT_SETTINGS.quietHoursFor, ...settings?.quietHoursFor },
  };
}
