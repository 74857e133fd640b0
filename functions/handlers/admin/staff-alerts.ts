// Staff alert routes: the team numbers and the alerts per event, read and saved together.
import { ADMIN } from '#contracts/admin';
import { readStaffAlerts, updateStaffAlerts } from '#services/staff-alerts';
import { handle, type AdminRoute } from './route';

export const staffAlertRoutes: AdminRoute[] = [
  handle(ADMIN.staffAlerts, ({ deps, shop }) => readStaffAlerts(deps, shop)),
  handle(ADMIN.saveStaffAlerts, ({ deps, shop, body }) => updateStaffAlerts(deps, shop, body)),
];
