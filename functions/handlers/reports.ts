// GET|POST /smsapi/reports — SMSAPI delivery reports. Answers `OK` once the reports are applied; reports we
// cannot match are ignored, never an error. Only a failure of ours (the store) answers 500, so SMSAPI retries.
import { AppError } from '#domain/errors';
import type { Deps } from '#services/deps';
import { applyDeliveryReports, parseReports } from '#services/delivery-reports';
import { awsDeps } from '../composition';
import { dynamodb } from '../aws/dynamodb';
import { headersOf, httpHandler, rawBody, text } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const params: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
    if (event.requestContext.http.method === 'POST') {
      const body = rawBody(event, 64 * 1024);
      // A body that is not a form would be read as nonsense and silently ignored: say so instead.
      if (body.length > 0 && !/^application\/x-www-form-urlencoded\b/i.test(headersOf(event)['content-type'] ?? '')) {
        throw new AppError(415, 'CONTENT_TYPE_UNSUPPORTED', 'Delivery reports are query parameters or an application/x-www-form-urlencoded form');
      }
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
    }
    const reports = parseReports(params);
    const applied = await applyDeliveryReports(deps, reports);
    deps.logger.info('delivery reports', { received: reports.length, applied });
    return text(200, 'OK');
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('reports', { ...dynamodb });
export const handler = makeHandler(getDeps);
