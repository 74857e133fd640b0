// Scheduled-send routes ("Zaplanowane wysyłki") and the message history: list, delete one, delete selected.
import { JobDeleteBody, JobListQuery } from '#domain/api-orders';
import { deleteJob, deleteJobs, listJobs } from '#services/scheduled-jobs';
import { json, jsonBody, parseWith } from '../http';
import type { AdminRoute } from './route';

export const jobRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/jobs',
    async run({ event, deps, shop }) {
      return json(200, await listJobs(deps, shop, parseWith(JobListQuery, event.queryStringParameters ?? {})));
    },
  },
  {
    method: 'DELETE',
    path: '/api/jobs/{id}',
    async run({ deps, shop, params }) {
      const id = params.id ?? '';
      await deleteJob(deps, shop, id);
      return json(200, { jobId: id, state: 'CANCELLED' });
    },
  },
  {
    method: 'POST',
    path: '/api/jobs/delete',
    async run({ event, deps, shop }) {
      return json(200, await deleteJobs(deps, shop, jsonBody(event, JobDeleteBody).ids));
    },
  },
];
