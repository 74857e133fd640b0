// The simulated shop's own storefront pages, so the short links in SMS lead somewhere real locally: the shop's home
// page, a product page (Shoper's `/pl/p/<name>/<id>` permalink), the basket (`/basket`) and the customer's order
// page (`/panel/order/<id>`, the simulator's `order_url`). Each has a "buy" form that places an order as the
// customer with the phone number typed in (the loop SMS → click → order → revenue in the panel).
import type { SimContext } from './context';
import { escapeHtml, readBody, type SimResponse } from './http';
import { placeOrder } from './actions';
import type { SimProduct, SimShop } from './types';
import type { IncomingMessage } from 'node:http';

const page = (shop: SimShop, title: string, body: string): SimResponse => ({
  status: 200,
  body: `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>${escapeHtml(title)} — ${escapeHtml(shop.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}nav a{margin-right:1rem}
.product{border:1px solid #ddd;border-radius:.4rem;padding:.8rem;margin:.6rem 0}form{margin:.8rem 0}label{display:block;margin:.3rem 0}</style>
</head><body><header><h1><a href="${escapeHtml(shop.url)}">${escapeHtml(shop.name)}</a></h1>
<nav><a href="${escapeHtml(shop.url)}/basket">Koszyk</a><a href="${escapeHtml(shop.url)}/admin">Panel sklepu (symulator)</a></nav></header>
<main>${body}</main></body></html>`,
});

const priceText = (price: number) => `${price.toFixed(2).replace('.', ',')} PLN`;
const productPath = (product: SimProduct) =>
  `/pl/p/${product.name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-')}/${product.productId}`;

function buyForm(shop: SimShop, sum: number, label: string): string {
  return `<form method="post" action="${escapeHtml(shop.url)}/__shop/order" data-testid="buy-form">
<input type="hidden" name="sum" value="${sum}">
<label>Numer telefonu <input name="phone" type="tel" required autocomplete="tel"></label>
<label>Imię <input name="firstname" value="Anna"></label>
<button type="submit">${escapeHtml(label)}</button></form>`;
}

/** A storefront page of the shop, or undefined when `rest` is not one. */
export async function storefrontPage(
  ctx: SimContext,
  shop: SimShop,
  method: string,
  rest: string,
  req: IncomingMessage,
): Promise<SimResponse | undefined> {
  if (method === 'GET' && rest === '/') {
    const products = shop.products
      .filter((p) => p.active)
      .map(
        (p) =>
          `<div class="product"><a href="${escapeHtml(shop.url + productPath(p))}">${escapeHtml(p.name)}</a> — ${priceText(p.price)}</div>`,
      )
      .join('');
    return page(shop, 'Sklep', `<h2>Witamy w sklepie</h2>${products}`);
  }
  const product = /^\/pl\/p\/[^/]+\/(\d+)\/?$/.exec(rest);
  if (method === 'GET' && product) {
    const found = shop.products.find((p) => p.productId === Number(product[1]));
    if (!found) return { status: 404, body: 'Nie ma takiego produktu' };
    const available = found.active && found.stock > 0;
    return page(
      shop,
      found.name,
      `<h2 data-testid="product-name">${escapeHtml(found.name)}</h2><p>Cena: <strong>${priceText(found.price)}</strong></p>
<p>${available ? `Dostępny (${found.stock} szt.)` : 'Chwilowo niedostępny'}</p>${available ? buyForm(shop, found.price, 'Kup teraz') : ''}`,
    );
  }
  if (method === 'GET' && (rest === '/basket' || rest === '/basket/')) {
    const first = shop.products.find((p) => p.active && p.stock > 0);
    return page(
      shop,
      'Koszyk',
      first
        ? `<h2>Twój koszyk</h2><div class="product">${escapeHtml(first.name)} — ${priceText(first.price)}</div>${buyForm(shop, first.price, 'Zamawiam')}`
        : '<h2>Twój koszyk jest pusty</h2>',
    );
  }
  const order = /^\/panel\/order\/(\d+)\/?$/.exec(rest);
  if (method === 'GET' && order) {
    const found = shop.orders.find((o) => o.orderId === Number(order[1]));
    if (!found) return { status: 404, body: 'Nie ma takiego zamówienia' };
    const status = shop.statuses.find((s) => s.statusId === found.statusId);
    return page(
      shop,
      `Zamówienie ${found.orderId}`,
      `<h2>Zamówienie nr ${found.orderId}</h2><p>Status: ${escapeHtml(status?.names.pl_PL ?? String(found.statusId))}</p><p>Kwota: ${priceText(found.sum)}</p>`,
    );
  }
  if (method === 'POST' && rest === '/__shop/order') {
    const form = new URLSearchParams(await readBody(req, 16 * 1024));
    const phone = (form.get('phone') ?? '').trim();
    const sum = Number(form.get('sum'));
    if (phone === '' || !Number.isFinite(sum) || sum <= 0) return { status: 400, body: 'Podaj numer telefonu' };
    const placed = await placeOrder(ctx, shop, { userId: null, phone, sum, firstname: form.get('firstname') || 'Anna' });
    return page(shop, 'Dziękujemy', `<h2 data-testid="order-placed">Dziękujemy! Zamówienie nr ${placed.orderId} zostało złożone.</h2>`);
  }
  return undefined;
}
