// One contract, two implementations: the same tests run against the shop side's in-memory twins
// (test/support/fake-shop.ts) and the DynamoDB adapters on DynamoDB Local, so the fakes the unit tests use cannot
// drift from the real ones: the shop record's conditional updates, the purge's steps, the SMSAPI account's
// conditional writes and OAuth state, and the staff alerts' run-out markers.
import type { Shop } from '#domain/model';
import type { Deps } from '#services/deps';
import type { LocalRuntime } from '../../local/runtime';
import { createFakeShopWorld } from '../support/fake-shop';
import { startTestRuntime } from '../support/runtime';

type Ports = Pick<Deps, 'store' | 'shopPurge' | 'smsapiAccount' | 'staffAlerts'>;

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

const subjects: [string, () => Ports][] = [
  ['in-memory fake', () => createFakeShopWorld()],
  ['DynamoDB Local', () => rt.deps],
];

const T0 = new Date('2026-03-03T10:00:00.000Z');

const shopRecord = (shop: string, over: Partial<Shop> = {}): Shop =>
  ({
    shop,
    shopUrl: 'https://sklep.example',
    status: 'installed',
    installedAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    ...over,
  }) as Shop;

describe.each(subjects)('shop side ports: %s', (_name, make) => {
  let p: Ports;
  let shop: string;
  beforeEach(() => {
    p = make();
    shop = `contract-${Math.random().toString(36).slice(2, 10)}`;
  });

  test('updateShop sets and removes attributes only while its install / uninstall condition holds', async () => {
    expect(await p.store.updateShop(shop, { shopName: 'x' })).toBe(false);
    await p.store.putShop(
      shopRecord(shop, { setup: { installId: 'i1', state: 'setting-up', attempts: 0, startedAt: T0.toISOString() }, shopName: 'A' }),
    );
    expect(await p.store.updateShop(shop, { appVersion: '2' }, { installId: 'other' })).toBe(false);
    expect(await p.store.updateShop(shop, { appVersion: '2' }, { installId: 'i1', remove: ['shopName'] })).toBe(true);
    expect(await p.store.updateShop(shop, { appVersion: '3' }, { uninstallId: 'u1' })).toBe(false);
    const stored = await p.store.getShop(shop);
    expect(stored).toMatchObject({ appVersion: '2', setup: { installId: 'i1' } });
    expect(stored?.shopName).toBeUndefined();
  });

  test('a catalogue is written onto an existing record only; a gone record stays gone', async () => {
    await expect(p.store.saveCatalogue(shop, { shopName: 'Nowy' }, T0.toISOString())).rejects.toThrow();
    expect(await p.store.getShop(shop)).toBeUndefined();
    await p.store.putShop(shopRecord(shop, { tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: T0.toISOString() } }));
    await p.store.saveCatalogue(shop, { shopName: 'Nowy', defaultCurrency: 'PLN' }, T0.toISOString());
    expect(await p.store.getShop(shop)).toMatchObject({
      shopName: 'Nowy',
      defaultCurrency: 'PLN',
      catalogueReadAt: T0.toISOString(),
      tokens: { accessToken: 'a' },
    });
  });

  test('the purge deletes everything but the record in steps, then the record; a waiting install becomes the shop', async () => {
    expect(await p.shopPurge.hasShopData(shop)).toBe(false);
    await p.store.putShop(shopRecord(shop, { status: 'uninstalling', uninstall: { id: 'u1', requestedAt: T0.toISOString() } }));
    for (let i = 0; i < 5; i++) await p.store.putTemplate(shop, `t${i}`, { enabled: true, delayDays: 0, text: `T${i}` });
    expect(await p.shopPurge.hasShopData(shop)).toBe(true);
    let deleted = 0;
    for (let step = 0; step < 10; step++) {
      const r = await p.shopPurge.deleteShopItems(shop, 2);
      deleted += r.deleted;
      if (!r.more) break;
    }
    expect(deleted).toBe(5);
    expect(await p.store.listTemplates(shop)).toEqual({});
    expect(await p.shopPurge.finishUninstall(shop, 'another')).toBe('stale');
    expect(await p.shopPurge.finishUninstall(shop, 'u1')).toBe('deleted');
    expect(await p.store.getShop(shop)).toBeUndefined();
    expect(await p.shopPurge.hasShopData(shop)).toBe(false);
    expect(await p.shopPurge.finishUninstall(shop, 'u1')).toBe('stale');

    const waiting = shopRecord(shop, { setup: { installId: 'i2', state: 'setting-up', attempts: 0, startedAt: T0.toISOString() } });
    await p.store.putShop(
      shopRecord(shop, { status: 'uninstalling', uninstall: { id: 'u2', requestedAt: T0.toISOString() }, pendingInstall: waiting }),
    );
    expect(await p.shopPurge.finishUninstall(shop, 'u2')).toBe('reinstalled');
    expect(await p.store.getShop(shop)).toMatchObject({ status: 'installed', setup: { installId: 'i2' } });
  });

  test('SMSAPI account: settings only while connected, a token swap only from the expected token, choices kept', async () => {
    expect(await p.smsapiAccount.updateSettings(shop, { senderName: 'Sklep' })).toBe(false);
    await p.store.putSmsapi(shop, {
      token: 't1',
      refreshToken: 'r1',
      method: 'oauth',
      login: 'demo',
      replaceSpecialCharacters: false,
      connectedAt: T0.toISOString(),
    });
    expect(await p.smsapiAccount.updateSettings(shop, { senderName: 'Sklep' })).toBe(true);
    expect(await p.smsapiAccount.replaceTokens(shop, 'stale', 't2', 'r2')).toBe(false);
    expect(await p.smsapiAccount.replaceTokens(shop, 't1', 't2', 'r2')).toBe(true);
    expect(await p.store.getSmsapi(shop)).toMatchObject({ token: 't2', refreshToken: 'r2', senderName: 'Sklep' });
    await p.smsapiAccount.rememberChoices(shop, { login: 'demo', senderName: 'Sklep', replaceSpecialCharacters: true });
    expect(await p.smsapiAccount.lastChoices(shop)).toEqual({ login: 'demo', senderName: 'Sklep', replaceSpecialCharacters: true });
    await p.smsapiAccount.recordCheck(shop, { checkedAt: T0.toISOString() });
    expect(await p.smsapiAccount.latestCheck(shop)).toEqual({ checkedAt: T0.toISOString() });
    await p.smsapiAccount.deleteCheck(shop);
    expect(await p.smsapiAccount.latestCheck(shop)).toBeUndefined();
  });

  test('the newest error with one of the codes since a time is found', async () => {
    const at = (m: number) => new Date(T0.getTime() + m * 60_000).toISOString();
    await p.store.addError(shop, { id: 'a', at: at(1), code: 101, message: 'a' } as never);
    await p.store.addError(shop, { id: 'b', at: at(2), code: 8, message: 'b' } as never);
    await p.store.addError(shop, { id: 'c', at: at(3), code: 101, message: 'c' } as never);
    expect(await p.smsapiAccount.newestErrorWithCode(shop, at(0), [101, 102])).toMatchObject({ id: 'c' });
    expect(await p.smsapiAccount.newestErrorWithCode(shop, at(4), [101])).toBeUndefined();
    expect(await p.smsapiAccount.newestErrorWithCode(shop, at(0), [999])).toBeUndefined();
  });

  test('an OAuth state is used once, by its own session, before it expires', async () => {
    const until = new Date(T0.getTime() + 15 * 60_000);
    await p.smsapiAccount.saveOAuthState(shop, 'nonce-1', 'session-a', until);
    await expect(p.smsapiAccount.saveOAuthState(shop, 'nonce-1', 'session-b', until)).rejects.toThrow();
    expect(await p.smsapiAccount.consumeOAuthState(shop, 'nonce-1', 'session-b', T0)).toBe(false);
    expect(await p.smsapiAccount.consumeOAuthState(shop, 'nonce-1', 'session-a', until)).toBe(false);
    expect(await p.smsapiAccount.consumeOAuthState(shop, 'nonce-1', 'session-a', T0)).toBe(true);
    expect(await p.smsapiAccount.consumeOAuthState(shop, 'nonce-1', 'session-a', T0)).toBe(false);
  });

  test('a run-out alerts once per run-out: the same event again is its own, another event is not, a restock reopens', async () => {
    const at = T0.toISOString();
    expect(await p.staffAlerts.openRunOut(shop, 'p1', 'event-1', at)).toBe(true);
    expect(await p.staffAlerts.openRunOut(shop, 'p1', 'event-1', at)).toBe(true);
    expect(await p.staffAlerts.openRunOut(shop, 'p1', 'event-2', at)).toBe(false);
    await p.staffAlerts.closeRunOut(shop, 'p1', at);
    await p.staffAlerts.closeRunOut(shop, 'p2', at);
    expect(await p.staffAlerts.openRunOut(shop, 'p1', 'event-3', at)).toBe(true);
    expect(await p.staffAlerts.get(shop)).toBeUndefined();
  });
});
