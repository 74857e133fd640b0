// Short-link routes: their settings (opt-out line, attribution window) and what the messages brought back.
import { LinkSettingsBody } from '#domain/api-links';
import { linkResults, linkSettings, updateLinkSettings } from '#services/link-stats';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

export const linkRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/links',
    async run({ deps, shop }) {
      return json(200, await linkResults(deps, shop));
    },
  },
  {
    method: 'GET',
    path: '/api/links/settings',
    async run({ deps, shop }) {
      return json(200, await linkSettings(deps, shop));
    },
  },
  {
    method: 'PUT',
    path: '/api/links/settings',
    async run({ event, deps, shop }) {
      return json(200, await updateLinkSettings(deps, shop, jsonBody(event, LinkSettingsBody)));
    },
  },
];
