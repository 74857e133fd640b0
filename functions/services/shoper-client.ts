// The shop's REST API (`{shop_url}/webapi/rest/...`): Bearer tokens refreshed ahead of expiry and on a 401,
// pagination, filters, the bulk endpoint, and Shoper's leaky-bucket limit (on 429, wait `Retry-After` and
// retry). Tokens are kept sealed and never logged; in clear they go only to the ShoperHttp port
// (http-ports.ts; adapter functions/adapters/shoper-http.ts).
import * as z from 'zod/mini';
import '#domain/zod-mini';
import type { Shop, ShoperTokens } from '#domain/model';
import type { Deps } from './deps';
import type { ShoperAnswer, ShoperBucket } from './http-ports';

export class ShoperApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status?: number,
    /** Set on a 429 whose Retry-After is longer than this client waits: when to try again. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ShoperApiError';
  }
}

export const TokenGrant = /* @__PURE__ */ (() =>
  z.object({
    access_token: z.string().check(z.minLength(1)),
    refresh_token: z.string().check(z.minLength(1)),
    expires_in: z.coerce.number().check(z.int(), z.positive()),
  }))();

/** Refresh when less than this is left (the official sample app refreshes under a day). */
const REFRESH_AHEAD_MS = 24 * 3600 * 1000;
/** Reads of the stored tokens after a refused refresh, waiting for the instance that won to store its own. */
const REFRESH_LOOKS = 6;
const MAX_RATE_LIMIT_WAITS = 6;
const MAX_WAIT_MS = 10_000;
export const MAX_PAGE_SIZE = 50;

const isOk = (status: number) => status >= 200 && status < 300;

export async function exchangeAuthCode(deps: Deps, shop: string, shopUrl: string, code: string): Promise<ShoperTokens> {
  const secrets = await deps.secrets();
  const res = await deps.shoperHttp.token(
    shopUrl,
    'authorization_code',
    { code },
    { user: secrets.shoperClientId, password: secrets.shoperClientSecret },
  );
  return sealGrant(deps, shop, res);
}

async function sealGrant(deps: Deps, shop: string, res: ShoperAnswer): Promise<ShoperTokens> {
  const body = res.body;
  const grant = TokenGrant.safeParse(body);
  if (!isOk(res.status) || !grant.success) {
    const error = (body as { error?: string } | undefined)?.error ?? `HTTP ${res.status}`;
    throw new ShoperApiError('SHOPER_OAUTH_FAILED', `token endpoint refused: ${error}`, res.status);
  }
  return {
    accessToken: await deps.cipher.encrypt(grant.data.access_token, shop),
    refreshToken: await deps.cipher.encrypt(grant.data.refresh_token, shop),
    expiresAt: new Date(deps.clock.now().getTime() + grant.data.expires_in * 1000).toISOString(),
  };
}

export interface ListOptions {
  filters?: Record<string, unknown>;
  limit?: number;
  page?: number;
  order?: string;
}

export interface ListPage<T> {
  count: number;
  pages: number;
  page: number;
  list: T[];
}

export interface BulkRequest {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  params?: Record<string, unknown>;
}

