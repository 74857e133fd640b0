// The storefront endpoints behind the widget (public, hostile input: every field bounded and unknown fields refused):
// their request and response schemas and their route contracts. The admin notification list is in subscriptions.ts.
import * as z from 'zod/mini';
import { route } from './route';

/** Shoper ids are numbers; the page may hand them over as strings. */
const shoperId = (name: string) =>
  z.pipe(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v) => String(v).trim()),
    ),
    z.string().check(z.regex(/^[1-9]\d{0,11}$/, `${name} must be a Shoper id (digits)`)),
  );

const Honeypot = z.optional(z.string().check(z.maxLength(500)));

export const StorefrontLocale = z.pipe(
  z.optional(z.string().check(z.maxLength(10))),
  z.transform((v): 'pl' | 'en' => (v?.toLowerCase().startsWith('en') ? 'en' : 'pl')),
);

export const SubscribeRequest = z.strictObject({
  productId: shoperId('productId'),
  phone: z.string().check(z.trim(), z.minLength(3), z.maxLength(32)),
  consent: z.literal(true, { message: 'consent must be true: the client has to agree to the SMS' }),
  consentTextVersion: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,40}$/, 'consentTextVersion: 1-40 letters, digits, . _ -')),
  locale: StorefrontLocale,
  clientId: z.optional(shoperId('clientId')),
  /** Honeypot: a hidden field people never fill in. */
  website: Honeypot,
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const WithdrawRequest = z.union([
  z.strictObject({
    token: z.string().check(z.regex(/^[A-Za-z0-9_.-]{20,200}$/, 'token is not a withdrawal token')),
    locale: StorefrontLocale,
  }),
  z.strictObject({
    productId: shoperId('productId'),
    phone: z.string().check(z.trim(), z.minLength(3), z.maxLength(32)),
    locale: StorefrontLocale,
  }),
]);
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

/** A consent flag in an anonymous storefront request: refused with a clear code, never taken as consent. */
const ConsentFromPage = z.optional(
  z.unknown().check(
    z.refine((v) => v === undefined, {
      message:
        'zgoda przysłana ze strony nie jest przyjmowana: przypomnienia o koszyku dostają tylko klienci zapisani do newslettera w sklepie / consent sent by the page is not accepted: only clients subscribed to the shop newsletter get basket reminders',
      params: { code: 'CONSENT_NOT_ACCEPTED' },
    }),
  ),
);

export const BasketActivityRequest = z.strictObject({
  /** The logged-in client's Shoper user id (frontAPI.getUser().user_id on a Shoper storefront). */
  clientId: shoperId('clientId'),
  itemsCount: z.number().check(z.int(), z.gte(0), z.lte(10_000)),
  /**
   * Refused: anybody can send this request for any client id, so a consent flag in it proves nothing. Basket
   * reminders go on the consent the shop recorded: the client's newsletter flag, read from Shoper.
   */
  consent: ConsentFromPage,
  consentTextVersion: ConsentFromPage,
  locale: StorefrontLocale,
  website: Honeypot,
});
export type BasketActivityRequest = z.infer<typeof BasketActivityRequest>;

export const WidgetConfigRequest = z.strictObject({ locale: StorefrontLocale });

export const SubscribeResponse = z.object({
  status: z.literal('waiting'),
  duplicate: z.boolean(),
  /** Lets the page offer "withdraw" without asking for the number again. */
  withdrawToken: z.string(),
  message: z.string(),
});

export const WidgetConfigResponse = z.object({
  backInStock: z.boolean(),
  basketReminders: z.boolean(),
});

export const WithdrawResponse = z.looseObject({ status: z.literal('withdrawn'), message: z.string() });

export const BasketActivityResponse = z.looseObject({
  status: z.enum(['planned', 'updated', 'cleared', 'ignored']),
  dueAt: z.optional(z.string()),
  reason: z.optional(z.string()),
});

/** What every storefront route may answer: unknown shop, foreign origin, rate limited, bad body. */
const STOREFRONT_ERRORS = [
  'SHOP_NOT_FOUND',
  'ORIGIN_NOT_ALLOWED',
  'RATE_LIMITED',
  'PATH_INVALID',
  'CONTENT_TYPE_UNSUPPORTED',
  'BODY_TOO_LARGE',
  'BODY_INVALID_JSON',
  'FIELD_INVALID',
] as const;

/**
 * The public storefront routes behind the widget (POST, CORS; OPTIONS answers the preflight). `{shop}` is the
 * shop's licence as the widget's settings name it. The keys are the actions the handler rate-limits by.
 */
export const STOREFRONT = {
  config: route({
    method: 'POST',
    path: '/storefront/{shop}/config',
    public: true,
    tag: 'storefront',
    summary: 'Which widget features the shop switched on',
    body: WidgetConfigRequest,
    response: WidgetConfigResponse,
    errors: STOREFRONT_ERRORS,
  }),
  subscriptions: route({
    method: 'POST',
    path: '/storefront/{shop}/subscriptions',
    public: true,
    tag: 'storefront',
    summary: 'Sign up for a back-in-stock SMS',
    body: SubscribeRequest,
    response: SubscribeResponse,
    status: 201,
    errors: [
      ...STOREFRONT_ERRORS,
      'BACK_IN_STOCK_DISABLED',
      'PRODUCT_UNKNOWN',
      'PRODUCT_AVAILABLE',
      'PHONE_INVALID',
      'PHONE_NOT_MOBILE',
      'PHONE_COUNTRY_NOT_ALLOWED',
    ],
  }),
  'subscriptions/withdraw': route({
    method: 'POST',
    path: '/storefront/{shop}/subscriptions/withdraw',
    public: true,
    tag: 'storefront',
    summary: 'Withdraw a sign-up (by its token, or product and phone)',
    body: WithdrawRequest,
    response: WithdrawResponse,
    errors: [...STOREFRONT_ERRORS, 'WITHDRAW_TOKEN_INVALID', 'PHONE_INVALID'],
  }),
  basket: route({
    method: 'POST',
    path: '/storefront/{shop}/basket',
    public: true,
    tag: 'storefront',
    summary: "A logged-in client's basket changed (abandoned-cart reminders)",
    body: BasketActivityRequest,
    response: BasketActivityResponse,
    status: 202,
    errors: [...STOREFRONT_ERRORS, 'CONSENT_NOT_ACCEPTED'],
  }),
} as const;
export type StorefrontContracts = typeof STOREFRONT;
export type StorefrontAction = keyof StorefrontContracts;
