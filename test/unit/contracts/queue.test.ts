// The queue messages' schemas (functions/contracts/queue.ts): what a producer puts on a queue is what its consumer
// accepts, after the JSON round trip SQS makes; anything else is not understood (the consumer sends it to the DLQ);
// a webhook queued by the previous release (its raw payload) is set apart to be parsed into facts.
import { readEventsQueueMessage, SendsQueueMessage } from '#contracts/queue';
import {
  parseShopEvent,
  type ClientFacts,
  type OrderAddress,
  type OrderFacts,
  type ProductFacts,
  type ShopEvent,
  type SupportedEvent,
} from '#domain/shoper-events';

const shop = 'a1b2c3';
const receivedAt = '2026-10-01T08:00:00.000Z';
const overSqs = (message: unknown) => JSON.parse(JSON.stringify(message)) as unknown;

const deliveries: [SupportedEvent, unknown][] = [
  ['order.create', { order_id: '8', user_id: '1', date: '2026-09-29 13:37:23', billingAddress: { phone: '600100200' } }],
  ['order.status', { order_id: 42, status: { status_id: '2', name: 'Wysłane' }, billing_address: { street1: 'Polna 1', street2: '' } }],
  ['order.edit', { order_id: '9' }],
  ['order.delete', { order_id: '9' }],
  ['parcel.dispatch', { parcel_id: '3', order_id: '8' }],
  ['client.create', { user_id: '5', firstname: 'Ola', newsletter: '1' }],
  ['product.edit', { product_id: '12', stock: { stock: '0', price: '9.99' }, translations: { pl_PL: { name: 'Kubek', active: '1' } } }],
];

test.each(deliveries)('%s: the facts the webhook function queues are what the planner reads', (event, payload) => {
  const facts = parseShopEvent(event, payload);
  if (!facts.ok) throw new Error(facts.message);
  const message = { shop, receivedAt, ...facts.value };
  expect(readEventsQueueMessage(overSqs(message))).toEqual(overSqs(message));
});

// Every fact the domain knows, each one set (`Required<…>`: a new domain field fails to compile here until it is
// added): a fact the queue schema forgot would be stripped between the edge and the planner.
const address: Required<OrderAddress> = {
  firstname: 'Ola',
  lastname: 'Nowak',
  phone: '600100200',
  street: 'Polna 1',
  postcode: '00-001',
  city: 'Warszawa',
  country: 'Polska',
  countryCode: 'PL',
};
const order: Required<OrderFacts> = {
  orderId: '8',
  userId: '1',
  date: '2026-09-29 13:37:23',
  statusId: '2',
  statusName: 'Wysłane',
  statusDate: '2026-09-29 14:00:00',
  sum: '129.90',
  shippingCost: '9.99',
  shippingId: '3',
  shippingName: 'Kurier',
  currencyId: '1',
  currencyName: 'PLN',
  email: 'ola@example.pl',
  orderUrl: 'https://sklep.example/zamowienie/8',
  billing: address,
  delivery: { ...address, city: 'Kraków' },
};
const client: Required<ClientFacts> = { userId: '5', firstname: 'Ola', lastname: 'Nowak', newsletter: true };
const product: Required<ProductFacts> = {
  productId: '12',
  name: 'Kubek',
  code: 'KUB-01',
  price: '19.99',
  currencyId: '1',
  stock: 0,
  active: true,
  url: 'https://sklep.example/kubek',
};
const everyFact: ShopEvent[] = [
  { event: 'order.create', order },
  { event: 'order.status', order },
  { event: 'order.edit', order },
  { event: 'order.delete', order },
  { event: 'parcel.dispatch', parcel: { orderId: '8' } },
  { event: 'client.create', client },
  { event: 'product.edit', product, deliveryKey: 'k-1' },
];

test.each(everyFact.map((facts) => [facts.event, facts] as const))(
  '%s: every fact the domain knows reaches the planner',
  (_event, facts) => {
    const message = { shop, receivedAt, ...facts };
    expect(readEventsQueueMessage(overSqs(message))).toEqual(message);
  },
);

test('the setup and purge tasks are read as themselves, and one without its fields is not understood', () => {
  const setup = { shop, receivedAt, event: 'app.shop-setup', payload: { installId: 'i-1', attempt: 2 } };
  const purge = { shop, receivedAt, event: 'app.shop-purge', payload: { uninstallId: 'u-1', round: 1 } };
  expect(readEventsQueueMessage(setup)).toEqual(setup);
  expect(readEventsQueueMessage(purge)).toEqual(purge);
  // Not mistaken for a webhook of the previous release (whose payload is any object).
  expect(readEventsQueueMessage({ ...setup, payload: { installId: '', attempt: 0 } })).toBeUndefined();
  expect(readEventsQueueMessage({ ...purge, payload: {} })).toBeUndefined();
});

test('a webhook queued by the previous release (its raw payload) is set apart for parsing', () => {
  const legacy = { shop, receivedAt, event: 'order.status', payload: { order_id: '8', status_id: '2' } };
  expect(readEventsQueueMessage(legacy)).toEqual({ legacy });
});

test('facts without what a planner needs, or another shape, are not understood', () => {
  const status = { shop, receivedAt, event: 'order.status', order: { orderId: '8', billing: {}, delivery: {} } };
  expect(readEventsQueueMessage(status)).toEqual(status);
  expect(readEventsQueueMessage({ ...status, order: { billing: {}, delivery: {} } })).toBeUndefined();
  expect(readEventsQueueMessage({ ...status, shop: '' })).toBeUndefined();
  expect(readEventsQueueMessage({ ...status, event: 'order.refund' })).toBeUndefined();
  const product = { shop, receivedAt, event: 'product.edit', product: { productId: '12' }, deliveryKey: 'k' };
  expect(readEventsQueueMessage(product)).toEqual(product);
  expect(readEventsQueueMessage({ ...product, product: { productId: '../12' } })).toBeUndefined();
  expect(readEventsQueueMessage({ ...product, deliveryKey: undefined })).toBeUndefined();
  expect(readEventsQueueMessage('order.status')).toBeUndefined();
});

test('the sends queue: a job reference or a batch of at most 100, ids shaped as job ids', () => {
  const id = (i: number) => i.toString(16).padStart(32, '0');
  const ids = (n: number) => Array.from({ length: n }, (_, i) => id(i));
  const batchId = `b${'1'.repeat(31)}`;
  expect(SendsQueueMessage.safeParse({ shop, jobId: id(7) }).data).toEqual({ shop, jobId: id(7) });
  expect(SendsQueueMessage.safeParse({ shop, jobIds: ids(100), jobId: batchId }).data).toEqual({ shop, jobIds: ids(100), jobId: batchId });
  expect(SendsQueueMessage.safeParse({ shop, jobIds: ids(101) }).success).toBe(false);
  expect(SendsQueueMessage.safeParse({ shop, jobIds: [] }).success).toBe(false);
  expect(SendsQueueMessage.safeParse({ shop, jobId: 'abc123' }).success).toBe(false);
  expect(SendsQueueMessage.safeParse({ shop, jobId: 'ABC/../x' }).success).toBe(false);
  expect(SendsQueueMessage.safeParse({ jobId: id(1) }).success).toBe(false);
});
