// What the app keeps about a shop beyond its record (model.ts): the configuration the planner loads in one read,
// the catalogue read from Shoper, the longest product name the composer counts at, and the SMSAPI account's
// latest check and remembered choices. Plain data: the storage ports (services/shop-store.ts,
// services/shop-repositories.ts) hand these out; adapters decide how they are stored.
import type { AccountProblem } from '#contracts/smsapi';
import type { Celebration, MessageTemplate, Shop, ShopSettings, SmsapiConnection } from './model';
import type { StaffAlerts } from './staff-alerts';

/** Everything the planner needs about a shop, read at once. */
export interface ShopConfiguration {
  shop?: Shop;
  smsapi?: SmsapiConnection;
  settings?: Partial<ShopSettings>;
  templates: Record<string, MessageTemplate>;
  celebrations: Celebration[];
  staffAlerts?: Partial<StaffAlerts>;
}

/** A re-read shop catalogue, written onto the shop record. */
export type ShopCatalogue = Pick<Shop, 'shopName' | 'statuses' | 'shippings' | 'currencies' | 'defaultCurrency'>;

/** The shop's longest active product name, as last read from Shoper: what the composer counts `{product_name}` at. */
export interface LongestProductName {
  /** Absent when the shop has no active product. */
  name?: string;
  productId?: string;
  /** Active products looked at. */
  products: number;
  /** False when the shop has more products than a read looks at (the longest of those read is kept). */
  complete: boolean;
  /** Set while a read is unfinished (it stopped on its time budget): the page the next read goes on from. */
  nextPage?: number;
  readAt: string;
}

/** The merchant's choices of a disconnected SMSAPI account, so connecting it again (token or OAuth) keeps them. */
export interface SmsapiChoices {
  login: string;
  senderName?: string;
  replaceSpecialCharacters: boolean;
}

/** The latest SMSAPI account check: a problem (an empty balance…) stays visible until a check proves it fixed. */
export interface AccountCheck {
  checkedAt: string;
  problem?: AccountProblem;
}
