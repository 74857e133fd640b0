// GET /api/composer/longest-values: the shop's own values at their longest for the composer's worst case. The
// longest active product name comes from Shoper's products, read at most once a day; statuses, shippings and the
// shop name come from the catalogue the app keeps.
import type { LocalRuntime } from '../../local/runtime';
import { startOrdersWorld, type OrdersWorld } from './orders-support';

let world: OrdersWorld;
let rt: LocalRuntime;

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const productReads = () => rt.shop.apiCalls('demo').filter((c) => c.path.includes('/products')).length;

test("answers the shop's longest active product, status and shipping names; reads products at most once a day", async () => {
  const first = await world.api('GET', '/api/composer/longest-values');
  expect(first.status).toBe(200);
  expect(first.body.values).toMatchObject({
    product_name: 'Koszulka bawełniana',
    status_name: 'Czeka na odbiór w punkcie',
    shop_name: 'Sklep Demo',
  });
  expect(first.body.products).toMatchObject({ count: 3, complete: true });
  const reads = productReads();
  expect(reads).toBeGreaterThan(0);

  await world.api('GET', '/api/composer/longest-values');
  expect(productReads()).toBe(reads);

  // A product renamed longer shows after a day.
  rt.shop.shop('demo').products[0]!.name = 'Kubek ceramiczny z uchem, ręcznie malowany';
  await rt.advanceClock(25 * 3600_000);
  const later = await world.api('GET', '/api/composer/longest-values');
  expect(later.body.values.product_name).toBe('Kubek ceramiczny z uchem, ręcznie malowany');
  expect(productReads()).toBeGreaterThan(reads);
}, 30_000);
