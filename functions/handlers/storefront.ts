// POST|OPTIONS /storefront/{shop}/... — the public endpoints behind the storefront widget: back-in-stock sign-ups
// and withdrawals, basket activity, the widget's configuration. Hostile input: shop checked, shop origin only,
// small bodies, every field validated, rate limited per IP before anything else.
import { awsDeps } from '../composition';
import { dynamodb } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { AppError, notFound } from '#domain/errors';
import {
  BasketActivityRequest,
  SubscribeRequest,
  WidgetConfigRequest,
  WithdrawRequest,
} from '#domain/api-storefront';
import type { Shop } from '#domain/model';
import type { Deps } from '#services/deps';
import { recordBasketActivity } from '#services/abandoned-carts';
import { signUpForBackInStock, withdrawBackInStock } from '#services/back-in-stock';
import { enforceLimit, privateHash, RateLimited, STOREFRONT_LIMITS, type RateRule } from '#services/rate-limit';
import { corsHeaders, foreignOrigin, storefrontShop, widgetConfig } from '#services/storefront';
import { headersOf, httpHandler, json, jsonBody, toErrorResult, type HttpEvent, type HttpResult } from './http';

/** Sign-ups are a few hundred bytes; anything near this is not a widget talking. */
export const STOREFRONT_MAX_BODY = 4 * 1024;

const PATH = /^\/storefront\/([^/]+)\/(subscriptions|subscriptions\/withdraw|basket|config)\/?$/;

type Action = 'subscriptions' | 'subscriptions/withdraw' | 'basket' | 'config';

const IP_RULES: Record<Action, RateRule[]> = {
  subscriptions: [STOREFRONT_LIMITS.signUpPerIpHour, STOREFRONT_LIMITS.signUpPerIpDay],
  'subscriptions/withdraw': [STOREFRONT_LIMITS.withdrawPerIpHour],
  basket: [STOREFRONT_LIMITS.basketPerIpHour],
  config: [STOREFRONT_LIMITS.configPerIpHour],
};

const requestLocale = (event: HttpEvent): 'pl' | 'en' =>
  (headersOf(event)['accept-language'] ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'pl';

function withHeaders(result: HttpResult, headers: Record<string, string> | undefined): HttpResult {
  return headers ? { ...result, headers: { ...result.headers, ...headers } } : result;
}

/**
 * Who is asking. Behind CloudFront the connection comes from an edge server shared by every shopper near it, and
 * the shopper's own address is in the header named by VIEWER_ADDRESS_HEADER (CloudFront-Viewer-Address in AWS;
 * unset locally, where the connection is the shopper). A caller that bypasses CloudFront can forge that header,
 * so the per-shopper limits are paired with a looser per-connection limit that no header changes.
 */
export function requestAddresses(event: HttpEvent, viewerHeader: string | undefined): { connection: string; viewer: string } {
  const connection = event.requestContext.http.sourceIp;
  const raw = viewerHeader ? headersOf(event)[viewerHeader.toLowerCase()]?.trim() : undefined;
  // "192.0.2.10:46532" or "2001:db8::1:46532": the address is everything before the last colon (the port).
  const viewer = raw && /^[0-9a-fA-F.:]{3,60}:\d{1,5}$/.test(raw) ? raw.slice(0, raw.lastIndexOf(':')) : undefined;
  return { connection, viewer: viewer || connection };
}

async function run(event: HttpEvent, deps: Deps, action: Action, shop: Shop, locale: 'pl' | 'en'): Promise<HttpResult> {
  const { connection, viewer } = requestAddresses(event, deps.config.VIEWER_ADDRESS_HEADER);
  const ipHash = await privateHash(deps, 'ip', viewer);
  // Counted before the body is read: a flood of invalid requests is cut off as fast as valid ones.
  for (const rule of IP_RULES[action]) await enforceLimit(deps, shop.shop, rule, ipHash, locale);
  if (viewer !== connection) {
    await enforceLimit(deps, shop.shop, STOREFRONT_LIMITS.perConnectionHour, await privateHash(deps, 'ip', connection), locale);
  }

  switch (action) {
    case 'config': {
      jsonBody(event, WidgetConfigRequest, STOREFRONT_MAX_BODY);
      return json(200, await widgetConfig(deps, shop.shop), { 'cache-control': 'private, max-age=300' });
    }
    case 'subscriptions': {
      const input = jsonBody(event, SubscribeRequest, STOREFRONT_MAX_BODY);
      if (input.website) {
        // A bot filled the hidden field: answer as if it worked, store nothing.
        deps.logger.warn('storefront honeypot filled', { shop: shop.shop });
        return json(201, { status: 'waiting', duplicate: false, withdrawToken: '', message: '' });
      }
      const result = await signUpForBackInStock(deps, shop, input, { ipHash, locale: input.locale });
      return json(result.duplicate ? 200 : 201, result);
    }
    case 'subscriptions/withdraw': {
      const input = jsonBody(event, WithdrawRequest, STOREFRONT_MAX_BODY);
      return json(200, await withdrawBackInStock(deps, shop, input, input.locale));
    }
    case 'basket': {
      const input = jsonBody(event, BasketActivityRequest, STOREFRONT_MAX_BODY);
      return json(202, await recordBasketActivity(deps, shop, input, { ipHash, locale: input.locale }));
    }
  }
}

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const method = event.requestContext.http.method.toUpperCase();
    const match = PATH.exec(event.rawPath);
    if (!match) throw notFound('ROUTE_NOT_FOUND', `No route ${method} ${event.rawPath}`);
    const licence = decodeURIComponent(match[1]!);
    const action = match[2] as Action;
    const locale = requestLocale(event);
    const origin = headersOf(event).origin;

    let cors: Record<string, string> | undefined;
    try {
      const shop = await storefrontShop(deps, licence);
      cors = corsHeaders(shop, origin);
      if (method === 'OPTIONS') return { statusCode: 204, headers: { ...cors, 'cache-control': 'no-store' } };
      if (method !== 'POST') throw new AppError(404, 'ROUTE_NOT_FOUND', `No route ${method} ${event.rawPath}`);
      // Browsers always send Origin on these cross-site calls; a foreign one is refused outright.
      if (origin !== undefined && !cors) throw foreignOrigin(locale);
      return withHeaders(await run(event, deps, action, shop, locale), cors);
    } catch (error) {
      const result = withHeaders(toErrorResult(error, deps), cors);
      if (error instanceof RateLimited) return withHeaders(result, { 'retry-after': String(error.retryAfterSeconds) });
      return result;
    }
  });

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('storefront', { ...dynamodb, ...kms, ...sendsQueue, ...scheduler, ...ssmSecrets });
export const handler = makeHandler(getDeps);
