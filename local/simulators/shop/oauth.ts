// The shop's OAuth side: one-time install codes, access tokens that expire on the simulated clock,
// refresh tokens that rotate (the old one stops working), and revocation on uninstall.
import { randomBytes } from 'node:crypto';
import type { SimShop, SimToken } from './types';

export const AUTH_CODE_TTL_SECONDS = 10 * 60;
export const ACCESS_TOKEN_TTL_SECONDS = 30 * 24 * 3600; // 2592000, as Shoper answers (guess: see PROTOCOLS.md)
export const TOKEN_SCOPE = 'orders,products,users,statuses,webhooks,application-config,shippings,currencies,languages,parcels';

export interface TokenGrant {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
  scope: string;
}

export type OAuthFailure = { status: 400 | 401; error: string; error_description: string };

function secret(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function issueAuthCode(shop: SimShop, now: Date): string {
  const code = secret(16);
  shop.authCodes = shop.authCodes.filter((c) => !c.used && new Date(c.expiresAt) > now);
  shop.authCodes.push({ code, expiresAt: new Date(now.getTime() + AUTH_CODE_TTL_SECONDS * 1000).toISOString(), used: false });
  return code;
}

function grant(shop: SimShop, now: Date): TokenGrant {
  const token: SimToken = {
    accessToken: secret(20),
    refreshToken: secret(20),
    accessExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
    refreshUsed: false,
    revoked: false,
  };
  shop.tokens.push(token);
  return {
    access_token: token.accessToken,
    refresh_token: token.refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: 'bearer',
    scope: TOKEN_SCOPE,
  };
}

export function exchangeAuthCode(shop: SimShop, code: string, now: Date): TokenGrant | OAuthFailure {
  const entry = shop.authCodes.find((c) => c.code === code);
  if (!shop.installed || !entry || entry.used || new Date(entry.expiresAt) <= now) {
    return { status: 400, error: 'invalid_grant', error_description: 'Authorization code is invalid, expired or already used' };
  }
  entry.used = true;
  return grant(shop, now);
}

export function refresh(shop: SimShop, refreshToken: string, now: Date): TokenGrant | OAuthFailure {
  const token = shop.tokens.find((t) => t.refreshToken === refreshToken);
  if (!shop.installed || !token || token.refreshUsed || token.revoked) {
    return { status: 400, error: 'invalid_grant', error_description: 'Refresh token is invalid or was already used' };
  }
  // Rotation: the old refresh token stops working at once; the old access token lives until it expires.
  token.refreshUsed = true;
  return grant(shop, now);
}

export type AccessCheck = { ok: true } | { ok: false; description: string };

export function checkAccessToken(shop: SimShop, accessToken: string | undefined, now: Date): AccessCheck {
  if (!accessToken) return { ok: false, description: 'Missing Bearer access token' };
  const token = shop.tokens.find((t) => t.accessToken === accessToken);
  if (!token || token.revoked) return { ok: false, description: 'Access token is invalid or revoked' };
  if (new Date(token.accessExpiresAt) <= now) return { ok: false, description: 'Access token expired' };
  return { ok: true };
}

export function revokeAll(shop: SimShop): void {
  for (const token of shop.tokens) token.revoked = true;
  for (const code of shop.authCodes) code.used = true;
}
