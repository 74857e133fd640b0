// Staff alert routes: the team numbers and the alerts per event, read and saved together.
import { StaffAlertsBody } from '#domain/api-staff';
import { readStaffAlerts, updateStaffAlerts } from '#services/staff-alerts';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

export const staffAlertRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/staff-alerts',
    async run({ deps, shop }) {
      return json(200, await readStaffAlerts(deps, shop));
    },
  },
  {
    method: 'PUT',
    path: '/api/staff-alerts',
    async run({ event, deps, shop }) {
      return json(200, await updateStaffAlerts(deps, shop, jsonBody(event, StaffAlertsBody)));
    },
  },
];
