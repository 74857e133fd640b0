// POST /shoper/webhooks — Shoper webhooks: verified, stored, queued.
import { awsDeps } from '../composition';
import type { Deps } from '#services/deps';
import { ingestWebhook } from '#services/ingest-webhook';
import { headersOf, httpHandler, json, rawBody } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const result = await ingestWebhook(deps, { headers: headersOf(event), rawBody: rawBody(event, 1024 * 1024) });
    return json(200, result);
  });

export const handler = makeHandler(awsDeps);
