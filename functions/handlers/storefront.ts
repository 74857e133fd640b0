// POST|OPTIONS /storefront/{shop}/... — the public endpoints behind the storefront widget: back-in-stock sign-ups
// and withdrawals, basket activity, the widget's configuration. Hostile input: shop checked, shop origin only,
// small bodies, every field validated, rate limited per IP before anything else.
import { createHash, timingSafeEqual } from 'node:crypto';
import { awsDeps } from '../composition';
import { shoperHttp } from '../aws/http';
import { baskets, counters, dynamodb, jobs, shortLinksItemByItem, signUps } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { AppError, badRequest, notFound } from '#domain/errors';
import type { AnswerOf, RouteContract } from '#contracts/route';
import { STOREFRONT, type StorefrontAction, type StorefrontContracts } from '#contracts/storefront';
import type { Shop } from '#domain/model';
import { ORIGIN_SECRET_HEADER } from '#domain/client-address';
import type { Deps } from '#services/deps';
import { recordBasketActivity } from '#services/abandoned-carts';
import { signUpForBackInStock, withdrawBackInStock } from '#services/back-in-stock';
import { enforceLimit, privateHash, RateLimited, STOREFRONT_LIMITS, type RateRule } from '#services/rate-limit';
import { corsHeaders, foreignOrigin, storefrontShop, widgetConfig } from '#services/storefront';
import { headersOf, httpHandler, json, jsonBody, toErrorResult, type HttpEvent, type HttpResult } from './http';

/** Sign-ups are a few hundred bytes; anything near this is not a widget talking. */
export const STOREFRONT_MAX_BODY = 4 * 1024;

type Action = StorefrontAction;

/** The storefront contracts' paths (`/storefront/{shop}/basket`), a trailing slash allowed; `{shop}` captured. */
const PATHS = (Object.keys(STOREFRONT) as Action[]).map((action) => ({
  action,
  pattern: new RegExp(`^${STOREFRONT[action].path.replace('{shop}', '([^/]+)')}/?$`),
}));

function matchPath(path: string): { licence: string; action: Action } | undefined {
  for (const { action, pattern } of PATHS) {
    const match = pattern.exec(path);
    if (match) return { licence: match[1]!, action };
  }
  return undefined;
}

const IP_RULES: Record<Action, RateRule[]> = {
  subscriptions: [STOREFRONT_LIMITS.signUpPerIpHour, STOREFRONT_LIMITS.signUpPerIpDay, STOREFRONT_LIMITS.signUpPerIpDayAllShops],
  'subscriptions/withdraw': [STOREFRONT_LIMITS.withdrawPerIpHour, STOREFRONT_LIMITS.withdrawPerIpHourAllShops],
  basket: [STOREFRONT_LIMITS.basketPerIpHour, STOREFRONT_LIMITS.basketPerIpHourAllShops],
  config: [STOREFRONT_LIMITS.configPerIpHour, STOREFRONT_LIMITS.configPerIpHourAllShops],
};

