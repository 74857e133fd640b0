// The queue messages' schemas (functions/contracts/queue.ts): what a producer puts on a queue is what its consumer
// accepts, after the JSON round trip SQS makes; anything else is not understood (the consumer sends it to the DLQ);
// a webhook queued by the previous release (its raw payload) is set apart to be parsed into facts.
import { readEventsQueueMessage, SendsQueueMessage } from '#contracts/queue';
import { parseShopEvent, type SupportedEvent } from '#domain/shoper-events';

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
