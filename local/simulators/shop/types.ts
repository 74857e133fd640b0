// The simulated shops' state: plain, JSON-serialisable data (it is what the state file holds).
// REST and webhook representations are derived from it in representation.ts.

export type StatusType = 1 | 2 | 3 | 4; // 1 new, 2 opened, 3 closed, 4 not completed

export interface SimStatus {
  statusId: number;
  active: boolean;
  default: boolean;
  color: string;
  type: StatusType;
  order: number;
  names: { pl_PL: string; en_US: string };
}

export interface SimAddress {
  firstname: string;
  lastname: string;
  company: string;
  street1: string;
  street2: string;
  postcode: string;
  city: string;
  country: string;
  countryCode: string;
  phone: string;
}

export interface SimOrderLine {
  productId: number;
  name: string;
  quantity: number;
  price: number;
}

export interface SimOrder {
  orderId: number;
  userId: number | null;
  date: string; // ISO instant
  statusId: number;
  statusDate: string; // ISO instant
  sum: number;
  shippingCost: number;
  shippingId: number;
  paymentId: number;
  currencyId: number;
  email: string;
  langId: number;
  billing: SimAddress;
  delivery: SimAddress;
  lines: SimOrderLine[];
}

export interface SimUser {
  userId: number;
  email: string;
  firstname: string;
  lastname: string;
  dateAdd: string; // ISO instant
  newsletter: boolean;
  langId: number;
}

/** Shoper keeps a client's phone in the address book, not on the user. */
export interface SimUserAddress {
  addressBookId: number;
  userId: number;
  firstname: string;
  lastname: string;
  street1: string;
  city: string;
  zipCode: string;
  country: string;
  countryCode: string;
  phone: string;
  default: boolean;
}

export interface SimProduct {
  productId: number;
  code: string;
  name: string;
  price: number;
  stock: number;
  active: boolean;
  availabilityId: number | null;
  addDate: string;
  editDate: string;
}

export interface SimShipping {
  shippingId: number;
  name: string;
  cost: number;
  engine: string;
  isDefault: boolean;
}

export interface SimParcel {
  parcelId: number;
  orderId: number;
  shippingId: number;
  shippingCode: string;
  sent: boolean;
  sendDate: string | null; // ISO instant
  orderDate: string;
}

export interface SimWebhook {
  webhookId: number;
  url: string;
  format: 0 | 1;
  secret: string;
  active: boolean;
  events: string[];
}

export interface SimAuthCode {
  code: string;
  expiresAt: string; // ISO instant
  used: boolean;
}

export interface SimToken {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string; // ISO instant
  refreshUsed: boolean;
  revoked: boolean;
}

export type AddressStyle = 'snake_case' | 'camelCase';

export interface SimShop {
  slug: string;
  licence: string;
  name: string;
  url: string; // shop_url, recomputed from the simulator's address on start
  email: string;
  phone: string;
  installed: boolean;
  applicationVersion: number;
  /** How webhook payloads name the order addresses (camelCase is what app-msg91 reads). */
  webhookAddressStyle: AddressStyle;
  /** The shop refuses the app's webhook writes (403 insufficient_scope), as a token without the webhooks scope. */
  refuseWebhooks?: boolean;
  /** Status an order moves to when its parcel is dispatched; null leaves the status alone. */
  statusAfterDispatch: number | null;
  statuses: SimStatus[];
  orders: SimOrder[];
  users: SimUser[];
  userAddresses: SimUserAddress[];
  products: SimProduct[];
  shippings: SimShipping[];
  parcels: SimParcel[];
  webhooks: SimWebhook[];
  authCodes: SimAuthCode[];
  tokens: SimToken[];
  nextIds: { order: number; user: number; address: number; product: number; parcel: number; webhook: number };
}

/**
 * What the publisher set up in the simulated App Store and how its requests look: `timestamp` as Shoper sends it
 * (`date`: `Y-m-d H:i:s` Europe/Warsaw, what a live install carries; `unix`: seconds), the iframe's `translations`,
 * and webhooks configured in the App Store panel (delivered for every shop that has the app, signed with the
 * per-shop derived secret).
 */
export interface AppstoreSettings {
  timestampFormat: 'date' | 'unix';
  translations: string;
  /** Events of the one panel-configured webhook; empty: none configured. */
  panelWebhookEvents: string[];
}

export interface WebhookDelivery {
  slug: string;
  webhookId: number;
  event: string;
  url: string;
  status: number; // 0 when the app could not be reached
  at: string;
  body: string;
  headers: Record<string, string>;
}

export interface ApiCall {
  slug: string;
  method: string;
  path: string;
  status: number;
  at: string;
}

export type LifecycleAction = 'install' | 'uninstall' | 'upgrade' | 'billing_install' | 'billing_subscription';

export interface RateLimit {
  capacity: number;
  leakPerSecond: number;
}

export interface PlaceOrderInput {
  userId: number | null;
  phone: string;
  firstname: string;
  lastname: string;
  sum: number;
  shippingId: number;
  countryCode: string;
  email: string;
  /** What the customer typed as the street and city (default: a Warsaw address). */
  street1: string;
  city: string;
}

export interface RegisterClientInput {
  firstname: string;
  lastname: string;
  email: string;
  phone: string;
  newsletter: boolean;
}
