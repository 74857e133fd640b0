// The SMSAPI gateway port (HTTPS), for the AWS composition root: only the functions that talk to SMSAPI carry it.
import { createSmsapiGateway } from '#adapters/smsapi-http';
import type { AwsPorts } from '../composition';

export const smsapi: AwsPorts = {
  sms: ({ config }) => createSmsapiGateway({ baseUrl: config.SMSAPI_URL, timeoutMs: config.SMSAPI_TIMEOUT_MS }),
};
