// The error log route ("Komunikaty błędów"): newest first, paged with an opaque cursor, plus the account
// problem the SPA shows above the list.
import { ADMIN } from '#contracts/admin';
import { listErrorLog } from '#services/error-log';
import { handle, type AdminRoute } from './route';

export const errorRoutes: AdminRoute[] = [handle(ADMIN.errors, ({ deps, shop, query }) => listErrorLog(deps, shop, query))];
