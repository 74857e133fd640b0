// The error log route ("Komunikaty błędów"): newest first, paged with an opaque cursor, plus the account
// problem the SPA shows above the list.
import { ErrorsQuery } from '#domain/api-smsapi';
import { listErrorLog } from '#services/error-log';
import { json, parseWith } from '../http';
import type { AdminRoute } from './route';

export const errorRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/errors',
    async run({ event, deps, shop }) {
      const query = parseWith(ErrorsQuery, event.queryStringParameters ?? {});
      return json(200, await listErrorLog(deps, shop, query));
    },
  },
];
