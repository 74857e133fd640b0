// The `events` queue consumer: plans the SMS jobs of each verified Shoper event (its facts, parsed at the edge), and
// runs the setup task an install and the purge task an uninstall leave on the same queue (message kinds of their
// own: SHOP_SETUP_EVENT, SHOP_PURGE_EVENT). A long restock's next page (BACK_IN_STOCK_PAGE_EVENT) is planned like an
// event (plan-event.ts). Messages are validated with their schemas (functions/contracts/queue.ts).
import { awsDeps } from '../composition';
import { shoperHttp } from '../aws/http';
import { baskets, counters, dynamodb, jobs, shopPurge, shortLinks, signUps, staffAlerts } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { eventsQueue, sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { readEventsQueueMessage, SHOP_PURGE_EVENT, SHOP_SETUP_EVENT } from '#contracts/queue';
import type { Deps } from '#services/deps';
import { planEvent, planLegacyEvent } from '#services/plan-event';
import { runShopSetup } from '#services/shop-setup';
import { runShopPurge } from '#services/shop-purge';
import { sqsHandler } from './sqs';

/** The time a planner invocation must have left to start one more message (its timeout is 60 s in the stack). */
export const PLANNER_RESERVE_MS = 35_000;

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  sqsHandler(
    getDeps,
    // A message no schema accepts (a task without its fields, facts without their ids) goes to the DLQ, where a
    // person can see it.
    readEventsQueueMessage,
    async (message, deps) => {
      if ('legacy' in message) {
        await planLegacyEvent(deps, message.legacy);
        return 'done';
      }
      if (message.event === SHOP_SETUP_EVENT) {
        // Retries are queued by the task itself (with a backoff honouring Retry-After), so this message is done.
        await runShopSetup(deps, message.shop, message.payload);
        return 'done';
      }
      if (message.event === SHOP_PURGE_EVENT) {
        // Its continuation is queued by the purge itself; a failure retries this message (then the DLQ).
        await runShopPurge(deps, message.shop, message.payload);
        return 'done';
      }
      await planEvent(deps, message);
      return 'done';
    },
    // A restock page or a purge round takes up to ~30 s of the planner's 60: one is started only with 35 s left.
    {
      reserveMs: PLANNER_RESERVE_MS,
      requeue: (message, deps) => deps.eventsQueue.send('legacy' in message ? (message.legacy as never) : message),
    },
  );

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('planner', {
  ...shoperHttp,
  ...dynamodb,
  ...jobs,
  ...shopPurge,
  ...staffAlerts,
  ...shortLinks,
  ...signUps,
  ...baskets,
  ...counters,
  ...eventsQueue,
  ...kms,
  ...sendsQueue,
  ...scheduler,
  ...ssmSecrets,
});
export const handler = makeHandler(getDeps);
