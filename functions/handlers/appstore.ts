// POST /shoper/appstore — Shoper App Store lifecycle events (form encoded, HMAC-SHA512).
import { AppError } from '#domain/errors';
import type { Deps } from '#services/deps';
import { handleAppstoreEvent } from '#services/appstore';
import { awsDeps } from '../composition';
import { dynamodb } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { headersOf, httpHandler, json, rawBody } from './http';

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const type = headersOf(event)['content-type'] ?? '';
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
      throw new AppError(415, 'CONTENT_TYPE_UNSUPPORTED', 'App Store events are application/x-www-form-urlencoded');
    }
    const fields = Object.fromEntries(new URLSearchParams(rawBody(event, 64 * 1024).toString('utf8')));
    return json(200, await handleAppstoreEvent(deps, fields));
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('appstore', { ...dynamodb, ...kms, ...scheduler, ...ssmSecrets });
export const handler = makeHandler(getDeps);
