// The ShoperHttp adapter over a recorded fetch: what goes on the wire (URL, method, credentials, body) and what it
// reads back (JSON body, Retry-After, the leaky bucket), without a network.
import { createShoperHttp } from '#adapters/shoper-http';
import { createSmsapiOAuthHttp } from '#adapters/smsapi-oauth-http';

function recorder(answer: () => Response) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL, init: RequestInit = {}) => {
    requests.push({ url: String(url), init });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

test('a token request posts the form to the shop token endpoint, with HTTP Basic credentials when given', async () => {
  const r = recorder(() => Response.json({ access_token: 'a', refresh_token: 'r', expires_in: 60 }));
  const http = createShoperHttp({ fetch: r.fetch });
  const answer = await http.token('https://sklep.example/', 'authorization_code', { code: 'c1' }, { user: 'id', password: 'secret' });
  expect(answer).toEqual({ status: 200, body: { access_token: 'a', refresh_token: 'r', expires_in: 60 } });
  expect(r.requests[0]!.url).toBe('https://sklep.example/webapi/rest/oauth/token?grant_type=authorization_code');
  const headers = r.requests[0]!.init.headers as Record<string, string>;
  expect(headers.Authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
  expect(String(r.requests[0]!.init.body)).toBe('code=c1');

  await http.token('https://sklep.example', 'refresh_token', { refresh_token: 'r' });
  expect((r.requests[1]!.init.headers as Record<string, string>).Authorization).toBeUndefined();
});

test('a REST call carries the bearer token, query and JSON body; the answer reports Retry-After and the bucket', async () => {
  const r = recorder(
    () =>
      new Response('{"error":"slow down"}', {
        status: 429,
        headers: { 'retry-after': '3', 'x-shop-api-calls': '9', 'x-shop-api-limit': '10', 'x-shop-api-bandwidth': '2' },
      }),
  );
  const http = createShoperHttp({ fetch: r.fetch });
  const answer = await http.rest('https://sklep.example', {
    method: 'POST',
    path: '/bulk',
    query: { limit: '50' },
    body: [{ id: 'x' }],
    accessToken: 'tok',
  });
  expect(answer).toEqual({
    status: 429,
    body: { error: 'slow down' },
    retryAfterSeconds: 3,
    bucket: { calls: 9, limit: 10, bandwidth: 2 },
  });
  expect(r.requests[0]!.url).toBe('https://sklep.example/webapi/rest/bulk?limit=50');
  expect(r.requests[0]!.init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
  expect(r.requests[0]!.init.body).toBe('[{"id":"x"}]');
});

test('an answer that is not JSON, or without the headers, reads as no body, no Retry-After, no bucket', async () => {
  const r = recorder(() => new Response('<html>oops</html>', { status: 502, headers: { 'retry-after': 'soon' } }));
  expect(
    await createShoperHttp({ fetch: r.fetch }).rest('https://sklep.example', { method: 'GET', path: 'statuses', accessToken: 't' }),
  ).toEqual({
    status: 502,
    body: undefined,
  });
  expect(r.requests[0]!.init.body).toBeUndefined();
});

test("SMSAPI's token endpoint gets the form; its JSON answer is read, and a failed fetch rejects", async () => {
  const r = recorder(() => Response.json({ access_token: 'x' }, { status: 201 }));
  expect(
    await createSmsapiOAuthHttp({ fetch: r.fetch }).token('https://oauth.example/token', { grant_type: 'refresh_token' }, 1000),
  ).toEqual({
    status: 201,
    body: { access_token: 'x' },
  });
  expect(String(r.requests[0]!.init.body)).toBe('grant_type=refresh_token');
  const down = createSmsapiOAuthHttp({ fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
  await expect(down.token('https://oauth.example/token', {}, 1000)).rejects.toThrow('fetch failed');
});
