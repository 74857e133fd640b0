// GET|POST /smsapi/reports — SMSAPI delivery reports. Always answers `OK` (SMSAPI retries otherwise); reports we
// cannot match are ignored, never an error.
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
    const applied = await applyDeliveryReports(deps, parseReports(params));
    deps.logger.info('delivery reports', { applied });
    return text(200, 'OK');
  });

export const handler = makeHandler(awsDeps);
