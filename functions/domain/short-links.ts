// Short tracked links in SMS: the link placeholders, their codes and targets, and what a stored link holds.
// Pure and small (the redirect function bundles it): rendering a message with its links is in linked-message.ts.
import { createHmac } from 'node:crypto';
import type { NotificationKind } from './model';
import type { LinkPlaceholder } from './placeholders';

export {
  LINK_PLACEHOLDERS,
  MARKETING_KINDS,
  STOP_LINK_LINE,
  isLinkPlaceholder,
  isMarketing,
  shortLinkUrl,
  withStopLink,
  type LinkPlaceholder,
} from './placeholders';

/** Base62 characters of a code: 10 of them are about 59 bits, far beyond guessing one of a shop's links. */
export const CODE_LENGTH = 10;
const CODE = /^[0-9A-Za-z]{8,16}$/;
export const isLinkCode = (code: string) => CODE.test(code);
/** Links answer for 90 days (DynamoDB TTL `expiresAt` removes them later). */
export const LINK_TTL_DAYS = 90;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The code of one link of one SMS: HMAC of the job id and the placeholder under a secret key, written in base62.
 * Deterministic, so planning the same event twice (a webhook redelivered, a retry after a crash) gives the same
 * links as it gives the same job, and unguessable without the key.
 */
export function linkCode(key: string, jobId: string, placeholder: LinkPlaceholder): string {
  const digest = createHmac('sha256', key).update(`short-link|${jobId}|${placeholder}`).digest();
  let value = BigInt(`0x${digest.subarray(0, 12).toString('hex')}`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += BASE62[Number(value % 62n)];
    value /= 62n;
  }
  return code;
}

/** Where the links of one message may lead: the shop's own pages only. */
export interface LinkTargets {
  shopUrl: string;
  productUrl?: string;
  orderUrl?: string;
}

/** Shoper's basket page (the storefront path `/basket`). */
export const BASKET_PATH = '/basket';

/** The URL if it is on the shop's own origin (http(s), same host and port), else undefined. */
export function onShopOrigin(candidate: string | undefined, shopUrl: string): string | undefined {
  if (!candidate) return undefined;
  try {
    const shop = new URL(shopUrl);
    const url = new URL(candidate, shop);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.host !== shop.host) return undefined;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return undefined;
  }
}

/** The page a link placeholder leads to; a target Shoper did not give (or on another domain) falls back to the shop. */
export function linkTarget(placeholder: Exclude<LinkPlaceholder, 'stop_link'>, targets: LinkTargets): string {
  const home = onShopOrigin(targets.shopUrl, targets.shopUrl) ?? targets.shopUrl;
  switch (placeholder) {
    case 'shop_link':
      return home;
    case 'product_link':
      return onShopOrigin(targets.productUrl, targets.shopUrl) ?? home;
    case 'basket_link':
      return onShopOrigin(BASKET_PATH, targets.shopUrl) ?? home;
    case 'order_link':
      return onShopOrigin(targets.orderUrl, targets.shopUrl) ?? home;
  }
}

/** One short link as stored: everything the redirect, the opt-out page and attribution need, in one item. */
export interface ShortLink {
  code: string;
  shop: string;
  jobId: string;
  kind: NotificationKind;
  placeholder: LinkPlaceholder;
  /** `stop`: the opt-out page; `redirect`: a 302 to `target`. */
  purpose: 'redirect' | 'stop';
  /** Always on the shop's origin (checked again at redirect time against `shopUrl`). */
  target: string;
  shopUrl: string;
  shopName?: string;
  /** E.164 of the recipient (who opts out, whose order is attributed). */
  phone: string;
  userId?: string;
  /** The shop's zone: the click is counted on the shop's local day. */
  timeZone: string;
  createdAt: string;
  /** ISO time after which the code answers "link expired" (the item itself goes a day later, by TTL). */
  validUntil: string;
  clicks?: number;
  firstClickAt?: string;
  lastClickAt?: string;
}

/** What the planner knows about one SMS: enough to make its links. */
export interface LinkRequest {
  jobKey: string;
  kind: NotificationKind;
  phone: string;
  userId?: string;
  targets: LinkTargets;
}

/** Makes the links of one SMS (codes, targets): built per shop by the service, injected like a clock. */
export interface LinkMaker {
  /** Where short links live: `${base}/l/<code>`. */
  base: string;
  make(request: LinkRequest, placeholders: LinkPlaceholder[]): ShortLink[];
}
