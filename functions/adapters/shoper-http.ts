// The ShoperHttp port over fetch: a shop's OAuth token endpoint and REST API (`{shop_url}/webapi/rest/...`). It
// carries requests and reads answers; what an answer means (refresh, pacing, retries) is services/shoper-client.ts.
import type { ShoperAnswer, ShoperHttp } from '#services/http-ports';

const TOKEN_TIMEOUT_MS = 10_000;
const REST_TIMEOUT_MS = 15_000;

const restBase = (shopUrl: string) => `${shopUrl.replace(/\/+$/, '')}/webapi/rest`;

async function answer(res: Response): Promise<ShoperAnswer> {
  const calls = Number(res.headers.get('x-shop-api-calls'));
  const limit = Number(res.headers.get('x-shop-api-limit'));
  const bandwidth = Number(res.headers.get('x-shop-api-bandwidth'));
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    body: await res.json().catch(() => undefined),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    ...(calls > 0 && limit > 0 && bandwidth > 0 ? { bucket: { calls, limit, bandwidth } } : {}),
  };
}

export function createShoperHttp(options: { fetch?: typeof fetch } = {}): ShoperHttp {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async token(shopUrl, grant, form, basic) {
      const res = await doFetch(`${restBase(shopUrl)}/oauth/token?grant_type=${grant}`, {
        method: 'POST',
        headers: {
          ...(basic ? { Authorization: `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}` } : {}),
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
      return answer(res);
    },

    async rest(shopUrl, request) {
      const url = new URL(`${restBase(shopUrl)}/${request.path.replace(/^\/+/, '')}`);
      for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
      const res = await doFetch(url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${request.accessToken}`,
          Accept: 'application/json',
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(REST_TIMEOUT_MS),
      });
      return answer(res);
    },
  };
}
