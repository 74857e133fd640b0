// An admin API route: method, path (API Gateway style, `{param}`), and what it does. Routes with `public: true`
// need no session; every other route gets the shop from the session token only, never from the request.
import type { Deps } from '#services/deps';
import type { HttpEvent, HttpResult } from '../http';

export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  public?: boolean;
  run(input: { event: HttpEvent; deps: Deps; shop: string; params: Record<string, string> }): Promise<HttpResult>;
}
