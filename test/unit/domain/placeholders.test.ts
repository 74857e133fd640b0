// The parameter list under each message box: the manual's set for orders, and one set per other kind.
import { PLACEHOLDERS, isAllowedPlaceholder, sampleValues, type MessageKind } from '#domain/placeholders';

const names = (kind: MessageKind): string[] => PLACEHOLDERS[kind].map((placeholder) => placeholder.name);

describe('PLACEHOLDERS', () => {
  const manualOrderSet = [
    'order_id',
    'sum',
    'shipping_cost',
    'total_cost',
    'currency',
    'status_name',
    'delivery_city',
    'delivery_postcode',
    'delivery_street',
    'delivery_country',
    'shipping_name',
    'shop_name',
    'name',
  ];

  it("offers the manual's 13 parameters for order messages, in its order, then the shop and order links", () => {
    expect(names('owner-new-order')).toEqual([...manualOrderSet, 'shop_link', 'order_link']);
    expect(names('order-status')).toEqual([...manualOrderSet, 'shop_link', 'order_link']);
  });

  it("uses the manual's Polish descriptions", () => {
    const polish = Object.fromEntries(PLACEHOLDERS['order-status'].map((p) => [p.name, p.pl]));
    expect(polish).toMatchObject({
      order_id: 'identyfikator zamówienia',
      total_cost: 'kwota zamówienia + koszt dostawy',
      delivery_street: 'adres dostawy',
      shipping_name: 'rodzaj dostawy',
      name: 'imię klienta',
    });
  });

  it.each<[MessageKind, string[]]>([
    ['celebration', ['name', 'lastname', 'shop_name', 'order_id', 'shop_link', 'stop_link']],
    ['back-in-stock', ['product_name', 'shop_name', 'price', 'currency', 'shop_link', 'product_link', 'stop_link']],
    ['abandoned-cart', ['name', 'lastname', 'email', 'shop_name', 'shop_link', 'basket_link', 'stop_link']],
    ['test', ['shop_name']],
  ])('offers its own set for %s', (kind, expected) => {
    expect(names(kind)).toEqual(expected);
  });

  it('describes every parameter in Polish and English with a sample', () => {
    for (const list of Object.values(PLACEHOLDERS)) {
      for (const placeholder of list) {
        expect(placeholder.name).toMatch(/^[a-z_]+$/);
        expect(placeholder.pl.length).toBeGreaterThan(0);
        expect(placeholder.en.length).toBeGreaterThan(0);
        expect(placeholder.sample.length).toBeGreaterThan(0);
      }
    }
  });

  it('answers whether a parameter belongs to a kind', () => {
    expect(isAllowedPlaceholder('back-in-stock', 'price')).toBe(true);
    expect(isAllowedPlaceholder('order-status', 'price')).toBe(false);
    expect(isAllowedPlaceholder('abandoned-cart', 'email')).toBe(true);
  });

  it('gives sample values for previews', () => {
    expect(sampleValues('test')).toEqual({ shop_name: 'Sklep Demo' });
  });
});
