// Settings routes: the shop's settings with their defaults, and a change of any subset of them.
import { SettingsBody } from '#domain/api-orders';
import { readSettings, updateSettings } from '#services/settings';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

export const settingsRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/settings',
    async run({ deps, shop }) {
      return json(200, await readSettings(deps, shop));
    },
  },
  {
    method: 'PUT',
    path: '/api/settings',
    async run({ event, deps, shop }) {
      return json(200, await updateSettings(deps, shop, jsonBody(event, SettingsBody)));
    },
  },
];
