// SMSAPI account routes ("Konto SMSAPI"): state, save (pasted token, sender name, replacement), disconnect,
// the OAuth web flow (start + the public callback SMSAPI redirects to) and the test SMS.
import { SmsapiSettingsBody, SmsapiTestBody } from '#domain/api-smsapi';
import { completeOAuth, connectionState, disconnectSmsapi, saveSmsapiSettings } from '#services/smsapi-connection';
import { authorizeUrl } from '#services/smsapi-oauth';
import { sendTestSms } from '#services/smsapi-test';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

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
    async run({ deps, shop }) {
      return json(200, { url: await authorizeUrl(deps, shop) });
    },
  },
  {
    method: 'GET',
    path: '/smsapi/oauth/callback',
    // SMSAPI sends the merchant's browser here: no session, the signed `state` names the shop.
    public: true,
    async run({ event, deps }) {
      const location = await completeOAuth(deps, event.queryStringParameters ?? {});
      return { statusCode: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
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
