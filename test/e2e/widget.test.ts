// The storefront widget in headless Chromium on pages that imitate a Shoper product page (served by a small
// server here, as the shop's own domain): the sign-up form appears only on an unavailable product, refuses a
// landline with a clear message, signs up for real against the local runtime, and the restock then sends the
// SMS. A logged-in client's basket is reported. The widget stays under its size budget.
import { JOB_ID } from '#domain/job-id';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { buildWidget, WIDGET_BUDGET_BYTES } from '../../frontend/widget/build';
import { launchChromium } from '../support/browser';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let browser: Browser;
let pages: Server;
let pagesUrl: string;
let outDir: string;

/** A product card as Shoper's RWD templates lay it out (availability row, basket form with product_id). */
function productPage(input: { productId: number; available: boolean; lang: 'pl' | 'en'; loggedInClient?: number }) {
  const client = input.loggedInClient
    ? `<script>window.frontAPI = {
         getUser: function () { return { user_id: '${input.loggedInClient}', email: 'klient@example.pl' }; },
         getBasketInfo: function (cb) { cb({ products: [{ product_id: 1, quantity: 2 }, { product_id: 2, quantity: '1' }] }); }
       };</script>`
    : '';
  return `<!doctype html><html lang="${input.lang === 'en' ? 'en_GB' : 'pl'}"><head><meta charset="utf-8"><title>Produkt</title>
<script>var Shop = { pageType: 'shop_product', pageId: '${input.productId}', basket: {}, values: {} };</script>${client}</head>
<body id="shop_product${input.productId}" class="shop_product"><main><div class="product-info">
<h1 class="name">Plecak miejski</h1>
<div class="availability"><span class="first">Dostępność:</span> <span class="second">${input.available ? 'dostępny' : 'niedostępny'}</span></div>
<form class="basket" action="/pl/basket/add/post" method="post">
  <input type="hidden" name="product_id" value="${input.productId}">
  <button type="submit" class="addtobasket btn"${input.available ? '' : ' disabled'}>Do koszyka</button>
</form></div></main>
<script src="/widget/sms-widget.js" data-shop="${licence}" data-api="${rt.url}"></script>
</body></html>`;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  // autoStopLink off: these texts are asserted exactly (the opt-out line is test/integration/short-links.test.ts's).
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    autoStopLink: false,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
  });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił do {shop_name}!' });
  await rt.deps.store.putTemplate(licence, 'abandoned-cart', { enabled: true, delayDays: 1, text: '{name}, koszyk czeka.' });

  outDir = mkdtempSync(join(tmpdir(), 'widget-'));
  await buildWidget(outDir);
  const script = readFileSync(join(outDir, 'widget', 'sms-widget.js'));

  const simulatedShop = rt.shop.shop('demo').url;
  pages = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://pages');
    if (url.pathname.startsWith('/webapi/')) {
      // Storefront and REST API share the shop's domain in Shoper: the API calls go on to the simulator.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)),
      ) as Record<string, string>;
      const answer = await fetch(`${simulatedShop}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      return res.end(Buffer.from(await answer.arrayBuffer()));
    }
    if (url.pathname === '/widget/sms-widget.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(script);
    }
    const match = /^\/(pl|en)\/p\/(\d+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404);
      return res.end();
    }
    const productId = Number(match[2]);
    const client = url.searchParams.get('client');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      productPage({
        productId,
        available: productId !== 3,
        lang: match[1] as 'pl' | 'en',
        loggedInClient: client ? Number(client) : undefined,
      }),
    );
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  // The shop's storefront lives at this origin: it is the only one the storefront endpoints accept.
  const shop = (await rt.deps.store.getShop(licence))!;
  await rt.deps.store.putShop({ ...shop, shopUrl: pagesUrl });

  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await rt?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('the widget is one small file', () => {
  expect(statSync(join(outDir, 'widget', 'sms-widget.js')).size).toBeLessThan(WIDGET_BUDGET_BYTES);
});

test('on an unavailable product a client signs up by SMS for real, and the restock sends the SMS', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${pagesUrl}/pl/p/3`);
    const heading = page.getByRole('heading', { name: 'Powiadom mnie SMS-em o dostępności' });
    await heading.waitFor({ timeout: 10_000 });
    const phone = page.getByLabel('Numer telefonu komórkowego');
    const status = page.getByRole('status');
    const submit = page.getByRole('button', { name: 'Powiadom mnie' });

    // Nothing typed, then no consent: the form says what is missing.
    await submit.click();
    await expect(status.textContent()).resolves.toContain('Wpisz numer');
    await phone.fill('22 123 45 67');
    await submit.click();
    await expect(status.textContent()).resolves.toContain('Zaznacz zgodę');

    // A landline is refused by the server with a clear message, shown at the field.
    await page.getByRole('checkbox').check();
    await submit.click();
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.includes('komórkowego'));
    expect(await phone.getAttribute('aria-invalid')).toBe('true');

    await phone.fill('605 111 222');
    await page.getByRole('checkbox').check();
    await submit.click();
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.includes('Dziękujemy'));
    await page.getByRole('button', { name: 'Wycofaj zgodę' }).waitFor();
  } finally {
    await page.close();
  }

  const stored = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}`, ':p': 'SUB#3#' },
  });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ phone: '+48605111222', status: 'waiting', consent: { textVersion: 'default-1', locale: 'pl' } });

  await rt.shop.restockProduct('demo', 3, 2);
  const sms = await eventually(() => rt.smsapi.outbox().find((m) => m.to === '48605111222'));
  expect(sms?.message).toBe('Plecak miejski wrócił do Sklep Demo!');
}, 60_000);

test('an available product shows no form; an English page gets the English form', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${pagesUrl}/pl/p/1`);
    // Wait for the widget to have asked the app (the config call), then check nothing was added.
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.smsw').count()).toBe(0);

    await page.goto(`${pagesUrl}/en/p/3`);
    await page.getByRole('heading', { name: 'Text me when it is back in stock' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Mobile phone number').fill('+49 1512 3456789');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Notify me' }).click();
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.includes('selected countries'));
  } finally {
    await page.close();
  }
}, 60_000);

test("a logged-in client's basket is reported and a reminder planned", async () => {
  const { userId } = await rt.shop.registerClient('demo', { firstname: 'Iga', phone: '605 333 444', newsletter: true });
  const page = await browser.newPage();
  try {
    await page.goto(`${pagesUrl}/pl/p/1?client=${userId}`);
    const basket = await eventually(() => rt.deps.baskets.get(licence, String(userId)));
    expect(basket).toMatchObject({ itemsCount: 3, client: { firstname: 'Iga', phone: '+48605333444' } });
    expect(basket!.jobId).toMatch(JOB_ID);
    const job = await rt.deps.store.getJob(licence, basket!.jobId!);
    expect(job).toMatchObject({ kind: 'abandoned-cart', state: 'SCHEDULED', text: 'Iga, koszyk czeka.' });
  } finally {
    await page.close();
  }
}, 60_000);