const requestLocale = (event: HttpEvent): 'pl' | 'en' =>
  (headersOf(event)['accept-language'] ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'pl';

function withHeaders(result: HttpResult, headers: Record<string, string> | undefined): HttpResult {
  return headers ? { ...result, headers: { ...result.headers, ...headers } } : result;
}

export { ORIGIN_SECRET_HEADER };

const sameSecret = (given: string | undefined, expected: string) => {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
};

/**
 * Who is asking. Behind CloudFront the connection comes from an edge server shared by every shopper near it, and
 * the shopper's own address is in the header named by VIEWER_ADDRESS_HEADER (CloudFront-Viewer-Address in AWS;
 * unset locally, where the connection is the shopper). A caller that bypasses CloudFront could forge that header:
 * with the origin secret set (VIEWER_ADDRESS_SECRET locally, CloudFront's generated secret in AWS), the header is believed only next to the secret CloudFront adds (a request sent
 * straight to the API is then counted by its real connection address), and in any case the per-shopper limits are
 * paired with a looser per-connection limit that no header changes.
 */
export function requestAddresses(
  event: HttpEvent,
  viewerHeader: string | undefined,
  originSecret?: string,
): { connection: string; viewer: string } {
  const connection = event.requestContext.http.sourceIp;
  const headers = headersOf(event);
  const fromCdn = originSecret === undefined || sameSecret(headers[ORIGIN_SECRET_HEADER], originSecret);
  const raw = viewerHeader && fromCdn ? headers[viewerHeader.toLowerCase()]?.trim() : undefined;
  // "192.0.2.10:46532" or "2001:db8::1:46532": the address is everything before the last colon (the port).
  const viewer = raw && /^[0-9a-fA-F.:]{3,60}:\d{1,5}$/.test(raw) ? raw.slice(0, raw.lastIndexOf(':')) : undefined;
  return { connection, viewer: viewer || connection };
}

/** A JSON answer typed by the route's response schema. */
const answer = <A extends Action>(action: A, body: AnswerOf<StorefrontContracts[A]>, headers?: Record<string, string>) =>
  json((STOREFRONT[action] as RouteContract).status ?? 200, body, headers);

async function run(event: HttpEvent, deps: Deps, action: Action, shop: Shop, locale: 'pl' | 'en'): Promise<HttpResult> {
  const { connection, viewer } = requestAddresses(event, deps.config.VIEWER_ADDRESS_HEADER, (await deps.secrets()).viewerAddressSecret);
  const ipHash = await privateHash(deps, 'ip', viewer);
  // Counted before the body is read: a flood of invalid requests is cut off as fast as valid ones.
  for (const rule of IP_RULES[action]) await enforceLimit(deps, shop.shop, rule, ipHash, locale);
  if (viewer !== connection) {
    await enforceLimit(deps, shop.shop, STOREFRONT_LIMITS.perConnectionHour, await privateHash(deps, 'ip', connection), locale);
  }

  switch (action) {
    case 'config': {
      jsonBody(event, STOREFRONT.config.body, STOREFRONT_MAX_BODY);
      return answer(action, await widgetConfig(deps, shop.shop), { 'cache-control': 'private, max-age=300' });
    }
    case 'subscriptions': {
      const input = jsonBody(event, STOREFRONT.subscriptions.body, STOREFRONT_MAX_BODY);
      if (input.website) {
        // A bot filled the hidden field: answer as if it worked, store nothing.
        deps.logger.warn('storefront honeypot filled', { shop: shop.shop });
        return answer(action, { status: 'waiting', duplicate: false, withdrawToken: '', message: '' });
      }
      return answer(action, await signUpForBackInStock(deps, shop, input, { ipHash, locale: input.locale }));
    }
    case 'subscriptions/withdraw': {
      const input = jsonBody(event, STOREFRONT[action].body, STOREFRONT_MAX_BODY);
      return answer(action, await withdrawBackInStock(deps, shop, input, input.locale));
    }
    case 'basket': {
      const input = jsonBody(event, STOREFRONT.basket.body, STOREFRONT_MAX_BODY);
      return answer(action, await recordBasketActivity(deps, shop, input, { ipHash, locale: input.locale }));
    }
  }
}

/** A percent-encoded path segment; a malformed escape (`%E0%A4%A`) is the caller's mistake, not ours: 400. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest('PATH_INVALID', 'Adres zawiera błędnie zakodowany znak (%) / The path holds a malformed percent escape', 'shop');
  }
}

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  httpHandler(getDeps, async (event, deps) => {
    const method = event.requestContext.http.method.toUpperCase();
    const match = matchPath(event.rawPath);
    if (!match) throw notFound('ROUTE_NOT_FOUND', `No route ${method} ${event.rawPath}`);
    const licence = decodePathSegment(match.licence);
    const { action } = match;
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
export const getDeps = awsDeps('storefront', {
  ...shoperHttp,
  ...dynamodb,
  ...jobs,
  ...shortLinksItemByItem,
  ...signUps,
  ...baskets,
  ...counters,
  ...kms,
  ...sendsQueue,
  ...scheduler,
  ...ssmSecrets,
});
export const handler = makeHandler(getDeps);