export function createShoperClient(deps: Deps, initial: Shop, options: { maxRateLimitWaits?: number } = {}) {
  const maxWaits = options.maxRateLimitWaits ?? MAX_RATE_LIMIT_WAITS;
  let shop = initial;
  // The leaky bucket as the shop last reported it (X-Shop-Api-Calls / -Limit / -Bandwidth): a client making many
  // calls in a row (install setup) slows down before the bucket is full instead of running into 429s.
  let bucket: ShoperBucket | undefined;
  const pace = async () => {
    if (!bucket || bucket.calls < bucket.limit - 1) return;
    const waitMs = Math.min(MAX_WAIT_MS, ((bucket.calls - bucket.limit + 2) / Math.max(bucket.bandwidth, 0.1)) * 1000);
    bucket = undefined;
    await new Promise((r) => setTimeout(r, waitMs));
  };
  const observe = (res: ShoperAnswer) => {
    if (res.bucket) bucket = res.bucket;
  };

  // Shoper rotates the refresh token on every use, so parallel requests of one client share one refresh, and a
  // refresh refused because another instance used the token first takes the tokens that instance stored.
  let refreshing: Promise<void> | undefined;
  const refreshTokens = (): Promise<void> => (refreshing ??= refreshOnce().finally(() => (refreshing = undefined)));

  async function refreshOnce(): Promise<void> {
    if (!shop.tokens) throw new ShoperApiError('SHOPER_NOT_AUTHORIZED', 'the shop has no tokens');
    const used = shop.tokens.refreshToken;
    try {
      await refreshWith(used);
    } catch (error) {
      // The instance whose refresh won may not have stored its tokens yet (Shoper answered it a moment before it
      // refused us): look a few times, over about two seconds, before giving up.
      for (let look = 0; look < REFRESH_LOOKS; look++) {
        if (look > 0) await new Promise((r) => setTimeout(r, 150 * look));
        const stored = (await deps.store.getShop(shop.shop))?.tokens;
        if (stored && stored.refreshToken !== used) {
          shop = { ...shop, tokens: stored };
          return;
        }
      }
      throw error;
    }
  }

  async function refreshWith(sealedRefreshToken: string): Promise<void> {
    const secrets = await deps.secrets();
    const refreshToken = await deps.cipher.decrypt(sealedRefreshToken, shop.shop);
    const res = await deps.shoperHttp.token(shop.shopUrl, 'refresh_token', {
      client_id: secrets.shoperClientId,
      client_secret: secrets.shoperClientSecret,
      refresh_token: refreshToken,
    });
    const tokens = await sealGrant(deps, shop.shop, res);
    shop = { ...shop, tokens };
    await deps.store.updateShopTokens(shop.shop, tokens);
    deps.logger.info('shoper tokens refreshed', { shop: shop.shop, expiresAt: tokens.expiresAt });
  }

  async function accessToken(): Promise<string> {
    if (!shop.tokens) throw new ShoperApiError('SHOPER_NOT_AUTHORIZED', 'the shop has no tokens');
    if (new Date(shop.tokens.expiresAt).getTime() - deps.clock.now().getTime() < REFRESH_AHEAD_MS) await refreshTokens();
    return deps.cipher.decrypt(shop.tokens!.accessToken, shop.shop);
  }

  async function request<T>(method: string, path: string, options: { query?: Record<string, string>; body?: unknown } = {}): Promise<T> {
    let refreshed = false;
    for (let waits = 0; ; ) {
      const token = await accessToken();
      await pace();
      const res = await deps.shoperHttp.rest(shop.shopUrl, { method, path, query: options.query, body: options.body, accessToken: token });
      observe(res);
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        await refreshTokens();
        continue;
      }
      if ((res.status === 429 || res.status === 503) && waits < maxWaits) {
        waits++;
        const retryAfter = res.retryAfterSeconds;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : 500 * 2 ** waits;
        if (retryAfter !== undefined && retryAfter * 1000 > MAX_WAIT_MS) {
          // Longer than a request should sit waiting: the caller decides (a queued task comes back after it).
          throw new ShoperApiError(
            'SHOPER_RATE_LIMITED',
            `${method} ${path}: HTTP ${res.status}, retry after ${Math.ceil(wait / 1000)} s`,
            res.status,
            Math.ceil(wait / 1000),
          );
        }
        await new Promise((r) => setTimeout(r, Math.min(wait, MAX_WAIT_MS)));
        continue;
      }
      const body = res.body;
      if (!isOk(res.status)) {
        const detail = (body as { error_description?: string; error?: string } | undefined) ?? {};
        throw new ShoperApiError(
          res.status === 404
            ? 'SHOPER_NOT_FOUND'
            : res.status >= 500 || res.status === 429
              ? 'SHOPER_UNAVAILABLE'
              : 'SHOPER_REQUEST_FAILED',
          `${method} ${path}: HTTP ${res.status} ${detail.error_description ?? detail.error ?? ''}`.trim(),
          res.status,
          res.status === 429 ? res.retryAfterSeconds : undefined,
        );
      }
      return body as T;
    }
  }

  const listQuery = (options: ListOptions = {}) => {
    const query: Record<string, string> = { limit: String(Math.min(options.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)) };
    if (options.page) query.page = String(options.page);
    if (options.order) query.order = options.order;
    if (options.filters) query.filters = JSON.stringify(options.filters);
    return query;
  };

  return {
    get: <T>(resource: string, id?: string | number) => request<T>('GET', id === undefined ? resource : `${resource}/${id}`),
    list: <T>(resource: string, options?: ListOptions) => request<ListPage<T>>('GET', resource, { query: listQuery(options) }),
    async listAll<T>(resource: string, options: Omit<ListOptions, 'page'> = {}, maxPages = 20): Promise<T[]> {
      const all: T[] = [];
      for (let page = 1; page <= maxPages; page++) {
        const res = await request<ListPage<T>>('GET', resource, { query: listQuery({ ...options, page }) });
        all.push(...(res.list ?? []));
        if (page >= Number(res.pages ?? 1)) break;
      }
      return all;
    },
    post: <T>(resource: string, body: unknown) => request<T>('POST', resource, { body }),
    put: <T>(resource: string, id: string | number, body: unknown) => request<T>('PUT', `${resource}/${id}`, { body }),
    delete: (resource: string, id: string | number) => request<unknown>('DELETE', `${resource}/${id}`),
    /** Up to 25 calls in one request. */
    bulk: <T>(calls: BulkRequest[]) => {
      if (calls.length > 25) throw new ShoperApiError('SHOPER_BULK_TOO_LARGE', 'at most 25 calls per bulk request');
      return request<T>('POST', 'bulk', { body: calls });
    },
  };
}

export type ShoperClient = ReturnType<typeof createShoperClient>;
