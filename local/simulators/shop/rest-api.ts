// The shop's API door, `{shop_url}/webapi/rest/...`: the OAuth token endpoint, then for resources
// injected faults, Bearer checks against the simulated clock, the leaky bucket and its headers.
import { remember, type SimContext } from './context';
import { errorBody, json, parseJson, type SimResponse } from './http';
import { exchangeAuthCode, checkAccessToken, refresh, type OAuthFailure, type TokenGrant } from './oauth';
import { callBulk, callResource } from './resources';
import type { SimShop } from './types';

export interface RestRequest {
  method: string;
  path: string; // after `/webapi/rest/`
  search: URLSearchParams;
  authorization: string | undefined;
  body: string;
}

function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function tokenAnswer(result: TokenGrant | OAuthFailure): SimResponse {
  if ('error' in result) return json(result.status, errorBody(result.error, result.error_description));
  return json(200, result, { 'cache-control': 'no-store' });
}

function handleToken(ctx: SimContext, shop: SimShop, request: RestRequest): SimResponse {
  if (request.method !== 'POST') return json(405, errorBody('invalid_request', 'use POST'));
  const form = new URLSearchParams(request.body);
  const grantType = request.search.get('grant_type') ?? form.get('grant_type');
  const basic = basicCredentials(request.authorization);
  const clientId = basic?.id ?? form.get('client_id');
  const clientSecret = basic?.secret ?? form.get('client_secret');
  if (clientId !== ctx.config.clientId || clientSecret !== ctx.config.clientSecret) {
    return json(401, errorBody('unauthorized_client', 'Client credentials are invalid'));
  }
  const now = ctx.now();
  if (grantType === 'authorization_code') {
    const answer = tokenAnswer(exchangeAuthCode(shop, form.get('code') ?? '', now));
    ctx.save();
    return answer;
  }
  if (grantType === 'refresh_token') {
    const answer = tokenAnswer(refresh(shop, form.get('refresh_token') ?? '', now));
    ctx.save();
    return answer;
  }
  return json(400, errorBody('invalid_request', 'grant_type must be authorization_code or refresh_token'));
}

function rateHeaders(verdict: { calls: number; limit: number; bandwidth: number } | undefined): Record<string, string> {
  if (!verdict) return {};
  return {
    'X-Shop-Api-Calls': String(verdict.calls),
    'X-Shop-Api-Limit': String(verdict.limit),
    'X-Shop-Api-Bandwidth': String(verdict.bandwidth),
  };
}

function handleResource(ctx: SimContext, shop: SimShop, request: RestRequest): SimResponse {
  if (ctx.faults && ctx.faults.remaining > 0) {
    const status = ctx.faults.status;
    ctx.faults.remaining -= 1;
    if (ctx.faults.remaining === 0) ctx.faults = null;
    const headers = { ...rateHeaders(ctx.buckets.peek(shop.slug)), ...(status === 429 ? { 'Retry-After': '1' } : {}) };
    const error = status === 429 ? 'too_many_requests' : status === 503 ? 'temporarily_unavailable' : 'server_error';
    return json(status, errorBody(error, `Injected fault (${status})`), headers);
  }
  const token = request.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const access = checkAccessToken(shop, token, ctx.now());
  if (!access.ok) return json(401, errorBody('unauthorized_client', access.description), rateHeaders(ctx.buckets.peek(shop.slug)));
  const verdict = ctx.buckets.take(shop.slug);
  if (verdict && !verdict.allowed) {
    return json(429, errorBody('too_many_requests', 'API call limit exceeded, retry later'), {
      ...rateHeaders(verdict),
      'Retry-After': String(verdict.retryAfterSeconds),
    });
  }
  const parsed = parseJson(request.body);
  if (!parsed.ok) return json(400, errorBody('invalid_request', 'body must be JSON'), rateHeaders(verdict));
  const answer =
    request.path.replace(/\/+$/, '') === 'bulk' && request.method === 'POST'
      ? callBulk(ctx, shop, parsed.value)
      : callResource(ctx, shop, request.method, request.path, request.search, parsed.value);
  return json(answer.status, answer.body, rateHeaders(verdict));
}

export function handleRest(ctx: SimContext, shop: SimShop, request: RestRequest): SimResponse {
  const isToken = request.path.replace(/\/+$/, '') === 'oauth/token';
  const response = isToken ? handleToken(ctx, shop, request) : handleResource(ctx, shop, request);
  const query = request.search.toString();
  remember(ctx.apiCalls, {
    slug: shop.slug,
    method: request.method,
    path: `/webapi/rest/${request.path}${query ? `?${query}` : ''}`,
    status: response.status,
    at: ctx.now().toISOString(),
  });
  return response;
}
