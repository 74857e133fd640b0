// The App Store lifecycle against the in-memory ports (no Java): install (tokens traded and sealed, setup queued),
// the setup task (catalogue read, one webhook per event), uninstall (marked, purge queued) and the purge (nothing of
// the shop left), plus an install that arrives while the purge runs and the refusals that change nothing.
import { AppError } from '#domain/errors';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import { appstoreSignature, handleAppstoreEvent } from '#services/appstore';
import { SHOP_PURGE_EVENT, SHOP_SETUP_EVENT, ShopPurgeTask, ShopSetupTask } from '#contracts/queue';
import { runShopPurge } from '#services/shop-purge';
import { runShopSetup } from '#services/shop-setup';
import { createUnitDeps, UNIT_SECRETS } from '../../support/fake-deps';

const SHOP = 'shop-42';
const T0 = new Date('2026-03-03T10:00:00Z');

function lifecycle(action: string, at: Date, extra: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = { action, shop: SHOP, timestamp: String(Math.floor(at.getTime() / 1000)), ...extra };
  return { ...fields, hash: appstoreSignature(fields, UNIT_SECRETS.appstoreSecret) };
}
const install = (at: Date, authCode = 'auth-code') =>
  lifecycle('install', at, { shop_url: 'https://sklep.example', auth_code: authCode, application_version: '3' });

function setup() {
  const t = createUnitDeps({ now: T0, shoper: { authCode: 'auth-code', shopName: 'Sklep Testowy' } });
  /** The tasks queued on the `events` queue so far, of one kind, taken off the queue. */
  const take = (event: string) => {
    const found = t.events.filter((e) => e.message.event === event);
    t.events.splice(0, t.events.length, ...t.events.filter((e) => e.message.event !== event));
    return found.map((e) => ('payload' in e.message ? e.message.payload : undefined));
  };
  return { ...t, take };
}

test('install → setup → uninstall → purge: the shop is set up once, and after the purge nothing of it is left', async () => {
  const t = setup();
  expect(await handleAppstoreEvent(t.deps, install(T0))).toMatchObject({ action: 'install', result: 'installed' });
  const installed = (await t.deps.store.getShop(SHOP))!;
  expect(installed).toMatchObject({
    status: 'installed',
    shopUrl: 'https://sklep.example',
    webhookMode: 'app',
    setup: { state: 'setting-up', attempts: 0 },
  });
  // Tokens are kept sealed, never in clear.
  expect(installed.tokens!.accessToken).toBe(`sealed(${SHOP}):access-1`);
  expect(JSON.stringify(installed)).not.toContain('"access-1"');
  // The manual's example celebrations, switched off.
  const examples = await t.deps.store.listCelebrations(SHOP);
  expect(examples.length).toBeGreaterThan(0);
  expect(examples.every((c) => c.active === false)).toBe(true);

  const [task] = t.take(SHOP_SETUP_EVENT);
  expect(await runShopSetup(t.deps, SHOP, ShopSetupTask.parse(task))).toBe('done');
  const ready = (await t.deps.store.getShop(SHOP))!;
  expect(ready.setup).toMatchObject({ state: 'done', attempts: 1 });
  expect(ready.shopName).toBe('Sklep Testowy');
  expect(ready.statuses?.map((s) => s.name)).toEqual(['Złożone', 'Wysłane']);
  expect(ready.defaultCurrency).toBe('PLN');
  // One webhook per supported event, all to our endpoint, each recorded with its event.
  expect(t.shoper.webhooks.map((w) => w.events[0]).sort()).toEqual([...SUPPORTED_EVENTS].sort());
  expect(new Set(t.shoper.webhooks.map((w) => w.url))).toEqual(new Set([`${t.deps.config.PUBLIC_URL}/shoper/webhooks`]));
  expect(Object.values(ready.webhookEvents ?? {}).sort()).toEqual([...SUPPORTED_EVENTS].sort());
  // A redelivered setup task does nothing.
  const calls = t.shoper.calls.length;
  expect(await runShopSetup(t.deps, SHOP, ShopSetupTask.parse(task))).toBe('stale');
  expect(t.shoper.calls).toHaveLength(calls);

  // The shop has data of every kind by now.
  await t.deps.store.putSmsapi(SHOP, {
    token: 'smsapi-token',
    method: 'token',
    login: 'demo',
    replaceSpecialCharacters: false,
    connectedAt: T0.toISOString(),
  });
  await t.deps.store.addError(SHOP, { id: 'e1', at: T0.toISOString(), code: 101, message: 'x' } as never);
  await t.deps.store.createJob({
    shop: SHOP,
    jobId: 'j1',
    kind: 'order-status',
    phone: '+48500100200',
    text: 'SMS',
    dueAt: '2026-03-04T10:00:00Z',
    state: 'SCHEDULED',
    attempts: 0,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    source: { event: 'order.status', orderId: '7' },
  });
  await t.deps.scheduler.schedule({ shop: SHOP, jobId: 'j1' }, new Date('2026-03-04T10:00:00Z'));

  const later = new Date(T0.getTime() + 60_000);
  t.setNow(later);
  expect(await handleAppstoreEvent(t.deps, lifecycle('uninstall', later))).toMatchObject({ result: 'uninstalling' });
  expect(await t.deps.store.getShop(SHOP)).toMatchObject({ status: 'uninstalling' });
  const [purge] = t.take(SHOP_PURGE_EVENT);
  expect(await runShopPurge(t.deps, SHOP, ShopPurgeTask.parse(purge))).toMatchObject({ result: 'done', schedules: 1 });

  expect(t.world.items.has(SHOP)).toBe(false);
  expect(await t.deps.store.listJobs(SHOP)).toEqual([]);
  expect(t.schedules.size).toBe(0);
  expect(await t.deps.shopPurge.hasShopData(SHOP)).toBe(false);
  // A second copy of the purge task, and a repeated uninstall, find nothing to do.
  expect(await runShopPurge(t.deps, SHOP, ShopPurgeTask.parse(purge))).toMatchObject({ result: 'stale' });
  expect(await handleAppstoreEvent(t.deps, lifecycle('uninstall', later))).toMatchObject({ result: 'unknown-shop' });
  expect(t.take(SHOP_PURGE_EVENT)).toEqual([]);
});

