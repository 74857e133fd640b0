// An in-memory Shoper shop behind the ShoperHttp port (functions/services/http-ports.ts): the OAuth token endpoint
// (one auth code, rotating refresh tokens) and the REST resources an install's setup reads and writes (application
// config, statuses, shippings, currencies, webhooks through `bulk`). Every call is recorded for assertions.
import type { ShoperAnswer, ShoperHttp, ShoperRestRequest } from '#services/http-ports';

export interface FakeShoperOptions {
  authCode: string;
  shopName?: string;
  statuses?: { status_id: number; name: string; type: number; default?: boolean }[];
  /** Answer webhook creation with 403 (a shop that may not manage webhooks). */
  refuseWebhooks?: boolean;
}

const page = (list: unknown[]) => ({ count: list.length, pages: 1, page: 1, list });

export function createFakeShoper(options: FakeShoperOptions) {
  const calls: { kind: 'token' | 'rest'; method?: string; path?: string; grant?: string }[] = [];
  const webhooks: { webhook_id: number; url: string; events: string[]; secret: string }[] = [];
  let issued = 0;
  const tokens = new Set<string>();
  const grant = () => {
    issued++;
    const access = `access-${issued}`;
    tokens.add(access);
    return { status: 200, body: { access_token: access, refresh_token: `refresh-${issued}`, expires_in: 30 * 86_400 } };
  };
  const statuses = (
    options.statuses ?? [
      { status_id: 1, name: 'Złożone', type: 1, default: true },
      { status_id: 2, name: 'Wysłane', type: 3 },
    ]
  ).map((s) => ({
    status_id: s.status_id,
    active: 1,
    default: s.default ? 1 : 0,
    type: s.type,
    translations: { pl_PL: { name: s.name } },
  }));

  function rest(request: ShoperRestRequest): ShoperAnswer {
    if (!tokens.has(request.accessToken)) return { status: 401, body: { error: 'unauthorized_client' } };
    const path = request.path.replace(/^\/+/, '');
    if (request.method === 'GET' && path === 'application-config') return { status: 200, body: { shop_name: options.shopName ?? 'Sklep' } };
    if (request.method === 'GET' && path === 'statuses') return { status: 200, body: page(statuses) };
    if (request.method === 'GET' && path === 'shippings')
      return { status: 200, body: page([{ shipping_id: 1, translations: { pl_PL: { name: 'Kurier' } } }]) };
    if (request.method === 'GET' && path === 'currencies')
      return { status: 200, body: page([{ currency_id: 1, name: 'PLN', default: 1 }]) };
    if (request.method === 'GET' && path === 'webhooks') return { status: 200, body: page(webhooks.map(({ secret: _s, ...w }) => w)) };
    if (request.method === 'POST' && path === 'bulk') {
      const items = (
        request.body as { id: string; method: string; path: string; body?: { url: string; events: string[]; secret: string } }[]
      ).map((call) => {
        if (call.method === 'POST' && call.path === '/webapi/rest/webhooks') {
          if (options.refuseWebhooks) return { id: call.id, code: 403, body: { error: 'insufficient_scope' } };
          const id = webhooks.length + 100;
          webhooks.push({ webhook_id: id, url: call.body!.url, events: call.body!.events, secret: call.body!.secret });
          return { id: call.id, code: 200, body: id };
        }
        if (call.method === 'DELETE') {
          const id = Number(call.path.split('/').pop());
          const at = webhooks.findIndex((w) => w.webhook_id === id);
          if (at >= 0) webhooks.splice(at, 1);
          return { id: call.id, code: 200, body: true };
        }
        return { id: call.id, code: 404, body: null };
      });
      return { status: 200, body: { errors: items.some((i) => i.code >= 300), items } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  const http: ShoperHttp = {
    async token(_shopUrl, kind, form) {
      calls.push({ kind: 'token', grant: kind });
      if (kind === 'authorization_code')
        return form.code === options.authCode ? grant() : { status: 400, body: { error: 'invalid_grant' } };
      return form.refresh_token?.startsWith('refresh-') ? grant() : { status: 400, body: { error: 'invalid_grant' } };
    },
    async rest(_shopUrl, request) {
      calls.push({ kind: 'rest', method: request.method, path: request.path });
      return rest(request);
    },
  };
  return { http, calls, webhooks };
}
