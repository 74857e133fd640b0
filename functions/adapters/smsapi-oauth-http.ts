// The SmsapiOAuthHttp port over fetch: a form POST to SMSAPI's OAuth token endpoint, its JSON answer read. What the
// answer means is services/smsapi-oauth.ts.
import type { SmsapiOAuthHttp } from '#services/http-ports';

export function createSmsapiOAuthHttp(options: { fetch?: typeof fetch } = {}): SmsapiOAuthHttp {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async token(url, form, timeoutMs) {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.json().catch(() => undefined) };
    },
  };
}
