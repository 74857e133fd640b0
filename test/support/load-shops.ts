// The load and fault tests' shops: simulated Shoper shops with the app installed, each with its own SMSAPI
// account connected and the notifications a busy merchant switches on (owner alert, status messages, date
// celebrations, back in stock), set up through the same admin API the SPA uses.
import type { LocalRuntime } from '#local/runtime';
import { adminApi, type AdminApi } from './demo-seed';
import { postFrom } from '../../bench/harness';

/** The templates every load shop uses; the tests render the expected texts from these independently. */
export const LOAD_TEXTS = {
  owner: 'Nowe zamówienie {order_id}: {sum} {currency}',
  status: {
    '2': 'Zamówienie {order_id} przyjęte do realizacji. {shop_name}',
    '4': 'Zamówienie {order_id}: {status_name}.',
    '7': 'Zamówienie {order_id} wysłane: {shipping_name}.',
  } as Record<string, string>,
  shipped: '{name}, zamówienie {order_id} jest w drodze!',
  firstOrder: 'Dziękujemy za pierwsze zamówienie, {name}! {shop_name}',
  registered: 'Witaj {name} w {shop_name}!',
  backInStock: '{product_name} znów dostępny w {shop_name} za {price} {currency}!',
};

export const LOAD_SENDER = 'SKLEP 123';

/** What setting a shop up needs: the app's URL and both simulators (a runtime in this process or in a child). */
export type LoadWorld = Pick<LocalRuntime, 'url' | 'shop' | 'smsapi'>;

export interface LoadShop {
  index: number;
  slug: string;
  name: string;
  licence: string;
  /** The owner's number as SMSAPI sees it (48…). */
  ownerNumber: string;
  api: AdminApi;
}

/** A Polish mobile number unique to a shop and a role: 5{shop 00-19}{role}{5 digits} (50x/51x are mobile). */
export function loadNumber(shopIndex: number, role: number, n: number): string {
  return `5${String(shopIndex).padStart(2, '0')}${role}${String(n).padStart(5, '0')}`;
}

async function ok(what: string, call: Promise<{ status: number; body: unknown }>) {
  const res = await call;
  if (res.status >= 300) throw new Error(`LOAD_SETUP_${what}_FAILED ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Setup calls that reach SMSAPI: a suite may run with a short SMSAPI_TIMEOUT_MS (its subject is timeouts), which a
 * busy machine can exceed during setup too; a 502 there is retried, the setup is not the test.
 */
async function okReachingSmsapi(what: string, call: () => Promise<{ status: number; body: unknown }>) {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 502 || attempt === 5) return ok(what, Promise.resolve(res));
  }
}

export interface LoadShopOptions {
  /** Which features to switch on (all by default). */
  celebrations?: boolean;
  backInStock?: boolean;
}

/**
 * Creates, installs and configures one shop. Each shop gets its own SMSAPI account with plenty of points, so the
 * load is never cut short by an empty balance (error 103), and the quiet hours are off so the run does not
 * depend on the time of day.
 */
export async function setupLoadShop(rt: LoadWorld, index: number, options: LoadShopOptions = {}): Promise<LoadShop> {
  const slug = `load-${String(index).padStart(2, '0')}`;
  const name = `Sklep ${String(index).padStart(2, '0')}`;
  const sim = rt.shop.createShop({ slug, name });
  const installed = await rt.shop.install(slug);
  if (installed.status !== 200) throw new Error(`LOAD_SETUP_INSTALL_FAILED ${installed.status}`);
  const token = `sim-token-${slug}`;
  rt.smsapi.addAccount({
    username: slug,
    token,
    points: 1_000_000,
    senders: [{ sender: LOAD_SENDER, status: 'ACTIVE', is_default: true }],
  });
  const api = adminApi(rt as LocalRuntime, slug);
  await okReachingSmsapi('SMSAPI_TOKEN', () => api('PUT', '/api/smsapi', { token }));
  await okReachingSmsapi('SMSAPI_SENDER', () => api('PUT', '/api/smsapi', { senderName: LOAD_SENDER, replaceSpecialCharacters: false }));
  const owner = loadNumber(index, 0, 0);
  // The load's expected outbox has no notion of the frequency cap (its own tests: sending-limits.test.ts): off here.
  await ok(
    'SETTINGS',
    api('PUT', '/api/settings', {
      ownerPhone: owner,
      quietHours: { enabled: false },
      shippedStatusIds: ['7'],
      limits: { frequencyCap: { enabled: false } },
    }),
  );
  // Texts are compared exactly and back-in-stock SMS batched: no per-SMS opt-out link here.
  await ok('LINK_SETTINGS', api('PUT', '/api/links/settings', { autoStopLink: false }));
  await ok('TPL_OWNER', api('PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text: LOAD_TEXTS.owner }));
  for (const [statusId, text] of Object.entries(LOAD_TEXTS.status)) {
    await ok(`TPL_STATUS_${statusId}`, api('PUT', `/api/templates/order-status/${statusId}`, { enabled: true, delayDays: 0, text }));
  }
  if (options.celebrations !== false) {
    for (const [event, text] of [
      ['order-shipped', LOAD_TEXTS.shipped],
      ['first-order', LOAD_TEXTS.firstOrder],
      ['account-registered', LOAD_TEXTS.registered],
    ] as const) {
      await ok('CELEBRATION', api('POST', '/api/celebrations', { event, delayDays: 0, text }));
    }
  }
  if (options.backInStock !== false) {
    await ok('TPL_BIS', api('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: LOAD_TEXTS.backInStock }));
  }
  return { index, slug, name, licence: sim.licence, ownerNumber: `48${owner}`, api };
}

/**
 * A client leaves a number on a sold-out product's page (the storefront widget's request). Each shop's clients
 * come from a loopback address of their own (127.40.<shop>.1), as real shoppers of different shops do: the
 * storefront also limits one address across all shops.
 */
export async function signUpOnStorefront(rt: LoadWorld, shop: LoadShop, productId: number, phone: string): Promise<void> {
  const res = await postFrom(
    `${rt.url}/storefront/${shop.licence}/subscriptions`,
    { productId: String(productId), phone, consent: true, consentTextVersion: 'v1', locale: 'pl' },
    { origin: new URL(rt.shop.shop(shop.slug).url).origin },
    `127.40.${shop.index % 250}.1`,
  );
  if (res.status !== 201) throw new Error(`LOAD_SETUP_SIGN_UP_FAILED ${res.status} ${res.text}`);
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}
