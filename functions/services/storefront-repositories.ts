// The ports through which the storefront and link use cases store what they need: short links (and the opt-outs,
// attributions and per-kind counters they lead to), back-in-stock sign-ups, basket activity, and the counters behind
// rate limits and the storefront's daily cap. Each operation is one intent; every condition lives in the adapters
// (functions/adapters/dynamodb/{short-links,subscriptions,carts,rate-limits}.ts) and their in-memory twins
// (test/support/fake-storefront.ts).
import type { BasketActivity } from '#domain/baskets';
import type { Attribution, KindCounter, OptOut } from '#domain/link-results';
import type { ShortLink } from '#domain/short-links';
import type { SignUp } from '#domain/sign-ups';

export interface ShortLinkRepository {
  /**
   * Stores links (and their listings under the shop). Idempotent: the same SMS planned again has the same codes;
   * a re-put never resets clicks because links are stored before their SMS exists.
   */
  save(links: readonly ShortLink[]): Promise<void>;
  get(code: string): Promise<ShortLink | undefined>;
  /**
   * Reads a live redirect link and records the click on it (count, first and last time) in one step. Undefined
   * when the code is unknown, the link expired or is an opt-out link (nothing recorded).
   */
  recordClick(code: string, at: string): Promise<ShortLink | undefined>;
  /** The client's links (by phone and by account), read whole: for attribution of an order. Only the shop's own. */
  listClientLinks(shop: string, client: { phone?: string; userId?: string }): Promise<ShortLink[]>;
  /** Records a withdrawal once: the first one stays the proof. True when it is new. */
  recordOptOut(shop: string, optOut: OptOut): Promise<boolean>;
  /** Which of these numbers opted out. */
  optOutsOf(shop: string, phones: readonly string[]): Promise<Map<string, OptOut>>;
  /** Newest first. */
  listOptOuts(shop: string): Promise<OptOut[]>;
  /** Adds to the day's per-kind counters. */
  addKindCounters(shop: string, date: string, counters: Partial<Record<KindCounter, number>>): Promise<void>;
  /**
   * Records an order's attribution and adds it to the day's counters (orders, revenue) at once: an order
   * delivered twice counts once. False when the order was attributed before.
   */
  attribute(shop: string, date: string, attribution: Attribution): Promise<boolean>;
  /** The per-kind counters of the days from..to (inclusive), by date. */
  listKindCounters(shop: string, fromDate: string, toDate: string): Promise<{ date: string; counters: Record<string, number> }[]>;
}

export interface SignUpRepository {
  /**
   * Stores a sign-up unless the same phone already waits for the same product ('duplicate'). A sent or withdrawn
   * sign-up is replaced: the client asks again, with fresh consent.
   */
  signUp(signUp: SignUp): Promise<'created' | 'duplicate'>;
  get(shop: string, productId: string, phone: string): Promise<SignUp | undefined>;
  /**
   * The product's waiting sign-ups one by one, read a page at a time: a long list is never held in memory.
   * `afterPhone`: only those after that number's (in number order), where an earlier planner run stopped.
   */
  waiting(shop: string, productId: string, afterPhone?: string): AsyncGenerator<SignUp>;
  listAll(shop: string): Promise<SignUp[]>;
  /** waiting -> sent, only for the very sign-up that was planned (same createdAt): a newer one stays waiting. */
  markSent(signUp: SignUp, jobId: string, at: string): Promise<boolean>;
  /** Consent withdrawn: the sign-up stays (as proof) but nothing more is sent. False when there is none. */
  withdraw(shop: string, productId: string, phone: string, at: string): Promise<boolean>;
  /** False when there was none. */
  remove(shop: string, productId: string, phone: string): Promise<boolean>;
}

export interface BasketRepository {
  get(shop: string, clientId: string): Promise<BasketActivity | undefined>;
  /**
   * Writes the record if nobody changed it since `expectedVersion` was read (undefined: it must not exist yet).
   * False when another request won the race.
   */
  save(activity: BasketActivity, expectedVersion: number | undefined): Promise<boolean>;
}

export type CounterResult = { ok: true; count: number } | { ok: false };

/** Counters that hold across Lambda instances, each for one window and gone after `expiresAt` (unix seconds). */
export interface CounterRepository {
  /** Adds `amount` (1 by default) to the shop's counter `name` unless that would take it above `limit`. */
  consume(shop: string, name: string, limit: number, expiresAt: number, amount?: number): Promise<CounterResult>;
  /** The same for a counter across all shops (one counted subject, e.g. an address hash, over every shop). */
  consumeShared(subject: string, name: string, limit: number, expiresAt: number): Promise<CounterResult>;
  /** Gives back what was consumed (a cancelled job frees its place under the daily cap); never below zero. */
  release(shop: string, name: string, amount?: number): Promise<void>;
}
