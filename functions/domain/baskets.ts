// Basket activity of a logged-in client, reported by the storefront widget (Shoper has no basket webhook): the
// last activity, the client's facts read from Shoper, and the pending abandoned-basket reminder.

export interface BasketClient {
  firstname?: string;
  lastname?: string;
  email?: string;
  /** E.164, only when it is a mobile number of an allowed country. */
  phone?: string;
  /** Marketing consent as Shoper records it (the newsletter flag). */
  newsletter: boolean;
  fetchedAt: string;
}

export interface BasketActivity {
  shop: string;
  clientId: string;
  itemsCount: number;
  lastActivityAt: string;
  client?: BasketClient;
  /** Written by earlier versions from the page's own flag; no longer written and never counted as consent. */
  consent?: { at: string; textVersion: string; ipHash: string };
  /** The pending reminder, if any, and the activity it was planned from. */
  jobId?: string;
  plannedFrom?: string;
  orderedAt?: string;
  /** Optimistic locking: every write bumps it. */
  version: number;
}
