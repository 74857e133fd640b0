// POST /shoper/webhooks — Shoper webhooks: verified, stored, queued.
import { awsDeps } from '../composition';
import { dynamodb } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { eventsQueue } from '../aws/sqs';
import { ssmSecrets } from '../aws/ssm';
import { AppError } from '#domain/errors';
import type { Deps } from '#services/deps';
import { ingestWebhook } from '#services/ingest-webhook';
import { headersOf, httpHandler, json, rawBody } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const headers = headersOf(event);
    // The app registers its webhooks as JSON (format 0), which Shoper sends as application/json.
    if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) {
      throw new AppError(415, 'CONTENT_TYPE_UNSUPPORTED', 'Webhooks are registered as JSON: send application/json');
    }
    const result = await ingestWebhook(deps, { headers, rawBody: rawBody(event, 1024 * 1024) });
    return json(200, result);
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('webhooks', { ...dynamodb, ...kms, ...eventsQueue, ...ssmSecrets });
export const handler = makeHandler(getDeps);
