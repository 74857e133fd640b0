// parseShopEvent: every supported webhook becomes its facts at the edge, or is refused (400, the field named) or
// found unreadable (accepted, logged, nothing planned). Order bodies are the public captures in
// test/fixtures/platforms/shoper; parcel, client and product bodies are shaped as Shoper's REST objects (the shop
// simulator's representation.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShopEvent, type SupportedEvent } from '#domain/shoper-events';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/platforms/shoper', name), 'utf8')) as { event: SupportedEvent; body: unknown };

const facts = (event: SupportedEvent, payload: unknown) => {
  const parsed = parseShopEvent(event, payload);
  if (!parsed.ok) throw new Error(`${event}: ${parsed.verdict} ${parsed.field} ${parsed.message}`);
  return parsed.value;
};

const product = {
  product_id: 12,
  code: 'KUB-01',
  currency_id: 1,
  edit_date: '2026-09-29 13:37:23',
  translations: {
    en_US: { name: 'Mug', active: true, permalink: 'https://sklep.example/en/p/mug/12' },
    pl_PL: { name: 'Kubek', active: true, permalink: 'https://sklep.example/pl/p/kubek/12' },
  },
  stock: { stock: '0', price: '19.99', active: '1' },
};

describe('order events (the public captures)', () => {
  test('a live order.create (numbers as strings, the body cut after three fields)', () => {
    const { event, body } = fixture('webhook-order-create-5.26.json');
    expect(facts(event, body)).toEqual({
      event: 'order.create',
      order: expect.objectContaining({ orderId: '8', userId: '1', date: '2026-09-29 13:37:23', statusId: undefined }),
    });
  });

  test('order.status with camelCase addresses (the SMS sample app): the phone, status and delivery address', () => {
    const { event, body } = fixture('webhook-order-status-camelcase.json');
    const value = facts(event, body);
    expect(value.event).toBe('order.status');
    if (value.event !== 'order.status') return;
    expect(value.order).toMatchObject({
      orderId: '41',
      statusId: '2',
      statusName: 'Przyjęte do realizacji',
      sum: '129.90',
      currencyName: 'PLN',
    });
    expect(value.order.billing).toMatchObject({ phone: '600100200', countryCode: 'pl' });
    expect(value.order.delivery).toMatchObject({ city: 'Kraków', postcode: '30-001', street: 'ul. Długa 5', country: 'Polska' });
  });

  test('order.status with the REST order in snake_case: an empty street2 adds nothing to the street', () => {
    const { event, body } = fixture('webhook-order-status-rest.json');
    const value = facts(event, body);
    if (value.event !== 'order.status') throw new Error(value.event);
    expect(value.order).toMatchObject({
      orderId: '42',
      statusId: '2',
      statusDate: '2026-09-30 09:12:00',
      shippingId: '1',
      email: 'klient@example.pl',
    });
    expect(value.order.billing).toEqual(
      expect.objectContaining({ firstname: 'Anna', lastname: 'Nowak', phone: '+48 600 300 400', street: 'ul. Polna 1', countryCode: 'PL' }),
    );
  });

  test.each(['order.edit', 'order.delete'] as const)('%s carries the order too', (event) => {
    expect(facts(event, { order_id: 5, status_id: 3 })).toMatchObject({ event, order: { orderId: '5', statusId: '3' } });
  });

  test('an order without its id, or with an id of another type, is refused with the field named', () => {
    expect(parseShopEvent('order.status', { status_id: '2' })).toMatchObject({ ok: false, verdict: 'refused', field: 'order_id' });
    expect(parseShopEvent('order.create', { order_id: { id: 1 } })).toMatchObject({ ok: false, verdict: 'refused', field: 'order_id' });
  });
});

describe('links Shoper may leave out', () => {
  test('an order_url or permalink of another type (false, an object) leaves the link out, never the event', () => {
    const { event, body } = fixture('webhook-order-status-rest.json');
    for (const odd of [false, {}, []]) {
      const value = facts(event, { ...(body as object), order_url: odd });
      if (value.event !== 'order.status') throw new Error(value.event);
      expect(value.order.orderUrl).toBeUndefined();
      expect(value.order.orderId).toBe('42');
      const edited = facts('product.edit', {
        ...product,
        translations: { pl_PL: { ...product.translations.pl_PL, permalink: odd } },
      });
      if (edited.event !== 'product.edit') throw new Error(edited.event);
      expect(edited.product).toMatchObject({ productId: '12', name: 'Kubek', stock: 0 });
      expect(edited.product.url).toBeUndefined();
    }
  });
});

