// Status routes: "Aktualna lista statusów", every status of the shop with its template and whether it sends.
import { listStatuses } from '#services/statuses';
import { json } from '../http';
import type { AdminRoute } from './route';

export const statusRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/statuses',
    async run({ deps, shop }) {
      return json(200, await listStatuses(deps, shop));
    },
  },
];
