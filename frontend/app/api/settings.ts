// Shop settings (GET/PUT /api/settings): owner's phone, send window, consent and stale-message policies.
import { SettingsBody } from '#domain/api-orders';
import { apiCall, checkRequest } from './client';
import { SettingsResponse, type Settings } from './schemas';

export const loadSettings = (): Promise<Settings> => apiCall('GET', '/api/settings', { response: SettingsResponse });

export async function saveSettings(patch: SettingsBody): Promise<Settings> {
  return apiCall('PUT', '/api/settings', { body: checkRequest(SettingsBody, patch), response: SettingsResponse });
}
