// The queue ports on SQS, for the AWS composition root; one client shared by both queues.
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsQueue } from '#adapters/sqs-queue';
import type { AwsPorts } from '../composition';

let client: SQSClient | undefined;
const sqs = () => (client ??= new SQSClient({}));

export const eventsQueue: AwsPorts = { eventsQueue: ({ config }) => createSqsQueue(sqs(), config.EVENTS_QUEUE_URL ?? '') };
export const sendsQueue: AwsPorts = { sendsQueue: ({ config }) => createSqsQueue(sqs(), config.SENDS_QUEUE_URL ?? '') };
