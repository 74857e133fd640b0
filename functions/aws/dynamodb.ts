// The DynamoDB ports for the AWS composition root: the store, the send path's jobs repository and its limits
// storage, the statistics, sharing one document client per Lambda container.
import { createDocumentClient, type DocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { createStatsRepository } from '#adapters/dynamodb/stats';
import type { AwsPorts } from '../composition';

let client: DocumentClient | undefined;
const doc = () => (client ??= createDocumentClient());

export const dynamodb: AwsPorts = { store: ({ config }) => createStore(doc(), config.TABLE_NAME) };
export const jobs: AwsPorts = { jobs: ({ config }) => createJobsRepository(doc(), config.TABLE_NAME) };
export const sendLimits: AwsPorts = { sendLimits: ({ config }) => createSendLimitsRepository(createStore(doc(), config.TABLE_NAME)) };
export const stats: AwsPorts = { stats: ({ config }) => createStatsRepository(createStore(doc(), config.TABLE_NAME)) };
