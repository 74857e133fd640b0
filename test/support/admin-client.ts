// The one test client of the admin API: signs in the way the Shoper admin's iframe does (POST /api/session with the
// iframe's signed parameters) and calls the admin routes with the session token. Used by the tests, the demo seed,
// the bench and the screenshot script.
import type { LocalRuntime } from '../../local/runtime';

export type AdminApi = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The sign-in request the iframe sends for a shop (fresh signed parameters: the clock may have moved). */
export function sessionRequest(rt: LocalRuntime, slug: string): [url: string, init: RequestInit] {
  const iframe = new URL(rt.shop.iframeUrl(slug));
  return [
    `${rt.url}/api/session`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(iframe.searchParams)) },
  ];
}

/** A session token for a shop; throws when sign-in is refused. */
export async function signIn(rt: LocalRuntime, slug: string): Promise<string> {
  const session = await fetch(...sessionRequest(rt, slug));
  if (session.status !== 200) throw new Error(`SIGN_IN_FAILED ${session.status} ${await session.text()}`);
  return ((await session.json()) as { token: string }).token;
}

/** An admin API client for a shop, signed in with fresh iframe parameters on every call. */
export function adminApi(rt: LocalRuntime, slug: string): AdminApi {
  return async (method, path, body) => {
    const token = await signIn(rt, slug);
    const res = await fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}
