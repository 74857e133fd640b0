// Request and response schemas of the storefront endpoints (public, hostile input: every field bounded and
// unknown fields refused) and of the admin notification list (manual 4.9).
import * as z from 'zod';
import { CursorField } from './cursor';

/** Shoper ids are numbers; the page may hand them over as strings. */
const shoperId = (name: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^[1-9]\d{0,11}$/, `${name} must be a Shoper id (digits)`));

const Honeypot = z.string().max(500).optional();

export const StorefrontLocale = z
  .string()
  .max(10)
  .optional()
  .transform((v): 'pl' | 'en' => (v?.toLowerCase().startsWith('en') ? 'en' : 'pl'));

export const SubscribeRequest = z
  .object({
    productId: shoperId('productId'),
    phone: z.string().trim().min(3).max(32),
    consent: z.literal(true, { message: 'consent must be true: the client has to agree to the SMS' }),
    consentTextVersion: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'consentTextVersion: 1-40 letters, digits, . _ -'),
    locale: StorefrontLocale,
    clientId: shoperId('clientId').optional(),
    /** Honeypot: a hidden field people never fill in. */
    website: Honeypot,
  })
  .strict();
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const WithdrawRequest = z.union([
  z.object({ token: z.string().regex(/^[A-Za-z0-9_.-]{20,200}$/, 'token is not a withdrawal token'), locale: StorefrontLocale }).strict(),
  z
    .object({ productId: shoperId('productId'), phone: z.string().trim().min(3).max(32), locale: StorefrontLocale })
    .strict(),
]);
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

/** A consent flag in an anonymous storefront request: refused with a clear code, never taken as consent. */
const ConsentFromPage = z
  .unknown()
  .refine((v) => v === undefined, {
    message:
      'zgoda przysłana ze strony nie jest przyjmowana: przypomnienia o koszyku dostają tylko klienci zapisani do newslettera w sklepie / consent sent by the page is not accepted: only clients subscribed to the shop newsletter get basket reminders',
    params: { code: 'CONSENT_NOT_ACCEPTED' },
  })
  .optional();

export const BasketActivityRequest = z
  .object({
    /** The logged-in client's Shoper user id (frontAPI.getUser().user_id on a Shoper storefront). */
    clientId: shoperId('clientId'),
    itemsCount: z.number().int().min(0).max(10_000),
    /**
     * Refused: anybody can send this request for any client id, so a consent flag in it proves nothing. Basket
     * reminders go on the consent the shop recorded: the client's newsletter flag, read from Shoper.
     */
    consent: ConsentFromPage,
    consentTextVersion: ConsentFromPage,
    locale: StorefrontLocale,
    website: Honeypot,
  })
  .strict();
export type BasketActivityRequest = z.infer<typeof BasketActivityRequest>;

export const WidgetConfigRequest = z.object({ locale: StorefrontLocale }).strict();

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

export const SignUpStatus = z.enum(['waiting', 'sent', 'withdrawn']);

export const SubscriptionListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorField,
});

export const SubscriptionView = z.object({
  id: z.string(),
  clientId: z.string().optional(),
  phone: z.string(),
  productId: z.string(),
  productName: z.string().optional(),
  status: SignUpStatus,
  createdAt: z.string(),
  sentAt: z.string().optional(),
  withdrawnAt: z.string().optional(),
  /** The SMS planned for the sign-up: its true state (it may wait for the sending hours before it leaves). */
  message: z
    .object({ state: z.string(), dueAt: z.string(), sentAt: z.string().optional(), deliveredAt: z.string().optional() })
    .optional(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionListResponse = z.object({
  items: z.array(SubscriptionView),
  cursor: z.string().optional(),
  total: z.number().int(),
});

export const SubscriptionDeleteBody = z.object({
  ids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,200}$/)).min(1).max(500),
});
