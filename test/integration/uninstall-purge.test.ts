// Uninstall finishes (issue 12, item 5): Shoper gets its answer at once, the shop is refused everywhere from then on,
// and the purge deletes 30,000 items and the schedules from the events queue in bounded rounds, surviving a crash in
// the middle, deleting the shop record last. A repeated uninstall resumes it; an install arriving meanwhile waits for
// it and then becomes the shop, with nothing of the old installation left.
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../local/runtime';
import { sessionRequest } from '../support/admin-client';
import { adminCall, call, expectRefused, signIn } from '../support/attack-kit';
import { eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;

beforeAll(async () => {
  // A small time budget per purge run: the purge of a large shop takes many rounds, each queued by the last.
  rt = await startTestRuntime({ env: { UNINSTALL_PURGE_BUDGET_MS: '150' } });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const PHONE = (i: number) => `+48600${String(i).padStart(6, '0')}`;

/** 30,000 items of every kind a shop accumulates, half of them holding a phone number, written straight to the table. */
async function fillShop(licence: string, count: number): Promise<void> {
  const pk = `SHOP#${licence}`;
  const kinds = [
    (i: number) => ({ sk: `SUB#${1000 + (i % 50)}#${PHONE(i)}`, phone: PHONE(i), status: 'waiting' }),
    (i: number) => ({ sk: `NUM#${PHONE(i)}`, phone: PHONE(i), at: '2024-05-01T10:00:00.000Z', source: 'order' }),
    (i: number) => ({ sk: `JOB#old-${i}`, phone: PHONE(i), state: 'SENT', ref: `JOB#old-${i}`, orderRef: `${pk}#ORDER#${i}` }),
    (i: number) => ({ sk: `CART#${i}`, client: { phone: PHONE(i) }, version: 1 }),
    (i: number) => ({ sk: `ERR#2024-05-01T10:00:00.000Z#${i}`, phone: PHONE(i), code: 'X' }),
    (i: number) => ({ sk: `EVT#${i}`, body: JSON.stringify({ phone: PHONE(i) }) }),
    (i: number) => ({ sk: `MSG#${i}`, jobId: `old-${i}` }),
    (i: number) => ({ sk: `RATE#signup-phone-d#${i}#0`, count: 1 }),
    (i: number) => ({ sk: `STAT#2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}#${i}`, sent: 1 }),
  ];
  const items = Array.from({ length: count }, (_, i) => ({ pk, ...kinds[i % kinds.length]!(i) }));
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let requests: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const res = await rt.deps.store.doc.send(
            new BatchWriteCommand({ RequestItems: { [rt.deps.store.tableName]: requests as never } }),
          );
          requests = (res.UnprocessedItems?.[rt.deps.store.tableName] as unknown[] | undefined) ?? [];
        }
      }),
    );
  }
}

