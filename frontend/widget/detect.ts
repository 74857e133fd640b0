// Finding Shoper's product page in the storefront's markup: the product id and whether it is unavailable.
// The default selectors follow Shoper's RWD templates as far as we could learn them (unconfirmed): the basket
// form's hidden input[name="product_id"], the availability row, a disabled add-to-basket button, and the global
// `Shop.pageType`/`Shop.pageId`. Every guess can be overridden with data-* attributes on the script tag.
import type { WidgetSettings } from './settings';

const PRODUCT_ID_INPUT = 'form.basket input[name="product_id"], form[action*="basket"] input[name="product_id"], input[name="product_id"]';
const AVAILABILITY = '.availability, .availability__value, .product-availability, [class*="availability"]';
const DISABLED_BUY =
  'form.basket [type="submit"]:disabled, button.addtobasket:disabled, .addtobasket.disabled, .addtobasket[aria-disabled="true"]';
const UNAVAILABLE_WORDS = /niedost[eę]pn|brak w magazynie|wyprzedan|unavailable|out of stock|sold out/i;

interface ShoperGlobal {
  pageType?: string;
  pageId?: string;
}

export function productId(settings: WidgetSettings, doc: Document, shop: ShoperGlobal | undefined): string | undefined {
  const candidates = [
    settings.productId,
    doc.querySelector<HTMLInputElement>(PRODUCT_ID_INPUT)?.value,
    doc.querySelector<HTMLElement>('[data-product-id]')?.dataset.productId,
    shop?.pageType?.includes('shop_product') ? shop.pageId : undefined,
  ];
  return candidates.map((c) => c?.trim()).find((c): c is string => !!c && /^\d{1,12}$/.test(c));
}

export function isUnavailable(settings: WidgetSettings, doc: Document): boolean {
  if (settings.unavailable === 'true') return true;
  if (settings.unavailable === 'false') return false;
  if (settings.unavailableSelector) return doc.querySelector(settings.unavailableSelector) !== null;
  const words = settings.unavailableText ? new RegExp(settings.unavailableText, 'i') : UNAVAILABLE_WORDS;
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>(AVAILABILITY))) {
    if (words.test(el.textContent ?? '')) return true;
  }
  return doc.querySelector(DISABLED_BUY) !== null;
}

/** Where the form goes: after data-mount, else after the basket form or the availability row. */
export function mountPoint(settings: WidgetSettings, doc: Document): { after: Element } | { inside: Element } {
  const explicit = settings.mount ? doc.querySelector(settings.mount) : null;
  if (explicit) return { after: explicit };
  const basketForm = doc.querySelector(PRODUCT_ID_INPUT)?.closest('form');
  if (basketForm) return { after: basketForm };
  const availability = doc.querySelector(AVAILABILITY);
  if (availability) return { after: availability };
  return { inside: doc.querySelector('main') ?? doc.body };
}
