// What a freshly created simulated shop contains: Shoper's default statuses plus one custom status,
// a small catalogue (one product out of stock), two clients, two orders, three shipping methods.
import type { SimAddress, SimShop, SimStatus } from './types';

const DEFAULT_STATUSES: Array<Omit<SimStatus, 'order' | 'active' | 'default'>> = [
  { statusId: 1, type: 1, color: '#2f80ed', names: { pl_PL: 'złożone', en_US: 'submitted' } },
  { statusId: 2, type: 2, color: '#27ae60', names: { pl_PL: 'przyjęte do realizacji', en_US: 'accepted for processing' } },
  { statusId: 3, type: 2, color: '#f2994a', names: { pl_PL: 'oczekiwanie na dostawę', en_US: 'awaiting delivery' } },
  { statusId: 4, type: 2, color: '#9b51e0', names: { pl_PL: 'w trakcie kompletowania', en_US: 'being completed' } },
  { statusId: 5, type: 2, color: '#f2c94c', names: { pl_PL: 'oczekiwanie na płatność', en_US: 'awaiting payment' } },
  { statusId: 6, type: 2, color: '#56ccf2', names: { pl_PL: 'gotowe do wysłania', en_US: 'ready for shipment' } },
  { statusId: 7, type: 3, color: '#219653', names: { pl_PL: 'przesyłka wysłana', en_US: 'shipment sent' } },
  { statusId: 8, type: 4, color: '#828282', names: { pl_PL: 'anulowane', en_US: 'cancelled' } },
  { statusId: 9, type: 4, color: '#eb5757', names: { pl_PL: 'odrzucone', en_US: 'rejected' } },
  { statusId: 10, type: 4, color: '#bdbdbd', names: { pl_PL: 'zwrócone', en_US: 'returned' } },
  { statusId: 11, type: 2, color: '#e0a526', names: { pl_PL: 'reklamowane', en_US: 'complaint' } },
  { statusId: 12, type: 2, color: '#6fcf97', names: { pl_PL: 'testowe w realizacji', en_US: 'test in progress' } },
];

/** A merchant-made status: the app must key templates by status_id, not by known names. */
export const CUSTOM_STATUS: Omit<SimStatus, 'order'> = {
  statusId: 13,
  active: true,
  default: false,
  type: 2,
  color: '#bb6bd9',
  names: { pl_PL: 'Czeka na odbiór w punkcie', en_US: 'Awaiting pickup at the point' },
};

export function seedStatuses(): SimStatus[] {
  const defaults = DEFAULT_STATUSES.map((status, index) => ({
    ...status,
    active: true,
    default: status.statusId === 1,
    order: index + 1,
  }));
  return [...defaults, { ...CUSTOM_STATUS, order: defaults.length + 1 }];
}

export function polishAddress(input: Partial<SimAddress> & Pick<SimAddress, 'firstname' | 'lastname' | 'phone'>): SimAddress {
  return {
    company: '',
    street1: 'ul. Marszałkowska 10/4',
    street2: '',
    postcode: '00-590',
    city: 'Warszawa',
    country: 'Polska',
    countryCode: 'PL',
    ...input,
  };
}

