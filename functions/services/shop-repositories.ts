// The shop side's storage ports beyond the shop store (shop-store.ts): the uninstall purge's steps, the SMSAPI
// account's health, remembered choices, token swap and OAuth state nonces, and the staff alerts. Intent-named;
// no storage expressions above the adapters. Adapters: functions/adapters/dynamodb/{uninstall,smsapi-account,
// smsapi-refs,staff-alerts}.ts; in-memory twins: test/support/fake-shop.ts.
import type { ErrorLogEntry } from '#domain/model';
import type { AccountCheck, SmsapiChoices } from '#domain/shop-data';
import type { StaffAlerts } from '#domain/staff-alerts';

/** The uninstall purge's storage steps (shop-purge.ts): bounded, so a shop of any size goes in many small runs. */
export interface ShopPurgeRepository {
  /** Whether anything at all is stored for the shop (an uninstall cut off by an older version left some). */
  hasShopData(shop: string): Promise<boolean>;
  /**
   * One bounded step: deletes up to `limit` of the shop's items (with the short links they own), never the shop
   * record (the uninstall mark, deleted last by finishUninstall). `more` while anything else may remain.
   */
  deleteShopItems(shop: string, limit: number): Promise<{ deleted: number; more: boolean }>;
  /**
   * The last step, for the uninstall `uninstallId` only: with no install waiting the record goes ('deleted'); with
   * one (`pendingInstall`) that install becomes the record ('reinstalled'). 'stale' when the record is gone or
   * belongs to something else by now.
   */
  finishUninstall(shop: string, uninstallId: string): Promise<'deleted' | 'reinstalled' | 'stale'>;
}

/** The SMSAPI account beyond the connection itself (ShopStore.getSmsapi): its health, choices, tokens, OAuth state. */
export interface SmsapiAccountRepository {
  recordCheck(shop: string, check: AccountCheck): Promise<void>;
  latestCheck(shop: string): Promise<AccountCheck | undefined>;
  deleteCheck(shop: string): Promise<void>;
  rememberChoices(shop: string, choices: SmsapiChoices): Promise<void>;
  lastChoices(shop: string): Promise<SmsapiChoices | undefined>;
  /** The newest error-log entry since `since` whose code is one of `codes`. */
  newestErrorWithCode(shop: string, since: string, codes: readonly number[]): Promise<ErrorLogEntry | undefined>;
  /** Changes the merchant's choices only, leaving the tokens as they are; false when not connected. */
  updateSettings(shop: string, settings: { senderName?: string; replaceSpecialCharacters?: boolean }): Promise<boolean>;
  /**
   * Replaces the stored OAuth tokens only if the access token is still `expected`: two senders refreshing at once
   * cannot clobber each other, nor a sender name saved meanwhile. False if it changed.
   */
  replaceTokens(shop: string, expected: string, token: string, refreshToken: string): Promise<boolean>;
  /** Remembers a fresh OAuth state nonce for this admin session until `expiresAt`. */
  saveOAuthState(shop: string, nonce: string, session: string, expiresAt: Date): Promise<void>;
  /** Uses a state nonce up: true only for the session that asked for it, before it expires, and only once. */
  consumeOAuthState(shop: string, nonce: string, session: string, now: Date): Promise<boolean>;
}

/** The staff alerts' settings and the per-product run-out markers that make "out of stock" alert once per run-out. */
export interface StaffAlertsRepository {
  get(shop: string): Promise<Partial<StaffAlerts> | undefined>;
  put(shop: string, value: StaffAlerts): Promise<void>;
  /**
   * Opens the product's run-out for the event `eventKey`: true when this event opened it (also on a retry of the
   * same event), false when the product was already out of stock through an earlier event.
   */
  openRunOut(shop: string, productId: string, eventKey: string, at: string): Promise<boolean>;
  /** The product is in stock again: its next run-out alerts anew. */
  closeRunOut(shop: string, productId: string, at: string): Promise<void>;
}
