// POST /shoper/appstore — Shoper App Store lifecycle events (HMAC-SHA512). Shoper's libraries read the parsed POST
// fields, so both application/x-www-form-urlencoded and multipart/form-data are accepted; the signature is computed
// over the same fields either way.
import { AppError, badRequest } from '#domain/errors';
import type { Deps } from '#services/deps';
import { handleAppstoreEvent } from '#services/appstore';
import { awsDeps } from '../composition';
import { shoperHttp } from '../aws/http';
import { dynamodb, shopPurge } from '../aws/dynamodb';
import { eventsQueue } from '../aws/sqs';
import { kms } from '../aws/kms';
import { ssmSecrets } from '../aws/ssm';
import { headersOf, httpHandler, json, rawBody } from './http';

const MAX_BYTES = 64 * 1024;

/** The form's fields (text only; a file part is refused: no lifecycle event carries one). */
export async function lifecycleFields(contentType: string, body: Buffer): Promise<Record<string, string>> {
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (/^multipart\/form-data\b/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw badRequest('BODY_INVALID', 'The multipart/form-data body could not be read', 'body');
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value !== 'string') throw badRequest('FIELD_INVALID', `${key}: a file is not a lifecycle field`, key);
      fields[key] = value;
    }
    return fields;
  }
  throw new AppError(415, 'CONTENT_TYPE_UNSUPPORTED', 'App Store events are application/x-www-form-urlencoded or multipart/form-data');
}

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const fields = await lifecycleFields(headersOf(event)['content-type'] ?? '', rawBody(event, MAX_BYTES));
    return json(200, await handleAppstoreEvent(deps, fields));
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('appstore', { ...shoperHttp, ...dynamodb, ...shopPurge, ...eventsQueue, ...kms, ...ssmSecrets });
export const handler = makeHandler(getDeps);
