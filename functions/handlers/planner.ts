// The `events` queue consumer: plans the SMS jobs of each verified Shoper event, and runs the setup task an install
// and the purge task an uninstall leave on the same queue (message kinds of their own: SHOP_SETUP_EVENT,
// SHOP_PURGE_EVENT).
import * as z from 'zod/mini';
import '#domain/zod-mini';
import { awsDeps } from '../composition';
import { dynamodb, shopPurge, staffAlerts } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { eventsQueue, sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import type { Deps } from '#services/deps';
import { planEvent } from '#services/plan-event';
import { runShopSetup, SHOP_SETUP_EVENT, ShopSetupTask } from '#services/shop-setup';
import { runShopPurge, SHOP_PURGE_EVENT, ShopPurgeTask } from '#services/shop-purge';
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
      if (message.event === SHOP_SETUP_EVENT) {
        const task = ShopSetupTask.safeParse(message.payload);
        if (!task.success) {
          deps.logger.error('shop setup task not understood', { shop: message.shop });
          return 'retry'; // to the DLQ, where a person can see it
        }
        // Retries are queued by the task itself (with a backoff honouring Retry-After), so this message is done.
        await runShopSetup(deps, message.shop, task.data);
        return 'done';
      }
      if (message.event === SHOP_PURGE_EVENT) {
        const task = ShopPurgeTask.safeParse(message.payload);
        if (!task.success) {
          deps.logger.error('shop purge task not understood', { shop: message.shop });
          return 'retry';
        }
        // Its continuation is queued by the purge itself; a failure retries this message (then the DLQ).
        await runShopPurge(deps, message.shop, task.data);
        return 'done';
      }
      await planEvent(deps, message);
      return 'done';
    },
  );

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('planner', { ...dynamodb, ...shopPurge, ...staffAlerts, ...eventsQueue, ...kms, ...sendsQueue, ...scheduler, ...ssmSecrets });
export const handler = makeHandler(getDeps);
