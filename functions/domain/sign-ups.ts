// Back-in-stock sign-ups (manual 4.5, 4.9): one per phone and product, with the client's consent (time, text
// version, IP hash) and the state the merchant sees: waiting, sent or withdrawn.

export type SignUpStatus = 'waiting' | 'sent' | 'withdrawn';

export interface SignUpConsent {
  at: string;
  textVersion: string;
  /** HMAC-SHA256 of the client's IP with a per-deployment secret: proof without keeping the address. */
  ipHash: string;
  locale: 'pl' | 'en';
}

export interface SignUp {
  id: string;
  shop: string;
  productId: string;
  /** E.164. */
  phone: string;
  clientId?: string;
  productName?: string;
  status: SignUpStatus;
  createdAt: string;
  updatedAt: string;
  consent: SignUpConsent;
  sentAt?: string;
  jobId?: string;
  withdrawnAt?: string;
}

/** Reversible, so an id from the list leads straight to the item (the phone is shown in that list anyway). */
export const signUpId = (productId: string, phone: string) => Buffer.from(`${productId}:${phone}`).toString('base64url');

export function parseSignUpId(id: string): { productId: string; phone: string } | undefined {
  const match = /^(\d{1,12}):(\+\d{6,15})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return match ? { productId: match[1]!, phone: match[2]! } : undefined;
}
