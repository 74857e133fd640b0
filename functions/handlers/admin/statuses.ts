// Status routes: "Aktualna lista statusów", every status of the shop with its template and whether it sends.
import { ADMIN } from '#contracts/admin';
import { listStatuses } from '#services/statuses';
import { handle, type AdminRoute } from './route';

export const statusRoutes: AdminRoute[] = [handle(ADMIN.statuses, ({ deps, shop }) => listStatuses(deps, shop))];
