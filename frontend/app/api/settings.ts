// Shop settings (GET/PUT /api/settings): owner's phone, send window, consent and stale-message policies.
import { SettingsBody } from '#contracts/orders';
import { apiCall, checkRequest } from './client';
import { type Settings } from './schemas';
import { ADMIN } from '#contracts/admin';

export const loadSettings = (): Promise<Settings> => apiCall(ADMIN.settings);

export async function saveSettings(patch: SettingsBody): Promise<Settings> {
  return apiCall(ADMIN.saveSettings, { body: checkRequest(SettingsBody, patch) });
}
