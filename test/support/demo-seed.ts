// Node-side helpers for the tests, the bench and the screenshot script: fill a simulated shop with what each tab
// shows, through the same public HTTP routes and simulators a person would use, never by writing to the table.
import type { LocalRuntime } from '../../local/runtime';
import { adminApi, type AdminApi } from './admin-client';

export { adminApi, type AdminApi } from './admin-client';

async function expectOk(what: string, call: Promise<{ status: number; body: unknown }>) {
  const res = await call;
  if (res.status >= 300) throw new Error(`SEED_${what}_FAILED ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A shop with the app installed and the demo SMSAPI account connected by its API token. */
export async function installWithSmsapi(rt: LocalRuntime, slug = 'demo', name = 'Sklep Demo'): Promise<{ licence: string; api: AdminApi }> {
  const shop = rt.shop.createShop({ slug, name });
  const installed = await rt.shop.install(slug);
  if (installed.status !== 200) throw new Error(`SEED_INSTALL_FAILED ${installed.status}`);
  const api = adminApi(rt, slug);
  await expectOk('SMSAPI_TOKEN', api('PUT', '/api/smsapi', { token: 'sim-token-demo' }));
  await expectOk('SMSAPI_SENDER', api('PUT', '/api/smsapi', { senderName: 'SKLEP 123', replaceSpecialCharacters: false }));
  return { licence: shop.licence, api };
}

export async function signUpForProduct(rt: LocalRuntime, licence: string, productId: number, phone: string) {
  const res = await fetch(`${rt.url}/storefront/${licence}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ productId: String(productId), phone, consent: true, consentTextVersion: 'v1', locale: 'pl' }),
  });
  if (res.status >= 300) throw new Error(`SEED_SIGN_UP_FAILED ${res.status} ${await res.text()}`);
}

/**
 * Everything the tabs show: templates, celebrations, sent messages (statistics and history), a failed one (the
 * error log: numbers ending in 999 are refused by the simulator with code 13), a delayed one (scheduled sends)
 * and back-in-stock sign-ups.
 */
export async function seedDemoShop(
  rt: LocalRuntime,
  slug = 'demo',
  options: { daysOfHistory?: number } = {},
): Promise<{ licence: string; api: AdminApi }> {
  const { licence, api } = await installWithSmsapi(rt, slug);
  await expectOk('SETTINGS', api('PUT', '/api/settings', { ownerPhone: '+48 538 506 896' }));
  await expectOk(
    'TPL_OWNER',
    api('PUT', '/api/templates/owner-new-order', {
      enabled: true,
      delayDays: 0,
      text: 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} {currency}',
    }),
  );
  await expectOk(
    'TPL_STATUS_2',
    api('PUT', '/api/templates/order-status/2', {
      enabled: true,
      delayDays: 0,
      text: 'Dzień dobry! Zamówienie {order_id} zostało przyjęte do realizacji. Pozdrawiamy, zespół {shop_name}.',
    }),
  );
  await expectOk(
    'TPL_STATUS_7',
    api('PUT', '/api/templates/order-status/7', {
      enabled: true,
      delayDays: 2,
      text: 'Zamówienie {order_id} zostało wysłane: {shipping_name}. Dziękujemy! {shop_name}',
    }),
  );
  await expectOk(
    'TPL_BIS',
    api('PUT', '/api/templates/back-in-stock', {
      enabled: true,
      delayDays: 0,
      text: 'Dobra wiadomość! {product_name} znów jest dostępny w {shop_name} za {price} {currency}.',
    }),
  );
  await expectOk(
    'TPL_CART',
    api('PUT', '/api/templates/abandoned-cart', {
      enabled: true,
      delayDays: 1,
      text: '{name}, w Twoim koszyku w {shop_name} czekają produkty. Dokończ zakupy!',
    }),
  );
  // The three example rules every new shop gets (switched off): the demo switches two of them on.
  const rules = (await expectOk('CELEBRATIONS', api('GET', '/api/celebrations'))) as { items: { id: string; event: string }[] };
  for (const rule of rules.items.filter((r) => r.event === 'order-shipped' || r.event === 'first-order')) {
    await expectOk('CELEBRATION', api('PUT', `/api/celebrations/${rule.id}`, { active: true }));
  }

  // Past days of orders (owner alert + status SMS each) for the statistics chart: the clock moves a day at a time.
  for (let day = 0; day < (options.daysOfHistory ?? 0); day++) {
    for (let n = 0; n < 1 + ((day * 7) % 4); n++) {
      const order = await rt.shop.placeOrder(slug, {
        phone: `6012340${String(10 + ((day * 4 + n) % 90)).padStart(2, '0')}`,
        sum: 50 + day * 3 + n,
      });
      await rt.shop.changeStatus(slug, order.orderId, 2);
    }
    await rt.idle();
    await rt.advanceClock(24 * 3600 * 1000);
  }

  rt.smsapi.setFaults({ failingSuffixes: { '999': 13 } });
  const sent = await rt.shop.placeOrder(slug, { phone: '601 234 567', firstname: 'Anna', lastname: 'Kowalska', sum: 159.9 });
  await rt.shop.changeStatus(slug, sent.orderId, 2);
  const refused = await rt.shop.placeOrder(slug, { phone: '601 222 999', firstname: 'Jan', lastname: 'Nowak', sum: 49 });
  await rt.shop.changeStatus(slug, refused.orderId, 2);
  const shipped = await rt.shop.placeOrder(slug, { phone: '698 765 432', firstname: 'Ewa', lastname: 'Zielińska', sum: 89 });
  await rt.shop.changeStatus(slug, shipped.orderId, 7);
  await rt.idle();

  await signUpForProduct(rt, licence, 3, '+48 512 345 678');
  await signUpForProduct(rt, licence, 3, '+48 785 123 456');
  await rt.idle();
  return { licence, api };
}
