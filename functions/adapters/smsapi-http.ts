// SmsGateway over SMSAPI's HTTP API (the simulator locally). A small typed client rather than the `smsapi`
// package: we need per-recipient `idx` with `check_idx`, errors that come back as HTTP 200 bodies, timeouts and
// a classification of every failure, which the package does not expose.
import { z } from 'zod';
import type { SmsGateway, SmsSendRequest, SmsSendResult, SmsapiCall } from '#services/ports';

const SendSuccess = z.object({
  count: z.coerce.number(),
  list: z.array(
    z.object({
      id: z.coerce.string(),
      points: z.coerce.number().default(0),
      number: z.coerce.string(),
      status: z.string().default('QUEUE'),
      idx: z.coerce.string().nullish(),
      parts: z.coerce.number().optional(),
    }),
  ),
  parts: z.coerce.number().optional(),
});
const ApiError = z.object({
  error: z.coerce.number(),
  message: z.string().default(''),
  invalid_numbers: z.array(z.object({ number: z.coerce.string() }).or(z.coerce.string())).optional(),
});
const Profile = z.object({
  username: z.string(),
  points: z.coerce.number(),
  name: z.string().optional(),
  email: z.string().optional(),
});
const SenderName = z.object({
  sender: z.string(),
  status: z.string(),
  is_default: z.boolean().optional(),
});
const SenderNames = z.union([z.array(SenderName), z.object({ collection: z.array(SenderName) })]);

export function createSmsapiGateway(options: { baseUrl: string; timeoutMs: number; fetch?: typeof fetch }): SmsGateway {
  const doFetch = options.fetch ?? fetch;

  async function call(
    path: string,
    token: string,
    init: { method: 'GET' | 'POST'; body?: URLSearchParams },
  ): Promise<{ ok: true; status: number; json: unknown } | { ok: false; code: number; message: string; transport: 'http' | 'network' }> {
    let res: Response;
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
    } catch (error) {
      const name = (error as Error).name;
      return { ok: false, code: 0, message: name === 'TimeoutError' ? 'SMSAPI timeout' : 'SMSAPI unreachable', transport: 'network' };
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429 || res.status >= 500) {
      return { ok: false, code: res.status, message: `SMSAPI HTTP ${res.status}`, transport: 'http' };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, code: res.status, message: `SMSAPI answered HTTP ${res.status} without JSON`, transport: 'http' };
    }
    return { ok: true, status: res.status, json };
  }

  const apiError = (json: unknown) => {
    const parsed = ApiError.safeParse(json);
    return parsed.success ? parsed.data : undefined;
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
        body.set('idx', request.idx.join('|'));
        body.set('check_idx', '1');
      }
      if (request.notifyUrl) body.set('notify_url', request.notifyUrl);
      if (request.normalize) body.set('normalize', '1');
      if (request.maxParts) body.set('max_parts', String(request.maxParts));
      if (request.test) body.set('test', '1');
      const res = await call('/sms.do', request.token, { method: 'POST', body });
      if (!res.ok) return res;
      const error = apiError(res.json);
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
      if (!res.ok) return { ok: false, code: res.code, message: res.message };
      const error = apiError(res.json);
      if (error) return { ok: false, code: error.error, message: error.message };
      const parsed = Profile.safeParse(res.json);
      if (!parsed.success) return { ok: false, code: res.status, message: 'SMSAPI profile not understood' };
      return { ok: true, value: parsed.data };
    },

    async senderNames(token: string): Promise<SmsapiCall<{ sender: string; status: string; isDefault: boolean }[]>> {
      const res = await call('/sms/sendernames', token, { method: 'GET' });
      if (!res.ok) return { ok: false, code: res.code, message: res.message };
      const error = apiError(res.json);
      if (error) return { ok: false, code: error.error, message: error.message };
      const parsed = SenderNames.safeParse(res.json);
      if (!parsed.success) return { ok: false, code: res.status, message: 'SMSAPI sender names not understood' };
      const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.collection;
      return { ok: true, value: list.map((s) => ({ sender: s.sender, status: s.status, isDefault: Boolean(s.is_default) })) };
    },
  };
}
