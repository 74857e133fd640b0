// Composer routes: the shop's own values at their longest, for the worst-case SMS count.
import { longestValues } from '#services/longest-values';
import { json } from '../http';
import type { AdminRoute } from './route';

export const composerRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/composer/longest-values',
    async run({ deps, shop }) {
      return json(200, await longestValues(deps, shop));
    },
  },
];