export function newShop(input: { slug: string; name: string; licence: string; url: string; now: Date }): SimShop {
  const day = 24 * 3600 * 1000;
  const at = (daysAgo: number) => new Date(input.now.getTime() - daysAgo * day).toISOString();
  const anna = polishAddress({
    firstname: 'Anna',
    lastname: 'Nowak',
    phone: '601234567',
    street1: 'ul. Długa 5',
    postcode: '80-827',
    city: 'Gdańsk',
  });
  const piotr = polishAddress({
    firstname: 'Piotr',
    lastname: 'Wiśniewski',
    phone: '+48 723 456 789',
    street1: 'ul. Floriańska 3',
    postcode: '31-019',
    city: 'Kraków',
  });
  const guest = polishAddress({ firstname: 'Katarzyna', lastname: 'Zielińska', phone: '698 765 432' });
  return {
    slug: input.slug,
    licence: input.licence,
    name: input.name,
    url: input.url,
    email: `kontakt@${input.slug}.example.pl`,
    phone: '+48 500 100 200',
    installed: false,
    applicationVersion: 1,
    webhookAddressStyle: 'snake_case',
    statusAfterDispatch: 7,
    statuses: seedStatuses(),
    products: [
      {
        productId: 1,
        code: 'KUB-001',
        name: 'Kubek ceramiczny',
        price: 39.9,
        stock: 25,
        active: true,
        availabilityId: 1,
        addDate: at(60),
        editDate: at(10),
      },
      {
        productId: 2,
        code: 'KOS-002',
        name: 'Koszulka bawełniana',
        price: 79,
        stock: 12,
        active: true,
        availabilityId: 1,
        addDate: at(45),
        editDate: at(5),
      },
      {
        productId: 3,
        code: 'PLE-003',
        name: 'Plecak miejski',
        price: 199,
        stock: 0,
        active: true,
        availabilityId: 3,
        addDate: at(30),
        editDate: at(2),
      },
    ],
    users: [
      { userId: 1, email: 'anna.nowak@example.pl', firstname: 'Anna', lastname: 'Nowak', dateAdd: at(90), newsletter: true, langId: 1 },
      {
        userId: 2,
        email: 'piotr.wisniewski@example.pl',
        firstname: 'Piotr',
        lastname: 'Wiśniewski',
        dateAdd: at(40),
        newsletter: false,
        langId: 1,
      },
    ],
    userAddresses: [
      {
        addressBookId: 1,
        userId: 1,
        firstname: anna.firstname,
        lastname: anna.lastname,
        street1: anna.street1,
        city: anna.city,
        zipCode: anna.postcode,
        country: anna.country,
        countryCode: 'PL',
        phone: anna.phone,
        default: true,
      },
      {
        addressBookId: 2,
        userId: 2,
        firstname: piotr.firstname,
        lastname: piotr.lastname,
        street1: piotr.street1,
        city: piotr.city,
        zipCode: piotr.postcode,
        country: piotr.country,
        countryCode: 'PL',
        phone: piotr.phone,
        default: true,
      },
    ],
    orders: [
      {
        orderId: 1,
        userId: 1,
        date: at(3),
        statusId: 1,
        statusDate: at(3),
        sum: 79.8,
        shippingCost: 14.99,
        shippingId: 1,
        paymentId: 1,
        currencyId: 1,
        email: 'anna.nowak@example.pl',
        langId: 1,
        billing: anna,
        delivery: anna,
        lines: [{ productId: 1, name: 'Kubek ceramiczny', quantity: 2, price: 39.9 }],
      },
      {
        orderId: 2,
        userId: null,
        date: at(1),
        statusId: 2,
        statusDate: at(1),
        sum: 79,
        shippingCost: 12.99,
        shippingId: 2,
        paymentId: 1,
        currencyId: 1,
        email: 'k.zielinska@example.pl',
        langId: 1,
        billing: guest,
        delivery: guest,
        lines: [{ productId: 2, name: 'Koszulka bawełniana', quantity: 1, price: 79 }],
      },
    ],
    shippings: [
      { shippingId: 1, name: 'Kurier DPD', cost: 14.99, engine: 'personal', isDefault: true },
      { shippingId: 2, name: 'Paczkomat InPost', cost: 12.99, engine: 'paczkomaty', isDefault: false },
      { shippingId: 3, name: 'Odbiór osobisty', cost: 0, engine: 'personal', isDefault: false },
    ],
    parcels: [],
    webhooks: [],
    authCodes: [],
    tokens: [],
    nextIds: { order: 3, user: 3, address: 3, product: 4, parcel: 1, webhook: 1 },
  };
}
