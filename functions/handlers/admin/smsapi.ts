// SMSAPI account routes ("Konto SMSAPI"): state, save (pasted token, sender name, replacement), disconnect,
// the OAuth web flow (start + the public callback SMSAPI redirects to) and the test SMS.
import { ADMIN } from '#contracts/admin';
import { completeOAuth, connectionState, disconnectSmsapi, oauthReturn, saveSmsapiSettings } from '#services/smsapi-connection';
import { authorizeUrl, sessionBinding } from '#services/smsapi-oauth';
import { sendTestSms } from '#services/smsapi-test';
import { headersOf, type HttpEvent } from '../http';
import { handle, type AdminRoute } from './route';

/** The admin session an OAuth state is bound to (the route already verified the token). */
const sessionOf = (event: HttpEvent) => sessionBinding(headersOf(event).authorization?.replace(/^Bearer\s+/i, '') ?? '');

export const smsapiRoutes: AdminRoute[] = [
  handle(ADMIN.smsapi, ({ deps, shop }) => connectionState(deps, shop)),
  handle(ADMIN.saveSmsapi, ({ deps, shop, body }) => saveSmsapiSettings(deps, shop, body)),
  handle(ADMIN.disconnectSmsapi, ({ deps, shop }) => disconnectSmsapi(deps, shop)),
  handle(ADMIN.oauthStart, async ({ event, deps, shop }) => ({ url: await authorizeUrl(deps, shop, sessionOf(event)) })),
  // SMSAPI sends the merchant's browser here: no session, so nothing is connected here (see oauthReturn).
  handle(ADMIN.oauthCallback, async ({ event, deps }) => {
    const location = oauthReturn(deps, event.queryStringParameters ?? {});
    return { statusCode: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
  }),
  handle(ADMIN.oauthComplete, ({ event, deps, shop, body }) => completeOAuth(deps, shop, sessionOf(event), body)),
  handle(ADMIN.smsapiTest, ({ deps, shop, body }) => sendTestSms(deps, shop, body.phone)),
];
