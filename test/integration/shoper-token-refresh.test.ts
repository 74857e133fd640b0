// Two Lambda instances refresh one shop's Shoper token at once. Shoper rotates the refresh token, so one refresh
// wins and the other is refused (invalid_grant); the refused one must take the tokens the winner stores, even when
// the winner stores them a moment after Shoper refused the loser (a busy machine, a slow DynamoDB write).
import type { LocalRuntime } from '../../local/runtime';
import type { Deps } from '#services/deps';
import { createShoperClient } from '#services/shoper-client';
import { startTestRuntime } from '../support/runtime';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;

const refreshCalls = () => rt.shop.apiCalls('odswiez').filter((c) => c.path.includes('grant_type=refresh_token')).length;

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'odswiez', name: 'Sklep Odśwież' }).licence;
  expect((await rt.shop.install('odswiez')).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('the instance whose refresh is refused waits for the winner to store its tokens, and goes on with them', async () => {
  await rt.advanceClock(29.5 * DAY);
  const shop = (await rt.deps.store.getShop(licence))!;
  // The winner's write of the new tokens lands 700 ms after Shoper answered it.
  const slowStore = new Proxy(rt.deps.store, {
    get: (target, prop, receiver) =>
      prop === 'updateShopTokens'
        ? async (...args: Parameters<Deps['store']['updateShopTokens']>) => {
            await new Promise((r) => setTimeout(r, 700));
            return target.updateShopTokens(...args);
          }
        : Reflect.get(target, prop, receiver),
  });
  const winner = createShoperClient({ ...rt.deps, store: slowStore }, shop);
  const refreshes = refreshCalls();
  const first = winner.get('application-config');
  // The second instance starts once the winner's refresh is with Shoper.
  while (refreshCalls() === refreshes) await new Promise((r) => setTimeout(r, 10));
  const second = createShoperClient(rt.deps, shop).get('application-config');
  const [one, two] = await Promise.all([first, second]);
  expect(one).toBeDefined();
  expect(two).toBeDefined();
  expect(refreshCalls()).toBe(refreshes + 2);
  // The shop keeps working tokens: a later client needs no refresh.
  const after = (await rt.deps.store.getShop(licence))!;
  expect(await createShoperClient(rt.deps, after).get('application-config')).toBeDefined();
  expect(refreshCalls()).toBe(refreshes + 2);
}, 30_000);
