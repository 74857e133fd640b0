// What a route contract is: method, path (API Gateway style, `{param}`), its parameters, query, body and answer
// schemas, the success status and the error codes it may answer with. The router, the OpenAPI generator, the SPA's
// client and the widget read these objects; nothing else names a path.
import type * as z from 'zod/mini';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Any zod schema (zod/mini here; the core type lets a caller hold either flavour). */
export type Schema = z.core.$ZodType;

export interface RouteContract {
  method: Method;
  path: string;
  /** One line for the OpenAPI document. */
  summary: string;
  tag: string;
  /** No session needed (the shop is never taken from the request on the others). */
  public?: boolean;
  /** The path parameters: each refusal answers 400 FIELD_INVALID with the schema's own message. */
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** The JSON answer on success; absent for a redirect. */
  response?: Schema;
  /** The success status (200 unless said). */
  status?: number;
  /** Answers with a redirect (302) rather than JSON. */
  redirect?: boolean;
  /** The `error.code` values this route may answer with besides the ones every route shares. */
  errors: readonly string[];
}

/** Keeps the literal types of a contract (its path, its schemas) while checking its shape. */
export const route = <const C extends RouteContract>(contract: C): C => contract;

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
export type PathParams<C extends { path: string }> = { [K in ParamNames<C['path']>]: string };

/** The concrete path of a contract: each `{name}` replaced by its value, percent-encoded. */
export function pathOf<C extends { path: string }>(contract: C, params: PathParams<C>): string {
  return contract.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`ROUTE_PARAM_MISSING: ${name} for ${contract.path}`);
    return encodeURIComponent(value);
  });
}

/** Error codes every admin route may answer with: bad JSON or content type, too large, no or expired session. */
export const COMMON_ERRORS = [
  'BODY_INVALID_JSON',
  'CONTENT_TYPE_UNSUPPORTED',
  'BODY_TOO_LARGE',
  'FIELD_INVALID',
  'INTERNAL_ERROR',
] as const;
export const SESSION_ERRORS = ['SESSION_MISSING', 'SESSION_INVALID', 'SESSION_EXPIRED', 'SESSION_SHOP_UNKNOWN'] as const;

export type BodyOf<C extends RouteContract> = C['body'] extends Schema ? z.output<C['body']> : undefined;
export type QueryOf<C extends RouteContract> = C['query'] extends Schema ? z.output<C['query']> : undefined;
export type ParamsOf<C extends RouteContract> = C['params'] extends Schema ? z.output<C['params']> : PathParams<C>;
/**
 * What a handler may answer: the response schema's input (the SPA parses it with the same schema), read-only and
 * without the `[key: string]: unknown` of loose objects, so a service's own interface (no index signature) fits.
 */
export type AnswerOf<C extends RouteContract> = C['response'] extends Schema ? Known<z.input<C['response']>> : unknown;
type Known<T> = T extends readonly (infer E)[]
  ? readonly Known<E>[]
  : T extends object
    ? { readonly [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<T[K]> }
    : T;
/** What the SPA gets back: the response schema's output. */
export type ResultOf<C extends RouteContract> = C['response'] extends Schema ? z.output<C['response']> : unknown;
