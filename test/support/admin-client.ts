// The one test client of the admin API: signs in the way the Shoper admin's iframe does (POST /api/session with the
// iframe's signed parameters) and calls the admin routes with the session token. Used by the tests, the demo seed,
// the bench and the screenshot script.
import type { LocalRuntime } from '../../local/runtime';

export type AdminApi = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The signed parameters the Shoper admin puts on the app's iframe URL for a shop (fresh: the clock may have moved). */
export const iframeParams = (rt: LocalRuntime, slug: string): Record<string, string> =>
  Object.fromEntries(new URL(rt.shop.iframeUrl(slug)).searchParams);

/** The sign-in request the iframe sends for a shop; `mutate` changes the parameters first (tampering tests). */
export function sessionRequest(
  rt: LocalRuntime,
  slug: string,
  mutate?: (params: Record<string, string>) => void,
): [url: string, init: RequestInit] {
  const params = iframeParams(rt, slug);
  mutate?.(params);
  return [`${rt.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }];
}

/** A session token for a shop; throws when sign-in is refused. */
export async function signIn(rt: LocalRuntime, slug: string): Promise<string> {
  const session = await fetch(...sessionRequest(rt, slug));
  if (session.status !== 200) throw new Error(`SIGN_IN_FAILED ${session.status} ${await session.text()}`);
  return ((await session.json()) as { token: string }).token;
}

/** An admin API client that calls with one session token (a test that keeps its session across calls). */
export function adminApiAs(rt: LocalRuntime, token: string): AdminApi {
  return async (method, path, body) => {
    const res = await fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** An admin API client for a shop, signed in with fresh iframe parameters on every call. */
export function adminApi(rt: LocalRuntime, slug: string): AdminApi {
  return async (method, path, body) => adminApiAs(rt, await signIn(rt, slug))(method, path, body);
}