test('an install that arrives while the purge runs waits for it, then becomes the shop and is set up', async () => {
  const t = setup();
  await handleAppstoreEvent(t.deps, install(T0));
  await runShopSetup(t.deps, SHOP, ShopSetupTask.parse(t.take(SHOP_SETUP_EVENT)[0]));
  await t.deps.store.addError(SHOP, { id: 'e1', at: T0.toISOString(), code: 101, message: 'x' } as never);
  const t1 = new Date(T0.getTime() + 60_000);
  t.setNow(t1);
  await handleAppstoreEvent(t.deps, lifecycle('uninstall', t1));

  const t2 = new Date(T0.getTime() + 120_000);
  t.setNow(t2);
  expect(await handleAppstoreEvent(t.deps, install(t2))).toMatchObject({ result: 'install-pending' });
  expect(await t.deps.store.getShop(SHOP)).toMatchObject({ status: 'uninstalling', pendingInstall: { status: 'installed' } });

  const purges = t.take(SHOP_PURGE_EVENT);
  expect(purges.length).toBeGreaterThan(0);
  expect(await runShopPurge(t.deps, SHOP, ShopPurgeTask.parse(purges[0]))).toMatchObject({ result: 'reinstalled' });
  const shop = (await t.deps.store.getShop(SHOP))!;
  expect(shop).toMatchObject({ status: 'installed', setup: { state: 'setting-up' } });
  expect(shop.pendingInstall).toBeUndefined();
  // The old install's data is gone; the new install has its examples and its own setup task.
  expect(await t.deps.store.listErrors(SHOP, { limit: 10 })).toEqual({ items: [], cursor: undefined });
  expect((await t.deps.store.listCelebrations(SHOP)).length).toBeGreaterThan(0);
  const [task] = t.take(SHOP_SETUP_EVENT);
  expect(ShopSetupTask.parse(task).installId).toBe(shop.setup!.installId);
  expect(await runShopSetup(t.deps, SHOP, ShopSetupTask.parse(task))).toBe('done');
});

test('an install with a forged signature or a refused auth code changes nothing', async () => {
  const t = setup();
  const forged = { ...install(T0), hash: 'ab'.repeat(64) };
  await expect(handleAppstoreEvent(t.deps, forged)).rejects.toMatchObject({ status: 401, code: 'APPSTORE_SIGNATURE_INVALID' });
  const refused = handleAppstoreEvent(t.deps, install(T0, 'someone-elses-code'));
  await expect(refused).rejects.toBeInstanceOf(AppError);
  await expect(refused).rejects.toMatchObject({ status: 400, code: 'APPSTORE_AUTH_CODE_REJECTED' });
  expect(await t.deps.store.getShop(SHOP)).toBeUndefined();
  expect(t.world.items.size).toBe(0);
  expect(t.events).toEqual([]);
});

test('a setup the shop answers with a refused token is retried later, and the failure is shown on the shop', async () => {
  const t = setup();
  await handleAppstoreEvent(t.deps, install(T0));
  const [task] = t.take(SHOP_SETUP_EVENT);
  // The shop forgot the app's tokens (access and refresh both refused).
  const shop = (await t.deps.store.getShop(SHOP))!;
  await t.deps.store.updateShopTokens(SHOP, {
    ...shop.tokens!,
    accessToken: `sealed(${SHOP}):revoked`,
    refreshToken: `sealed(${SHOP}):revoked`,
  });
  expect(await runShopSetup(t.deps, SHOP, ShopSetupTask.parse(task))).toBe('retrying');
  expect((await t.deps.store.getShop(SHOP))!.setup).toMatchObject({
    state: 'setting-up',
    attempts: 1,
    lastError: { code: 'SHOPER_NOT_AUTHORIZED' },
  });
  const [next] = t.events.filter((e) => e.message.event === SHOP_SETUP_EVENT);
  expect(next).toMatchObject({ message: { payload: { attempt: 2 } }, delaySeconds: 10 });
});
