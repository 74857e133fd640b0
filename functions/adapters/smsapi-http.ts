// SmsGateway over SMSAPI's HTTP API (the simulator locally). A small typed client rather than the `smsapi`
// package: we need per-recipient `idx` with `check_idx`, errors that come back as HTTP 200 bodies, timeouts and
// a classification of every failure, which the package does not expose.
import * as z from 'zod/mini';
import '#domain/zod-mini';
import type { SmsGateway, SmsSendRequest, SmsSendResult, SmsapiCall } from '#services/ports';

const SendSuccess = z.object({
  count: z.coerce.number(),
  list: z.array(
    z.object({
      id: z.coerce.string(),
      points: z._default(z.coerce.number(), 0),
      number: z.coerce.string(),
      status: z._default(z.string(), 'QUEUE'),
      idx: z.nullish(z.coerce.string()),
      parts: z.optional(z.coerce.number()),
    }),
  ),
  parts: z.optional(z.coerce.number()),
});
// sms.do answers failures with a numeric `error`; the REST endpoints (profile, sendernames) with a string one.
const ApiError = z.object({
  error: z.union([z.int(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]),
  message: z._default(z.string(), ''),
  invalid_numbers: z.optional(z.array(z.union([z.object({ number: z.coerce.string() }), z.coerce.string()]))),
});
// `points` is optional: postpaid and subscription accounts have no balance (SMSAPI OpenAPI `Profile`; the PHP client
// reads it with isset(), the JS client types it `points?`).
const Profile = z.object({
  username: z.string(),
  points: z.nullish(z.coerce.number()),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  payment_type: z.optional(z.string()),
});
const SenderName = z.object({
  sender: z.string(),
  status: z.string(),
  is_default: z.optional(z.boolean()),
});
const SenderNames = z.union([z.array(SenderName), z.object({ collection: z.array(SenderName) })]);

/** SMSAPI's code for refused authorisation: REST endpoints answer HTTP 401 without it, so we add it. */
const AUTHORIZATION_FAILED = 101;
/**
 * SMSAPI's code for a token without the permission (scope) for the action. A REST endpoint answering HTTP 403 means
 * that (our reading; the error list names 401 "Token don't have permissions for this action"), not an invalid token:
 * refreshing or reconnecting the same token would not help.
 */
const PERMISSION_MISSING = 401;

type CallResult = { ok: true; status: number; json: unknown } | { ok: false; code: number; message: string; transport: 'http' | 'network' };

export function createSmsapiGateway(options: { baseUrl: string; timeoutMs: number; fetch?: typeof fetch }): SmsGateway {
  const doFetch = options.fetch ?? fetch;

  async function call(path: string, token: string, init: { method: 'GET' | 'POST'; body?: URLSearchParams }): Promise<CallResult> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${options.baseUrl}${path}`, {
        method: init.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(init.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: init.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Reading the body is inside the timeout too: an answer that starts and then stalls is a timeout.
      text = await res.text();
    } catch (error) {
      const name = (error as Error).name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      return { ok: false, code: 0, message: timedOut ? 'SMSAPI timeout' : 'SMSAPI unreachable', transport: 'network' };
    }
    if (res.status === 429 || res.status >= 500) {
      return { ok: false, code: res.status, message: `SMSAPI HTTP ${res.status}`, transport: 'http' };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (res.status === 401) return { ok: true, status: res.status, json: { error: AUTHORIZATION_FAILED, message: 'Unauthorized' } };
      return { ok: false, code: res.status, message: `SMSAPI answered HTTP ${res.status} without JSON`, transport: 'http' };
    }
    return { ok: true, status: res.status, json };
  }

  const apiError = (res: { status: number; json: unknown }) => {
    const parsed = ApiError.safeParse(res.json);
    if (parsed.success) return parsed.data;
    if (res.status === 401 || res.status === 403) {
      const message = (res.json as { message?: unknown } | null)?.message;
      return {
        error: res.status === 403 ? PERMISSION_MISSING : AUTHORIZATION_FAILED,
        message: typeof message === 'string' ? message : res.status === 403 ? 'Forbidden' : 'Unauthorized',
        invalid_numbers: undefined,
      };
    }
    return undefined;
  };

  return {
    async send(request: SmsSendRequest): Promise<SmsSendResult> {
      const body = new URLSearchParams({
        to: request.to.join(','),
        message: request.message,
        format: 'json',
        encoding: 'utf-8',
        details: '1',
      });
      if (request.from) body.set('from', request.from);
      if (request.idx?.length) {
        // One idx per recipient, and check_idx so that SMSAPI refuses a repeat with 53: a retry is then safe. Several
        // go as an array parameter, `idx[0]=…&idx[1]=…`, the way SMSAPI's official PHP client sends them
        // (http_build_query of SendSmssBag::$idx); one goes as a plain `idx`, as its single-SMS bag does.
        if (request.idx.length === 1) body.set('idx', request.idx[0]!);
        else request.idx.forEach((idx, i) => body.set(`idx[${i}]`, idx));
        body.set('check_idx', '1');
      }
      if (request.params?.length) {
        // param1…param4, one value per recipient, as array parameters like idx (`param1[0]=…&param1[1]=…`: the PHP
        // client's SendSmssBag::setParams; the Python client joins them with `|`, which a value could contain).
        const count = Math.max(...request.params.map((values) => values.length));
        for (let k = 0; k < count; k++) request.params.forEach((values, i) => body.set(`param${k + 1}[${i}]`, values[k] ?? ''));
      }
      if (request.notifyUrl) body.set('notify_url', request.notifyUrl);
      if (request.normalize) body.set('normalize', '1');
      if (request.maxParts) body.set('max_parts', String(request.maxParts));
      if (request.date) body.set('date', String(Math.floor(request.date.getTime() / 1000)));
      if (request.expiresAt) body.set('expiration_date', String(Math.floor(request.expiresAt.getTime() / 1000)));
      if (request.test) body.set('test', '1');
      const res = await call('/sms.do', request.token, { method: 'POST', body });
      if (!res.ok) return res;
      const error = apiError(res);
      if (error) {
        return {
          ok: false,
          code: error.error,
          message: error.message,
          transport: 'api',
          invalidNumbers: error.invalid_numbers?.map((n) => (typeof n === 'string' ? n : n.number)),
        };
      }
      const parsed = SendSuccess.safeParse(res.json);
      if (!parsed.success) return { ok: false, code: res.status, message: 'SMSAPI answer not understood', transport: 'http' };
      return {
        ok: true,
        messages: parsed.data.list.map((m) => ({
          id: m.id,
          number: m.number,
          idx: m.idx ?? undefined,
          points: m.points,
          parts: m.parts ?? parsed.data.parts ?? 1,
          status: m.status,
        })),
      };
    },

    async profile(token: string) {
      const res = await call('/profile', token, { method: 'GET' });
      if (!res.ok) return res;
      const error = apiError(res);
      if (error) return { ok: false, code: error.error, message: error.message, transport: 'api' };
      const parsed = Profile.safeParse(res.json);
      if (!parsed.success) return { ok: false, code: res.status, message: 'SMSAPI profile not understood', transport: 'http' };
      const { payment_type: paymentType, points, ...profile } = parsed.data;
      return {
        ok: true,
        value: {
          ...profile,
          ...(typeof points === 'number' && Number.isFinite(points) ? { points } : {}),
          ...(paymentType ? { paymentType } : {}),
        },
      };
    },

    async senderNames(token: string): Promise<SmsapiCall<{ sender: string; status: string; isDefault: boolean }[]>> {
      const res = await call('/sms/sendernames', token, { method: 'GET' });
      if (!res.ok) return res;
      const error = apiError(res);
      if (error) return { ok: false, code: error.error, message: error.message, transport: 'api' };
      const parsed = SenderNames.safeParse(res.json);
      if (!parsed.success) return { ok: false, code: res.status, message: 'SMSAPI sender names not understood', transport: 'http' };
      const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.collection;
      return { ok: true, value: list.map((s) => ({ sender: s.sender, status: s.status, isDefault: Boolean(s.is_default) })) };
    },
  };
}
