// An admin API route: its contract (#contracts/admin: method, path, params, query, body, answer) and what it does.
// The router parses the path parameters, the query and the body with the contract's schemas before `run`, and
// answers `run`'s value as JSON with the contract's status: a handler's answer is typed by the response schema.
// Routes with `public: true` need no session; every other route gets the shop from the session token only.
import type { AnswerOf, BodyOf, ParamsOf, QueryOf, RouteContract } from '#contracts/route';
import type { Deps } from '#services/deps';
import type { HttpEvent, HttpResult } from '../http';

export interface RouteInput<C extends RouteContract> {
  event: HttpEvent;
  deps: Deps;
  shop: string;
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
}

/** A redirect route answers the raw HTTP result; every other one the JSON its response schema describes. */
type Answer<C extends RouteContract> = C['redirect'] extends true ? HttpResult : AnswerOf<C>;

export interface AdminRoute {
  method: RouteContract['method'];
  path: string;
  public?: boolean;
  contract: RouteContract;
  run(input: RouteInput<RouteContract>): Promise<unknown>;
}

/** The route of `contract`, doing `run`. */
export const handle = <C extends RouteContract>(contract: C, run: (input: RouteInput<C>) => Promise<Answer<C>>): AdminRoute => ({
  method: contract.method,
  path: contract.path,
  ...(contract.public ? { public: true } : {}),
  contract,
  run: run as unknown as AdminRoute['run'],
});
