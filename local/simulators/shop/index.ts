// A Shoper look-alike for local runs and tests: many shops on one node:http server, each with the
// App Store lifecycle, OAuth, the REST API, signed webhooks and an admin page embedding the app.
// It is an independent party: nothing here imports the app's code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  changeStatus,
  dispatchParcel,
  placeOrder,
  registerClient,
  restockProduct,
  sendLifecycle,
  SimActionError,
  updateProductStock,
} from './actions';
import { adminIframeUrl } from './admin-iframe';
import { shopAdminPage, shopListPage } from './admin-page';
import { shopUrl, type SimContext } from './context';
import { errorBody, json, parseJson, readBody, send, type SimResponse } from './http';
import { LeakyBuckets } from './rate-limit';
import { handleRest } from './rest-api';
import { storefrontPage } from './storefront-pages';
import { newShop } from './seed';
import { handleSimEndpoint } from './sim-endpoints';
import { licenceForSlug } from './signing';
import { loadShops, saveShops } from './state-file';
import type {
  ApiCall,
  AppstoreSettings,
  LifecycleAction,
  PlaceOrderInput,
  RateLimit,
  RegisterClientInput,
  SimShop,
  WebhookDelivery,
} from './types';
import { redeliver, WEBHOOK_EVENTS } from './webhook-sender';

export type * from './types';
export { adminIframeUrl } from './admin-iframe';
export { appstoreHash, iframeHash, licenceForSlug, panelWebhookSecret, webhookSha1 } from './signing';
export { PANEL_WEBHOOK_ID } from './webhook-sender';
export { SimActionError } from './actions';

export interface ShopSimulatorOptions {
  port?: number;
  host?: string;
  /** The app's public base; App Store events go to `${appUrl}/shoper/appstore`. */
  appUrl: string;
  /** Base of the admin iframe's src; default `${appUrl}/app/`. */
  adminAppUrl?: string;
  appstoreSecret: string;
  clientId: string;
  clientSecret: string;
  applicationCode?: string;
  now?: () => Date;
  rateLimit?: RateLimit | false;
  stateFile?: string;
  /** The app's webhook key as the publisher enters it in the App Store panel: signs panel-configured webhooks. */
  webhookSecretKey?: string;
  /** Defaults: `Y-m-d H:i:s` timestamps, translations `pl_PL`, no panel webhooks. */
  appstore?: Partial<AppstoreSettings>;
}

export interface ShopSimulator {
  url: string;
  createShop(input?: { slug?: string; name?: string; licence?: string }): SimShop;
  shop(slug: string): SimShop;
  install(slug: string): Promise<{ status: number }>;
  uninstall(slug: string): Promise<{ status: number }>;
  sendLifecycle(slug: string, action: LifecycleAction, extra?: Record<string, string>): Promise<{ status: number; body: string }>;
  placeOrder(slug: string, input?: Partial<PlaceOrderInput>): Promise<{ orderId: number; deliveries: number[] }>;
  changeStatus(slug: string, orderId: number, statusId: number): Promise<{ deliveries: number[] }>;
  dispatchParcel(slug: string, orderId: number): Promise<{ deliveries: number[] }>;
  registerClient(slug: string, input?: Partial<RegisterClientInput>): Promise<{ userId: number; deliveries: number[] }>;
  restockProduct(slug: string, productId: number, stock?: number): Promise<{ deliveries: number[] }>;
  /** Any stock (0 included) and active flag, sent as product.edit: a product selling out. */
  updateProductStock(slug: string, productId: number, change: { stock?: number; active?: boolean }): Promise<{ deliveries: number[] }>;
  webhookDeliveries(slug?: string): WebhookDelivery[];
  redeliverLast(slug: string): Promise<number>;
  setRateLimit(limit: RateLimit | false): void;
  injectRestFaults(f: { status: 429 | 500 | 503; count: number }): void;
  apiCalls(slug?: string): ApiCall[];
  /** The signed admin iframe URL a person would get when opening the app in this shop's panel. */
  iframeUrl(slug: string): string;
  /** The simulated App Store: timestamp format, the iframe's translations, panel-configured webhook events. */
  configureAppstore(settings: Partial<AppstoreSettings>): AppstoreSettings;
  /** A shop whose token may not manage webhooks: REST `webhooks` answers 403 insufficient_scope. */
  refuseWebhooks(slug: string, refuse: boolean): void;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 10, leakPerSecond: 2 };
