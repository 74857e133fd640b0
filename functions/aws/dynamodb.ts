// The DynamoDB ports for the AWS composition root: the shop store, the send path's jobs repository and its limits
// storage, the statistics, the shop side's repositories (purge, SMSAPI account, staff alerts) and the storefront's,
// sharing one document client per Lambda container.
import { createDocumentClient, type DocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { createShortLinkRepository } from '#adapters/dynamodb/short-links';
import { createSignUpRepository } from '#adapters/dynamodb/subscriptions';
import { createBasketRepository } from '#adapters/dynamodb/carts';
import { createCounterRepository } from '#adapters/dynamodb/rate-limits';
import { createStatsRepository } from '#adapters/dynamodb/stats';
import type { AwsPorts } from '../composition';
import { createUninstallRepository } from '#adapters/dynamodb/uninstall';
import { createSmsapiAccountRepository } from '#adapters/dynamodb/smsapi-account';
import { createStaffAlertsRepository } from '#adapters/dynamodb/staff-alerts';

let client: DocumentClient | undefined;
const doc = () => (client ??= createDocumentClient());

// The shop side's repositories (functions/services/shop-repositories.ts), on the DynamoDB store.
export const shopPurge: AwsPorts = { shopPurge: ({ config }) => createUninstallRepository(createStore(doc(), config.TABLE_NAME)) };
export const smsapiAccount: AwsPorts = {
  smsapiAccount: ({ config }) => createSmsapiAccountRepository(createStore(doc(), config.TABLE_NAME)),
};
export const staffAlerts: AwsPorts = { staffAlerts: ({ config }) => createStaffAlertsRepository(createStore(doc(), config.TABLE_NAME)) };

export const dynamodb: AwsPorts = { store: ({ config }) => createStore(doc(), config.TABLE_NAME) };
export const jobs: AwsPorts = { jobs: ({ config }) => createJobsRepository(doc(), config.TABLE_NAME) };
export const sendLimits: AwsPorts = { sendLimits: ({ config }) => createSendLimitsRepository(createStore(doc(), config.TABLE_NAME)) };

// Storefront and links storage (functions/services/storefront-repositories.ts), straight from the document client.
export const shortLinks: AwsPorts = { shortLinks: ({ config }) => createShortLinkRepository(doc(), config.TABLE_NAME) };
/** The storefront's: item by item, since a public function is granted no bulk action (lib/table-actions.ts). */
export const shortLinksItemByItem: AwsPorts = {
  shortLinks: ({ config }) => createShortLinkRepository(doc(), config.TABLE_NAME, { bulk: false }),
};
export const signUps: AwsPorts = { signUps: ({ config }) => createSignUpRepository(doc(), config.TABLE_NAME) };
export const baskets: AwsPorts = { baskets: ({ config }) => createBasketRepository(doc(), config.TABLE_NAME) };
export const counters: AwsPorts = { counters: ({ config }) => createCounterRepository(doc(), config.TABLE_NAME) };
export const stats: AwsPorts = { stats: ({ config }) => createStatsRepository(createStore(doc(), config.TABLE_NAME)) };
