// What every HTTP handler shares: JSON answers, errors as `{error:{code,message,field}}` with the right status,
// body decoding with a size limit, and content-type checks. Wiring only: no business rules here.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import '#domain/zod-mini';
import { safeParse } from 'zod/mini';
import { AppError, badRequest } from '#domain/errors';
import { describeIssue, issueField } from '#domain/validation-messages';
import type { Deps } from '#services/deps';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const text = (statusCode: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpResult => ({
  statusCode,
  headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  body,
});

export const MAX_BODY_BYTES = 256 * 1024;

/** Lower-cased headers (API Gateway v2 already lower-cases them; the local server does too). */
export const headersOf = (event: HttpEvent): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

export function rawBody(event: HttpEvent, limit = MAX_BODY_BYTES): Buffer {
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (body.length > limit) throw new AppError(413, 'BODY_TOO_LARGE', `The body is larger than ${limit} bytes`);
  return body;
}

/**
 * `application/json`, optionally with parameters (`; charset=utf-8`). Not `application/json-patch+json` or other
 * types that merely begin the same way: a body in another format is refused, not guessed at.
 */
export const isJsonContentType = (type: string) => /^application\/json\s*(;|$)/i.test(type.trim());

export function jsonBody<T extends z.core.$ZodType>(event: HttpEvent, schema: T, limit = MAX_BODY_BYTES): z.output<T> {
  const type = headersOf(event)['content-type'] ?? '';
  if (!isJsonContentType(type)) {
    throw new AppError(415, 'CONTENT_TYPE_UNSUPPORTED', 'Send the body as application/json');
  }
  const raw = rawBody(event, limit);
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('BODY_INVALID_JSON', 'The body is not valid JSON', 'body');
  }
  return parseWith(schema, value);
}

/**
 * Validates with the shared schema. A refusal names the field by its label and says what to do, in Polish
 * (`message`) and English (`details.en`, for the SPA's English screens): never zod's own words.
 */
export function parseWith<T extends z.core.$ZodType>(schema: T, value: unknown): z.output<T> {
  // reportInput: tells a missing field ("uzupełnij je") from a wrong one.
  const parsed = safeParse(schema, value, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issueField(issue);
    // A field schema may name its own code (e.g. CURSOR_INVALID) and its own bilingual "polski / English" message.
    if (issue.code === 'custom' && typeof issue.params?.code === 'string')
      throw badRequest(issue.params.code, `${field}: ${issue.message}`, field);
    throw badRequest('FIELD_INVALID', describeIssue(issue, 'pl'), field, { en: describeIssue(issue, 'en') });
  }
  return parsed.data;
}

/** Path parameters: a refusal says the contract's own (Polish) words, on the parameter. */
export function parseParams<T extends z.core.$ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = safeParse(schema, value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest('FIELD_INVALID', issue.message, issueField(issue));
  }
  return parsed.data;
}

export function toErrorResult(error: unknown, deps?: Pick<Deps, 'logger'>): HttpResult {
  if (error instanceof AppError) return json(error.status, error.toBody());
  deps?.logger.error('unhandled error', {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return json(500, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; nothing was changed. Try again.' } });
}

/**
 * An HTTP Lambda handler: `run` gets the event and the (lazily built, cached) dependencies; any AppError becomes
 * its JSON answer and anything else a 500 without internals.
 */
export function httpHandler(getDeps: () => Promise<Deps>, run: (event: HttpEvent, deps: Deps, context: Context) => Promise<HttpResult>) {
  // A plain async function, not middy: with no middleware middy only wrapped it (3 KB in every bundle).
  return async (event: HttpEvent, context: Context = {} as Context): Promise<HttpResult> => {
    let deps: Deps | undefined;
    try {
      deps = await getDeps();
      return await run(event, deps, context);
    } catch (error) {
      return toErrorResult(error, deps);
    }
  };
}
