// The `events` queue consumer: plans the SMS jobs of each verified Shoper event.
import * as z from 'zod/mini';
import '#domain/zod-mini';
import { awsDeps } from '../composition';
import { dynamodb } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import type { Deps } from '#services/deps';
import { planEvent } from '#services/plan-event';
import type { ShopEventMessage } from '#services/ports';
import { sqsHandler } from './sqs';

const EventMessage = z.object({
  shop: z.string().check(z.minLength(1)),
  event: z.string().check(z.minLength(1)),
  receivedAt: z.string(),
  payload: z.unknown(),
});

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  sqsHandler<ShopEventMessage>(
    getDeps,
    (body) => {
      const parsed = EventMessage.safeParse(body);
      return parsed.success ? (parsed.data as ShopEventMessage) : undefined;
    },
    async (message, deps) => {
      await planEvent(deps, message);
      return 'done';
    },
  );

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('planner', { ...dynamodb, ...kms, ...sendsQueue, ...scheduler, ...ssmSecrets });
export const handler = makeHandler(getDeps);
