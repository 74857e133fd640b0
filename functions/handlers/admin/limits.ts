// The sending limits' state for the banner on every tab: a spend limit reached and what it held back, a low balance.
import { limitsState } from '#services/limits-state';
import { json } from '../http';
import type { AdminRoute } from './route';

export const limitRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/limits',
    async run({ deps, shop }) {
      return json(200, await limitsState(deps, shop));
    },
  },
];
