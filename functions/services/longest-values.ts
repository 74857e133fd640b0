// Use case: the shop's own values at their longest, for the composer's worst-case count: the longest active
// product name (read from Shoper at most once a day, a bounded number of pages), the longest order status and
// shipping names, the shop's name and currency (from the catalogue already kept on the shop record).
import * as z from 'zod/mini';
import '#domain/zod-mini';
import { notFound } from '#domain/errors';
import type { Shop } from '#domain/model';
import type { ShopLongestValues } from '#domain/worst-case';
import type { LongestProductName } from '#domain/shop-data';
import type { Deps } from './deps';
import { createShoperClient, MAX_PAGE_SIZE } from './shoper-client';

/** A day: product names change rarely, and a read costs calls of the shop's API budget. */
export const PRODUCT_NAMES_MAX_AGE_MS = 24 * 3600_000;
/** 200 pages of 50: ten thousand products; a bigger shop's longest name is taken from those. */
export const PRODUCT_PAGES = 200;
/** One admin request reads pages for at most this long (the admin function has 10 s); the next one goes on. */
export const PRODUCT_READ_BUDGET_MS = 4000;

const flag = z.pipe(
  z.union([z.boolean(), z.string(), z.number()]),
  z.transform((v: boolean | string | number) => v === true || v === '1' || v === 1),
);
const ProductRow = z.looseObject({
  product_id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  translations: z.optional(z.record(z.string(), z.looseObject({ name: z.nullish(z.string()), active: z.nullish(flag) }))),
  stock: z.nullish(z.looseObject({ active: z.nullish(flag) })),
});

const points = (value: string) => Array.from(value).length;

/** The longest of some names (by characters), or undefined for none. */
export function longestOf(names: readonly (string | undefined)[]): string | undefined {
  return names.reduce<string | undefined>(
    (best, name) => (name && points(name.trim()) > points(best ?? '') ? name.trim() : best),
    undefined,
  );
}

/**
 * Reads product pages from where an unfinished read stopped (or from the first page), keeping the longest active
 * name, until the last page, PRODUCT_PAGES, or the time budget.
 */
async function readLongestProductName(deps: Deps, shop: Shop, unfinished: LongestProductName | undefined): Promise<LongestProductName> {
  const client = createShoperClient(deps, shop, { maxRateLimitWaits: 1 });
  const started = deps.clock.now().getTime();
  let best =
    unfinished?.name !== undefined && unfinished.productId !== undefined
      ? { name: unfinished.name, productId: unfinished.productId }
      : undefined;
  let products = unfinished?.products ?? 0;
  let page = unfinished?.nextPage ?? 1;
  let pages = page;
  while (page <= Math.min(pages, PRODUCT_PAGES) && deps.clock.now().getTime() - started < PRODUCT_READ_BUDGET_MS) {
    const res = await client.list<unknown>('products', { limit: MAX_PAGE_SIZE, page });
    pages = Number(res.pages ?? 1);
    for (const row of res.list ?? []) {
      const product = ProductRow.safeParse(row);
      if (!product.success) continue;
      const translations = product.data.translations ?? {};
      const main = translations.pl_PL ?? Object.values(translations)[0];
      if (!main?.name || main.active === false || product.data.stock?.active === false) continue;
      products += 1;
      if (!best || points(main.name.trim()) > points(best.name)) best = { name: main.name.trim(), productId: product.data.product_id };
    }
    page += 1;
  }
  const finished = page > Math.min(pages, PRODUCT_PAGES);
  return {
    ...(best ? { name: best.name, productId: best.productId } : {}),
    products,
    complete: page > pages,
    ...(finished ? {} : { nextPage: page }),
    // An unfinished read keeps the time it started, so it is finished before the day-old rule starts it over.
    readAt: unfinished?.nextPage !== undefined ? unfinished.readAt : deps.clock.now().toISOString(),
  };
}

export interface LongestValues {
  values: ShopLongestValues;
  products: { count: number; complete: boolean; readAt?: string; refreshFailed?: boolean };
}

export async function longestValues(deps: Deps, shopId: string): Promise<LongestValues> {
  const shop = await deps.store.getShop(shopId);
  if (!shop || shop.status !== 'installed') throw notFound('SHOP_NOT_FOUND', 'Sklep nie ma zainstalowanej aplikacji');
  let product = await deps.store.getLongestProductName(shopId);
  let refreshFailed = false;
  const unfinished = product?.nextPage !== undefined;
  if (!product || unfinished || deps.clock.now().getTime() - new Date(product.readAt).getTime() > PRODUCT_NAMES_MAX_AGE_MS) {
    try {
      product = await readLongestProductName(deps, shop, unfinished ? product : undefined);
      await deps.store.putLongestProductName(shopId, product);
    } catch (error) {
      // The last known name (or the sample) still gives a fair count: show it rather than fail the composer.
      refreshFailed = true;
      deps.logger.warn('longest product name: read failed', {
        shop: shopId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const values: ShopLongestValues = {};
  const set = (name: keyof ShopLongestValues, value: string | undefined) => {
    if (value) values[name] = value;
  };
  set('product_name', product?.name);
  set('status_name', longestOf((shop.statuses ?? []).filter((s) => s.active !== false).map((s) => s.name)));
  set('shipping_name', longestOf((shop.shippings ?? []).map((s) => s.name)));
  set('shop_name', shop.shopName);
  set('currency', longestOf([...(shop.currencies ?? []).map((c) => c.name), shop.defaultCurrency]));
  return {
    values,
    products: {
      count: product?.products ?? 0,
      complete: product?.complete ?? false,
      ...(product ? { readAt: product.readAt } : {}),
      ...(refreshFailed ? { refreshFailed } : {}),
    },
  };
}
