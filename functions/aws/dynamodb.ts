// The store port on DynamoDB, for the AWS composition root.
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import type { AwsPorts } from '../composition';

export const dynamodb: AwsPorts = { store: ({ config }) => createStore(createDocumentClient(), config.TABLE_NAME) };
