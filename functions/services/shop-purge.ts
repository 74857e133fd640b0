// Use case: finish an uninstall outside the App Store request. The request only marks the shop "uninstalling"
// (webhooks, admin sessions and the storefront refuse it from then on) and queues this task on the `events` queue
// (a message of its own kind, run by the planner function). Each run deletes the SMSAPI token, the schedules and
// then the items in bounded steps for a time budget, queues its own continuation, and deletes the shop record
// last, so an interrupted purge (timeout, crash) is resumed by the next message or a repeated uninstall.
import { performance } from 'node:perf_hooks';
import { SHOP_PURGE_EVENT, type ShopPurgeTask } from '#contracts/queue';
import type { Deps } from './deps';
import { seedExampleCelebrations } from './celebrations';
import { enqueueShopSetup, startingSetup } from './shop-setup';

const SCHEDULES_PER_STEP = 100;
const ITEMS_PER_STEP = 500;

export interface ShopPurgeOutcome {
  /** `done`: nothing of the shop is left; `reinstalled`: and the install that waited is the shop now. */
  result: 'done' | 'reinstalled' | 'continuing' | 'stale';
  schedules: number;
  items: number;
}

export async function enqueueShopPurge(deps: Deps, shop: string, task: ShopPurgeTask): Promise<void> {
  await deps.eventsQueue.send({ shop, event: SHOP_PURGE_EVENT, receivedAt: deps.clock.now().toISOString(), payload: task });
}

export async function runShopPurge(
  deps: Deps,
  shopId: string,
  task: ShopPurgeTask,
  budgetMs = deps.config.UNINSTALL_PURGE_BUDGET_MS,
): Promise<ShopPurgeOutcome> {
  const outcome: ShopPurgeOutcome = { result: 'stale', schedules: 0, items: 0 };
  const shop = await deps.store.getShop(shopId);
  // Finished by an earlier copy of this task, or the shop belongs to a later install or uninstall by now.
  if (!shop || shop.status !== 'uninstalling' || shop.uninstall?.id !== task.uninstallId) return outcome;
  const started = performance.now();
  // Every run makes at least one step of progress, however small its budget.
  const timeLeft = () => performance.now() - started < budgetMs;
  const repo = deps.shopPurge;

  // The SMSAPI token first: from here on nothing can be sent in the shop's name.
  await deps.store.deleteSmsapi(shopId);
  let more: boolean;
  // Schedules before items: a schedule that fired now would only find a job to fail and log.
  do {
    const n = await deps.scheduler.cancelAllOfShop(shopId, SCHEDULES_PER_STEP);
    outcome.schedules += n;
    more = n >= SCHEDULES_PER_STEP;
  } while (more && timeLeft());
  if (!more) {
    do {
      const step = await repo.deleteShopItems(shopId, ITEMS_PER_STEP);
      outcome.items += step.deleted;
      more = step.more;
    } while (more && timeLeft());
  }
  if (more) {
    await enqueueShopPurge(deps, shopId, { uninstallId: task.uninstallId, round: task.round + 1 });
    deps.logger.info('shop purge continues', { shop: shopId, round: task.round, schedules: outcome.schedules, items: outcome.items });
    return { ...outcome, result: 'continuing' };
  }

  // Only the shop record is left: delete it, or hand it to the install that waited for the purge.
  const end = await repo.finishUninstall(shopId, task.uninstallId);
  if (end === 'reinstalled') {
    const installId = (await deps.store.getShop(shopId))?.setup?.installId;
    await seedExampleCelebrations(deps, shopId);
    if (installId) {
      // Its setup starts now (not when it waited): the panel tells a slow setup from a stuck one by this time.
      await deps.store.updateShop(shopId, { setup: startingSetup(installId, deps.clock.now()) }, { installId });
      await enqueueShopSetup(deps, shopId, { installId, attempt: 1 });
    }
  }
  deps.logger.info('shop purged', { shop: shopId, round: task.round, schedules: outcome.schedules, items: outcome.items, end });
  return { ...outcome, result: end === 'reinstalled' ? 'reinstalled' : end === 'deleted' ? 'done' : 'stale' };
}
