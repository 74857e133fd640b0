// The HTTP ports for the AWS composition root: Shoper's REST API and OAuth token endpoint, SMSAPI's OAuth token
// endpoint. No SDK client, but only the functions that call them wire them, so the others do not bundle the code.
import { createShoperHttp } from '#adapters/shoper-http';
import { createSmsapiOAuthHttp } from '#adapters/smsapi-oauth-http';
import type { AwsPorts } from '../composition';

export const shoperHttp: AwsPorts = { shoperHttp: () => createShoperHttp() };
export const smsapiOAuth: AwsPorts = { smsapiOAuth: () => createSmsapiOAuthHttp() };
