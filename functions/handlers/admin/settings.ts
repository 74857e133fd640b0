// Settings routes: the shop's settings with their defaults, and a change of any subset of them.
import { ADMIN } from '#contracts/admin';
import { readSettings, updateSettings } from '#services/settings';
import { handle, type AdminRoute } from './route';

export const settingsRoutes: AdminRoute[] = [
  handle(ADMIN.settings, ({ deps, shop }) => readSettings(deps, shop)),
  handle(ADMIN.saveSettings, ({ deps, shop, body }) => updateSettings(deps, shop, body)),
];
