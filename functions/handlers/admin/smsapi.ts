// SMSAPI account routes ("Konto SMSAPI"): state, save (pasted token, sender name, replacement), disconnect,
// the OAuth web flow (start + the public callback SMSAPI redirects to) and the test SMS.
import { OAuthCompleteBody, SmsapiSettingsBody, SmsapiTestBody } from '#domain/api-smsapi';
import { completeOAuth, connectionState, disconnectSmsapi, oauthReturn, saveSmsapiSettings } from '#services/smsapi-connection';
import { authorizeUrl, sessionBinding } from '#services/smsapi-oauth';
import { sendTestSms } from '#services/smsapi-test';
import { headersOf, json, jsonBody, type HttpEvent } from '../http';
import type { AdminRoute } from './route';

/** The admin session an OAuth state is bound to (the route already verified the token). */
const sessionOf = (event: HttpEvent) => sessionBinding(headersOf(event).authorization?.replace(/^Bearer\s+/i, '') ?? '');

export const smsapiRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/smsapi',
    async run({ deps, shop }) {
      return json(200, await connectionState(deps, shop));
    },
  },
  {
    method: 'PUT',
    path: '/api/smsapi',
    async run({ event, deps, shop }) {
      return json(200, await saveSmsapiSettings(deps, shop, jsonBody(event, SmsapiSettingsBody)));
    },
  },
  {
    method: 'DELETE',
    path: '/api/smsapi',
    async run({ deps, shop }) {
      return json(200, await disconnectSmsapi(deps, shop));
    },
  },
  {
    method: 'GET',
    path: '/api/smsapi/oauth/start',
    async run({ event, deps, shop }) {
      return json(200, { url: await authorizeUrl(deps, shop, sessionOf(event)) });
    },
  },
  {
    method: 'GET',
    path: '/smsapi/oauth/callback',
    // SMSAPI sends the merchant's browser here: no session, so nothing is connected here (see oauthReturn).
    public: true,
    async run({ event, deps }) {
      const location = oauthReturn(deps, event.queryStringParameters ?? {});
      return { statusCode: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
    },
  },
  {
    method: 'POST',
    path: '/api/smsapi/oauth/complete',
    async run({ event, deps, shop }) {
      return json(200, await completeOAuth(deps, shop, sessionOf(event), jsonBody(event, OAuthCompleteBody)));
    },
  },
  {
    method: 'POST',
    path: '/api/smsapi/test',
    async run({ event, deps, shop }) {
      return json(200, await sendTestSms(deps, shop, jsonBody(event, SmsapiTestBody).phone));
    },
  },
];