describe('parcel.dispatch', () => {
  test('the order it ships', () => {
    const dispatched = facts('parcel.dispatch', { parcel_id: '3', order_id: 8, shipping_code: 'X1' });
    expect(dispatched).toEqual({ event: 'parcel.dispatch', parcel: { orderId: '8' } });
    expect(facts('parcel.dispatch', { parcelId: '3', orderId: ' 9 ' })).toEqual({ event: 'parcel.dispatch', parcel: { orderId: '9' } });
  });

  test('without the order id it is refused', () => {
    const blank = parseShopEvent('parcel.dispatch', { parcel_id: '3', order_id: '  ' });
    expect(blank).toMatchObject({ ok: false, verdict: 'refused', field: 'order_id' });
  });
});

describe('client.create', () => {
  test('the client, with the newsletter flag as Shoper writes it ("1" or 0)', () => {
    expect(facts('client.create', { user_id: 5, firstname: 'Ola', lastname: 'Kos', newsletter: '1', email: 'o@example.pl' })).toEqual({
      event: 'client.create',
      client: { userId: '5', firstname: 'Ola', lastname: 'Kos', newsletter: true },
    });
    expect(facts('client.create', { id: '7', newsletter: 0, firstname: null })).toEqual({
      event: 'client.create',
      client: { userId: '7', firstname: undefined, lastname: undefined, newsletter: false },
    });
  });

  test('no newsletter flag: not said (the planner asks Shoper when consent matters)', () => {
    const value = facts('client.create', { userId: '6' });
    if (value.event !== 'client.create') throw new Error(value.event);
    expect(value.client.newsletter).toBeUndefined();
  });

  test('without an id refused; a name that is not text unreadable (accepted, nothing planned)', () => {
    expect(parseShopEvent('client.create', { email: 'a@example.pl' })).toMatchObject({ ok: false, verdict: 'refused', field: 'user_id' });
    expect(parseShopEvent('client.create', { user_id: 5, firstname: { x: 1 } })).toMatchObject({
      ok: false,
      verdict: 'unreadable',
      field: 'firstname',
    });
  });
});

describe('product.edit', () => {
  test('the product in Polish, its stock, price, code, page and whether it is active', () => {
    const value = facts('product.edit', product);
    if (value.event !== 'product.edit') throw new Error(value.event);
    expect(value.product).toEqual({
      productId: '12',
      name: 'Kubek',
      code: 'KUB-01',
      price: '19.99',
      currencyId: '1',
      stock: 0,
      active: true,
      url: 'https://sklep.example/pl/p/kubek/12',
    });
  });

  test('inactive in either place is inactive; no flags and no stock are not said', () => {
    const off = facts('product.edit', { ...product, stock: { stock: '4', active: '0' } });
    expect(off.event === 'product.edit' && off.product).toMatchObject({ stock: 4, active: false });
    const bare = facts('product.edit', { product_id: '12' });
    expect(bare.event === 'product.edit' && bare.product).toEqual({
      productId: '12',
      name: undefined,
      price: undefined,
      currencyId: undefined,
      stock: undefined,
      active: undefined,
    });
  });

  test('a code of an unexpected type leaves the code out, not the product', () => {
    const value = facts('product.edit', { ...product, code: { weird: true } });
    expect(value.event === 'product.edit' && value.product.code).toBeUndefined();
  });

  test('the delivery key: the same bytes give the same key, another edit another one', () => {
    const first = facts('product.edit', product);
    const again = facts('product.edit', JSON.parse(JSON.stringify(product)));
    const other = facts('product.edit', { ...product, edit_date: '2026-09-29 13:40:00' });
    if (first.event !== 'product.edit' || again.event !== 'product.edit' || other.event !== 'product.edit') throw new Error('event');
    expect(first.deliveryKey).toMatch(/^[0-9a-f]{32}$/);
    expect(again.deliveryKey).toBe(first.deliveryKey);
    expect(other.deliveryKey).not.toBe(first.deliveryKey);
  });

  test('without an id refused; an id that is not a number unreadable', () => {
    const refused = (field: string) => ({ ok: false, verdict: 'refused', field });
    const unreadable = (field: string) => ({ ok: false, verdict: 'unreadable', field });
    expect(parseShopEvent('product.edit', { stock: { stock: 1 } })).toMatchObject(refused('product_id'));
    expect(parseShopEvent('product.edit', { product_id: '12abc' })).toMatchObject(unreadable('product_id'));
    expect(parseShopEvent('product.edit', { product_id: 12, stock: 'many' })).toMatchObject(unreadable('stock'));
  });
});

const EVENTS = ['order.create', 'parcel.dispatch', 'client.create', 'product.edit'] as const;
test.each(EVENTS)('%s: a body that is not an object is refused', (event) => {
  for (const body of [null, [], 'text', 12]) {
    expect(parseShopEvent(event, body)).toMatchObject({ ok: false, verdict: 'refused', field: 'body' });
  }
});
