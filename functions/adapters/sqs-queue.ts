// Queue port on Amazon SQS.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Queue } from '#services/ports';

export function createSqsQueue<T>(client: SQSClient, queueUrl: string): Queue<T> {
  return {
    async send(message: T, options?: { delaySeconds?: number }) {
      const delay = Math.min(900, Math.max(0, Math.floor(options?.delaySeconds ?? 0)));
      await client.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message), ...(delay > 0 ? { DelaySeconds: delay } : {}) }),
      );
    },
  };
}
