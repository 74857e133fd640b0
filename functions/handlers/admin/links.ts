// Short-link routes: their settings (opt-out line, attribution window) and what the messages brought back.
import { ADMIN } from '#contracts/admin';
import { linkResults, linkSettings, updateLinkSettings } from '#services/link-stats';
import { handle, type AdminRoute } from './route';

export const linkRoutes: AdminRoute[] = [
  handle(ADMIN.links, ({ deps, shop }) => linkResults(deps, shop)),
  handle(ADMIN.linkSettings, ({ deps, shop }) => linkSettings(deps, shop)),
  handle(ADMIN.saveLinkSettings, ({ deps, shop, body }) => updateLinkSettings(deps, shop, body)),
];
