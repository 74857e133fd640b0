// The statistics route ("Statystyki"): sent today / this week / this month, numbers collected, weekly growth
// and a 30-day daily series, in the shop's time zone.
import { statsSummary } from '#services/stats';
import { json } from '../http';
import type { AdminRoute } from './route';

export const statsRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/stats',
    async run({ deps, shop }) {
      return json(200, await statsSummary(deps, shop));
    },
  },
];
