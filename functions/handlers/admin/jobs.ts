// Scheduled-send routes ("Zaplanowane wysyłki") and the message history: list, delete one, delete selected.
import { ADMIN } from '#contracts/admin';
import { deleteJob, deleteJobs, listJobs } from '#services/scheduled-jobs';
import { handle, type AdminRoute } from './route';

export const jobRoutes: AdminRoute[] = [
  handle(ADMIN.jobs, ({ deps, shop, query }) => listJobs(deps, shop, query)),
  handle(ADMIN.cancelJob, async ({ deps, shop, params }) => {
    await deleteJob(deps, shop, params.id);
    return { jobId: params.id, state: 'CANCELLED' as const };
  }),
  handle(ADMIN.cancelJobs, ({ deps, shop, body }) => deleteJobs(deps, shop, body.ids)),
];
