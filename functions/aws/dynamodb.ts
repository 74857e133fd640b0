// The DynamoDB ports for the AWS composition root: the shop store, the send path's jobs repository and its limits
// storage, and the shop side's repositories (purge, SMSAPI account, staff alerts), sharing one document client per
// Lambda container.
import { createDocumentClient, type DocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { createUninstallRepository } from '#adapters/dynamodb/uninstall';
import { createSmsapiAccountRepository } from '#adapters/dynamodb/smsapi-account';
import { createStaffAlertsRepository } from '#adapters/dynamodb/staff-alerts';
import type { AwsPorts } from '../composition';

let client: DocumentClient | undefined;
const doc = () => (client ??= createDocumentClient());

/** The concrete store (with the raw client the adapters build on), one per container. */
let concrete: ReturnType<typeof createStore> | undefined;
const table = (tableName: string) => (concrete ??= createStore(doc(), tableName));

export const dynamodb: AwsPorts = { store: ({ config }) => table(config.TABLE_NAME) };
export const jobs: AwsPorts = { jobs: ({ config }) => createJobsRepository(doc(), config.TABLE_NAME) };
export const sendLimits: AwsPorts = { sendLimits: ({ config }) => createSendLimitsRepository(table(config.TABLE_NAME)) };
// The shop side's repositories.
export const shopPurge: AwsPorts = { shopPurge: ({ config }) => createUninstallRepository(table(config.TABLE_NAME)) };
export const smsapiAccount: AwsPorts = { smsapiAccount: ({ config }) => createSmsapiAccountRepository(table(config.TABLE_NAME)) };
export const staffAlerts: AwsPorts = { staffAlerts: ({ config }) => createStaffAlertsRepository(table(config.TABLE_NAME)) };
