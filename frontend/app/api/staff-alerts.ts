// Staff alerts (GET/PUT /api/staff-alerts): the team numbers and the alert per event.
import { StaffAlertsBody, StaffAlertsResponse } from '#domain/api-staff';
import { apiCall, checkRequest } from './client';

export const loadStaffAlerts = () => apiCall('GET', '/api/staff-alerts', { response: StaffAlertsResponse });

export const saveStaffAlerts = (body: StaffAlertsBody) =>
  apiCall('PUT', '/api/staff-alerts', { body: checkRequest(StaffAlertsBody, body), response: StaffAlertsResponse });
