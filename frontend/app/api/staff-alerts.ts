// Staff alerts (GET/PUT /api/staff-alerts): the team numbers and the alert per event.
import { StaffAlertsBody } from '#contracts/staff';
import { apiCall, checkRequest } from './client';
import { ADMIN } from '#contracts/admin';

export const loadStaffAlerts = () => apiCall(ADMIN.staffAlerts);

export const saveStaffAlerts = (body: StaffAlertsBody) => apiCall(ADMIN.saveStaffAlerts, { body: checkRequest(StaffAlertsBody, body) });