async function countItems(licence: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await rt.deps.store.doc.send(
      new QueryCommand({
        TableName: rt.deps.store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SHOP#${licence}` },
        Select: 'COUNT',
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

async function lifecycle(slug: string, action: 'install' | 'uninstall') {
  const res = await rt.shop.sendLifecycle(slug, action);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

const schedulesOf = async (licence: string) => (await rt.deps.scheduler.list()).filter((s) => s.ref.shop === licence).length;
const purgeLogs = (licence: string, message: string) => rt.logs.filter((l) => l.message === message && l.shop === licence);

test('30,000 items and 150 schedules: a fast answer, the shop refused at once, a purge that survives a crash and leaves nothing', async () => {
  const licence = rt.shop.createShop({ slug: 'big', name: 'Sklep Duży' }).licence;
  expect((await rt.shop.install('big')).status).toBe(200);
  await rt.idle();
  const token = await signIn(rt, 'big');
  await fillShop(licence, 30_000);
  for (let i = 0; i < 150; i++) await rt.deps.scheduler.schedule({ shop: licence, jobId: `later-${i}` }, new Date(Date.now() + 86_400_000));
  expect(await countItems(licence)).toBeGreaterThan(30_000);
  expect(await schedulesOf(licence)).toBe(150);
  const { deliveries } = { deliveries: rt.shop.webhookDeliveries('big').length };
  await rt.shop.placeOrder('big', { phone: '601 234 567' });
  expect(await eventually(() => rt.shop.webhookDeliveries('big').length > deliveries)).toBe(true);

  // One crash in the middle of the purge (the process dies between two batches): the message comes back and resumes.
  const send = rt.deps.store.doc.send.bind(rt.deps.store.doc);
  let batchWrites = 0;
  rt.deps.store.doc.send = ((command: unknown, ...rest: unknown[]) => {
    if (command instanceof BatchWriteCommand && ++batchWrites === 300) return Promise.reject(new Error('Lambda killed mid-purge'));
    return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as typeof rt.deps.store.doc.send;

  try {
    const started = Date.now();
    const answer = await rt.shop.uninstall('big');
    const answerMs = Date.now() - started;
    expect(answer.status).toBe(200);
    // Shoper's answer does not wait for the data: marking the shop and queueing the purge is all it waits for.
    expect(answerMs).toBeLessThan(1000);

    // From the mark on, the shop is refused everywhere, while its data is still being deleted.
    expect(await rt.shop.redeliverLast('big')).toBe(401);
    expectRefused(await adminCall(rt, token, 'GET', '/api/settings'), 401, 'SESSION_INVALID');
    expectRefused(await call(...sessionRequest(rt, 'big')), 401, 'SESSION_SHOP_UNINSTALLING');
    expectRefused(
      await call(`${rt.url}/storefront/${licence}/config`, { method: 'POST', headers: { origin: new URL(rt.shop.url).origin } }),
      404,
      'SHOP_NOT_FOUND',
    );
    // A repeated uninstall while data remains is never "unknown shop": it queues the purge again.
    const again = await lifecycle('big', 'uninstall');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ result: 'uninstalling' });

    expect(await rt.idle(240_000)).toBe(true);
  } finally {
    rt.deps.store.doc.send = send as typeof rt.deps.store.doc.send;
  }
  expect(batchWrites).toBeGreaterThan(300);
  // It took many rounds, each queued by the last, and one of them died.
  expect(purgeLogs(licence, 'shop purge continues').length).toBeGreaterThan(5);
  expect(rt.logs.some((l) => l.message === 'queue message failed, will retry' && /killed mid-purge/.test(JSON.stringify(l)))).toBe(true);
  expect(purgeLogs(licence, 'shop purged').length).toBeGreaterThanOrEqual(1);

  expect(await countItems(licence)).toBe(0);
  expect(await schedulesOf(licence)).toBe(0);
  expect(await rt.deps.store.getShop(licence)).toBeUndefined();
  expect((await rt.deps.eventsQueue.deadLetters()).filter((d) => d.body.includes(licence))).toEqual([]);
  // Done is done: one more uninstall is the harmless "unknown shop".
  expect((await lifecycle('big', 'uninstall')).body).toMatchObject({ result: 'unknown-shop' });
}, 300_000);

test('an uninstall cut off by an older version (records left, shop record gone) is finished by the next uninstall', async () => {
  const licence = rt.shop.createShop({ slug: 'cut', name: 'Sklep Przerwany' }).licence;
  expect((await rt.shop.install('cut')).status).toBe(200);
  await rt.idle();
  await fillShop(licence, 800);
  await rt.deps.store.doc.send(
    new BatchWriteCommand({
      RequestItems: { [rt.deps.store.tableName]: [{ DeleteRequest: { Key: { pk: `SHOP#${licence}`, sk: 'CFG#META' } } }] },
    }),
  );
  const res = await lifecycle('cut', 'uninstall');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ result: 'uninstalling' });
  await rt.idle(60_000);
  expect(await countItems(licence)).toBe(0);
}, 120_000);

test('an install while the purge runs waits for it, then is the shop: set up, signed in, none of the old data', async () => {
  const licence = rt.shop.createShop({ slug: 'back', name: 'Sklep Powrót' }).licence;
  expect((await rt.shop.install('back')).status).toBe(200);
  await rt.idle();
  const old = await signIn(rt, 'back');
  expect((await adminCall(rt, old, 'PUT', '/api/settings', { ownerPhone: '+48 538 111 222' })).status).toBe(200);
  await fillShop(licence, 6000);

  expect((await rt.shop.uninstall('back')).status).toBe(200);
  await rt.advanceClock(2000);
  const install = await lifecycle('back', 'install');
  expect(install.status).toBe(200);
  expect(install.body).toMatchObject({ result: 'install-pending' });
  // While it waits, the shop is still refused: nothing of the new install can be written where the purge deletes.
  expect((await rt.deps.store.getShop(licence))?.status).toBe('uninstalling');

  expect(await rt.idle(120_000)).toBe(true);
  const shop = await rt.deps.store.getShop(licence);
  expect(shop).toMatchObject({ status: 'installed', setup: { state: 'done' } });
  expect(shop?.pendingInstall).toBeUndefined();
  expect(shop?.uninstall).toBeUndefined();
  // One webhook per event again, from the new install, and the merchant can sign in.
  expect(Object.keys(shop?.webhookEvents ?? {}).length).toBeGreaterThanOrEqual(5);
  const fresh = await signIn(rt, 'back');
  const settings = await adminCall(rt, fresh, 'GET', '/api/settings');
  expect(settings.status).toBe(200);
  expect(settings.body.ownerPhone).toBeUndefined();
  expectRefused(await adminCall(rt, old, 'GET', '/api/settings'), 401, 'SESSION_INVALID');
  // Only the new install's own records are there: its record and the example celebrations.
  const items = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}` },
  });
  expect(items.map((i) => String(i.sk))).toContain('CFG#META');
  expect(items.map((i) => String(i.sk)).filter((sk) => sk !== 'CFG#META' && !sk.startsWith('CFG#EVENT#'))).toEqual([]);
  // What the merchant writes now stays: no purge is left to delete it.
  expect((await adminCall(rt, fresh, 'PUT', '/api/settings', { ownerPhone: '+48 538 333 444' })).status).toBe(200);
  await rt.idle();
  expect((await adminCall(rt, fresh, 'GET', '/api/settings')).body.ownerPhone).toBe('+48538333444');
}, 240_000);

test('an uninstall after an install that waits for the purge calls that install off', async () => {
  const licence = rt.shop.createShop({ slug: 'twice', name: 'Sklep Dwa Razy' }).licence;
  expect((await rt.shop.install('twice')).status).toBe(200);
  await rt.idle();
  await fillShop(licence, 4000);
  expect((await rt.shop.uninstall('twice')).status).toBe(200);
  await rt.advanceClock(2000);
  expect((await lifecycle('twice', 'install')).body).toMatchObject({ result: 'install-pending' });
  await rt.advanceClock(2000);
  expect((await lifecycle('twice', 'uninstall')).body).toMatchObject({ result: 'uninstalling' });
  expect(await rt.idle(120_000)).toBe(true);
  expect(await countItems(licence)).toBe(0);
}, 240_000);
