// GET|POST /smsapi/reports — SMSAPI delivery reports. Answers `OK` once the reports are applied; reports we
// cannot match are ignored, never an error. Only a failure of ours (the store) answers 500, so SMSAPI retries.
import type { Deps } from '#services/deps';
import { applyDeliveryReports, parseReports } from '#services/delivery-reports';
import { awsDeps } from '../composition';
import { httpHandler, rawBody, text } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const params: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
    if (event.requestContext.http.method === 'POST') {
      for (const [k, v] of new URLSearchParams(rawBody(event, 64 * 1024).toString('utf8'))) params[k] = v;
    }
    const reports = parseReports(params);
    const applied = await applyDeliveryReports(deps, reports);
    deps.logger.info('delivery reports', { received: reports.length, applied });
    return text(200, 'OK');
  });

export const handler = makeHandler(awsDeps);