export const DEFAULT_APPSTORE: AppstoreSettings = { timestampFormat: 'date', translations: 'pl_PL', panelWebhookEvents: [] };

/** Checks and applies App Store settings (from a test, a script or `POST /__sim/appstore`). */
export function applyAppstoreSettings(current: AppstoreSettings, input: Record<string, unknown>): AppstoreSettings | { error: string } {
  const next = { ...current };
  if (input.timestampFormat !== undefined) {
    if (input.timestampFormat !== 'date' && input.timestampFormat !== 'unix') return { error: 'timestampFormat: date or unix' };
    next.timestampFormat = input.timestampFormat;
  }
  if (input.translations !== undefined) {
    if (typeof input.translations !== 'string' || !/^[a-z]{2}_[A-Z]{2}$/.test(input.translations))
      return { error: 'translations: like pl_PL or en_US' };
    next.translations = input.translations;
  }
  if (input.panelWebhookEvents !== undefined) {
    const events = input.panelWebhookEvents;
    if (!Array.isArray(events) || !events.every((e) => (WEBHOOK_EVENTS as readonly string[]).includes(String(e)))) {
      return { error: `panelWebhookEvents: a list of ${WEBHOOK_EVENTS.join(', ')}` };
    }
    next.panelWebhookEvents = events.map(String);
  }
  return next;
}
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

