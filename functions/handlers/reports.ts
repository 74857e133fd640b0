// GET|POST /smsapi/reports?shop=…&t=… — SMSAPI delivery reports, on the notify_url we gave SMSAPI. A call without
// that URL's token is 401, more than five reports 400; otherwise `OK` once applied (reports we cannot match are
// ignored, never an error). A failure of ours (the store) answers 500, and a report for a message finished only
// moments ago whose id we have not stored yet answers 503: SMSAPI then repeats the call.
import { AppError } from '#domain/errors';
import type { Deps } from '#services/deps';
import { applyDeliveryReports, parseReports, verifyReportCall } from '#services/delivery-reports';
import { awsDeps } from '../composition';
import { jobs } from '../aws/dynamodb';
import { ssmSecrets } from '../aws/ssm';
import { headersOf, httpHandler, rawBody, text } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const params: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
    if (event.requestContext.http.method === 'POST') {
      const body = rawBody(event, 64 * 1024);
      // A body that is not a form would be read as nonsense and silently ignored: say so instead.
      if (body.length > 0 && !/^application\/x-www-form-urlencoded\b/i.test(headersOf(event)['content-type'] ?? '')) {
        throw new AppError(
          415,
          'CONTENT_TYPE_UNSUPPORTED',
          'Delivery reports are query parameters or an application/x-www-form-urlencoded form',
        );
      }
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
    }
    const shop = await verifyReportCall(deps, params);
    const reports = parseReports(params);
    const { applied, early } = await applyDeliveryReports(deps, shop, reports);
    deps.logger.info('delivery reports', { shop, received: reports.length, applied, early });
    // A report that overtook our write of SMSAPI's answer: not OK yet, so SMSAPI calls again (applying is idempotent).
    if (early > 0) return text(503, 'RETRY');
    return text(200, 'OK');
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('reports', { ...jobs, ...ssmSecrets });
export const handler = makeHandler(getDeps);