async function route(ctx: SimContext, createShop: ShopSimulator['createShop'], req: IncomingMessage): Promise<SimResponse> {
  const url = new URL(req.url ?? '/', ctx.baseUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  if (method === 'GET' && path === '/') return { status: 200, body: shopListPage(ctx) };
  if (path === '/favicon.ico') return { status: 204, body: '' };
  if (method === 'POST' && path === '/__sim/appstore') {
    const parsed = parseJson(await readBody(req));
    const input = (parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value : {}) as Record<string, unknown>;
    const next = applyAppstoreSettings(ctx.appstore, input);
    if ('error' in next) return json(400, errorBody('SIM_BAD_OPTION', next.error));
    ctx.appstore = next;
    return json(200, ctx.appstore);
  }
  if (method === 'GET' && path === '/__sim/appstore') return json(200, ctx.appstore);
  if (method === 'POST' && path === '/__sim/shops') {
    const parsed = parseJson(await readBody(req));
    const input = (parsed.ok ? parsed.value : {}) as { slug?: unknown; name?: unknown };
    const slug = typeof input.slug === 'string' ? input.slug : 'demo';
    if (!SLUG_PATTERN.test(slug)) return json(400, errorBody('SIM_BAD_SLUG', 'slug: lowercase letters, digits and dashes'));
    const shop = createShop({ slug, name: typeof input.name === 'string' ? input.name : undefined });
    return json(200, { slug: shop.slug, licence: shop.licence, url: shop.url });
  }
  const match = path.match(/^\/s\/([^/]+)(\/.*)?$/);
  const shop = match ? ctx.shops.get(decodeURIComponent(match[1] ?? '')) : undefined;
  if (!match || !shop) return json(404, errorBody('SIM_SHOP_NOT_FOUND', `no simulated shop at ${path}`));
  const rest = match[2] ?? '/';
  if (rest.startsWith('/webapi/rest/')) {
    return handleRest(ctx, shop, {
      method,
      path: rest.slice('/webapi/rest/'.length),
      search: url.searchParams,
      authorization: req.headers.authorization,
      body: await readBody(req),
    });
  }
  if (rest.startsWith('/__sim/')) return handleSimEndpoint(ctx, shop, method, rest.slice('/__sim/'.length), await readBody(req));
  if (method === 'GET' && (rest === '/admin' || rest === '/admin/')) return { status: 200, body: shopAdminPage(ctx, shop) };
  // The storefront (home, products, basket, order pages): where the short links in SMS lead.
  const storefront = await storefrontPage(ctx, shop, method, rest, req);
  if (storefront) return storefront;
  return json(404, errorBody('SIM_NOT_FOUND', `nothing at ${path}`));
}

export async function startShopSimulator(options: ShopSimulatorOptions): Promise<ShopSimulator> {
  const appUrl = options.appUrl.replace(/\/+$/, '');
  const stateFile = options.stateFile;
  const ctx: SimContext = {
    config: {
      appUrl,
      adminAppUrl: options.adminAppUrl ?? `${appUrl}/app/`,
      appstoreSecret: options.appstoreSecret,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      applicationCode: options.applicationCode ?? 'sms-notifications',
      webhookSecretKey: options.webhookSecretKey,
    },
    baseUrl: '',
    now: options.now ?? (() => new Date()),
    shops: new Map(),
    deliveries: [],
    apiCalls: [],
    buckets: new LeakyBuckets(options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit),
    faults: null,
    appstore: { ...DEFAULT_APPSTORE, ...options.appstore },
    save: () => {
      if (stateFile) saveShops(stateFile, ctx.shops.values());
    },
  };

  const findShop = (slug: string): SimShop => {
    const shop = ctx.shops.get(slug);
    if (!shop) throw new SimActionError('SIM_SHOP_NOT_FOUND', `no simulated shop "${slug}"; call createShop first`);
    return shop;
  };

  const createShop: ShopSimulator['createShop'] = (input = {}) => {
    const slug = input.slug ?? 'demo';
    if (!SLUG_PATTERN.test(slug)) throw new SimActionError('SIM_BAD_SLUG', `slug "${slug}": lowercase letters, digits and dashes`, 400);
    const existing = ctx.shops.get(slug);
    if (existing) return existing;
    const shop = newShop({
      slug,
      name: input.name ?? 'Sklep Demo',
      licence: input.licence ?? licenceForSlug(slug),
      url: shopUrl(ctx.baseUrl, slug),
      now: ctx.now(),
    });
    ctx.shops.set(slug, shop);
    ctx.save();
    return shop;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(ctx, createShop, req)
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        if (error instanceof SimActionError) return send(res, json(error.httpStatus, errorBody(error.code, error.detail)));
        send(res, json(500, errorBody('server_error', `SIM_INTERNAL ${(error as Error).message}`)));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ctx.baseUrl = `http://${host}:${address.port}`;

  if (stateFile) {
    for (const shop of loadShops(stateFile)) {
      shop.url = shopUrl(ctx.baseUrl, shop.slug); // the port may differ from the last run
      ctx.shops.set(shop.slug, shop);
    }
  }

  return {
    url: ctx.baseUrl,
    createShop,
    shop: findShop,
    install: async (slug) => ({ status: (await sendLifecycle(ctx, findShop(slug), 'install')).status }),
    uninstall: async (slug) => ({ status: (await sendLifecycle(ctx, findShop(slug), 'uninstall')).status }),
    sendLifecycle: (slug, action, extra) => sendLifecycle(ctx, findShop(slug), action, extra),
    placeOrder: (slug, input) => placeOrder(ctx, findShop(slug), input),
    changeStatus: (slug, orderId, statusId) => changeStatus(ctx, findShop(slug), orderId, statusId),
    dispatchParcel: (slug, orderId) => dispatchParcel(ctx, findShop(slug), orderId),
    registerClient: (slug, input) => registerClient(ctx, findShop(slug), input),
    restockProduct: (slug, productId, stock) => restockProduct(ctx, findShop(slug), productId, stock),
    updateProductStock: (slug, productId, change) => updateProductStock(ctx, findShop(slug), productId, change),
    webhookDeliveries: (slug) => ctx.deliveries.filter((d) => slug === undefined || d.slug === slug),
    redeliverLast: async (slug) => {
      const last = ctx.deliveries.filter((d) => d.slug === slug).at(-1);
      if (!last) throw new SimActionError('SIM_NOTHING_TO_REDELIVER', `shop "${slug}" has not sent any webhook yet`);
      return redeliver(ctx, last);
    },
    setRateLimit: (limit) => ctx.buckets.setLimit(limit),
    injectRestFaults: ({ status, count }) => {
      ctx.faults = count > 0 ? { status, remaining: count } : null;
    },
    apiCalls: (slug) => ctx.apiCalls.filter((c) => slug === undefined || c.slug === slug),
    iframeUrl: (slug) => adminIframeUrl(ctx, findShop(slug)),
    configureAppstore: (settings) => {
      const next = applyAppstoreSettings(ctx.appstore, settings as Record<string, unknown>);
      if ('error' in next) throw new SimActionError('SIM_BAD_OPTION', next.error, 400);
      ctx.appstore = next;
      return ctx.appstore;
    },
    refuseWebhooks: (slug, refuse) => {
      findShop(slug).refuseWebhooks = refuse;
      ctx.save();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
