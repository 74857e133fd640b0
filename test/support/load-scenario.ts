// The load test's traffic. For each shop, real objects are made in the shop simulator (clients, orders, status
// changes, dispatched parcels, products restocked with waiting sign-ups) with its webhooks paused, and each is
// captured as the payload the simulator would have sent at that moment (its REST representation), so the app's
// REST look-ups later find the same orders and clients. Alongside, computed here from the templates and the
// simulator's data only (never from the app's code), the SMS each event must produce: text and number.
import type { LocalRuntime } from '#local/runtime';
import { orderView, parcelView, productView, userView } from '#local/simulators/shop/representation';
import { LOAD_TEXTS, loadNumber, signUpOnStorefront, type LoadShop } from './load-shops';
import { webhookSigner, type SignedWebhook } from './load-webhooks';

export interface ExpectedSms {
  to: string;
  message: string;
}

export interface ShopTraffic {
  shop: LoadShop;
  /** One signed webhook per event, in the order they happened in the shop. */
  events: SignedWebhook[];
  expected: ExpectedSms[];
}

/** How much of each kind one shop does. The defaults give 91 events and about 85 SMS per shop. */
export interface TrafficMix {
  clients: number;
  orders: number;
  /** Orders moved to status 2, status 4 (both with templates), status 5 (no template: no SMS), dispatched. */
  status2: number;
  status4: number;
  status5: number;
  dispatched: number;
  /** Products restocked with `signUpsPerProduct` waiting numbers each, plus one restock nobody waits for. */
  restocked: number;
  signUpsPerProduct: number;
}

export const DEFAULT_MIX: TrafficMix = {
  clients: 9,
  orders: 36,
  status2: 14,
  status4: 10,
  status5: 4,
  dispatched: 6,
  restocked: 5,
  signUpsPerProduct: 2,
};

/** mulberry32: the same seed gives the same traffic every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The test's own placeholder filling: `{name}` -> values.name. */
export const fill = (text: string, values: Record<string, string>) => text.replace(/\{([a-z_]+)\}/g, (_, key: string) => values[key] ?? '');

/** Polish money as a customer reads it: 1234.5 -> "1234,50" (amounts here stay under 1000). */
const plMoney = (amount: number) => amount.toFixed(2).replace('.', ',');

const FIRST_NAMES = ['Anna', 'Piotr', 'Ewa', 'Marek', 'Zofia', 'Tomasz', 'Julia', 'Kamil', 'Łucja', 'Jakub'];
const LAST_NAMES = ['Nowak', 'Kowalska', 'Wiśniewski', 'Lis', 'Zielińska', 'Mazur', 'Król', 'Wójcik'];
const NEW_PRODUCTS = [
  { name: 'Lampka nocna', price: 89.5 },
  { name: 'Zeszyt w kratkę', price: 6.99 },
  { name: 'Parasol składany', price: 59 },
];

/**
 * Builds one shop's traffic in the simulator (webhooks paused, so the app hears nothing yet) and returns the
 * signed webhooks and the SMS they must produce. Sign-ups go through the storefront endpoint as a client's would.
 */
export async function buildShopTraffic(
  rt: LocalRuntime,
  shop: LoadShop,
  mix: TrafficMix = DEFAULT_MIX,
  seed = shop.index + 1,
): Promise<ShopTraffic> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sim = rt.shop.shop(shop.slug);
  const sign = await webhookSigner(rt, shop.slug);
  const events: SignedWebhook[] = [];
  const expected: ExpectedSms[] = [];
  const statusName = (id: number) => sim.statuses.find((s) => s.statusId === id)!.names.pl_PL;
  const paused = sim.webhooks.map((w) => [w, w.active] as const);
  for (const [w] of paused) w.active = false;
  try {
    // Clients register; those who tick the newsletter get the welcome SMS (account-registered, delay 0).
    const clients: { userId: number; firstname: string; phone: string; newsletter: boolean }[] = [];
    for (let c = 0; c < mix.clients; c++) {
      const firstname = pick(FIRST_NAMES);
      const phone = loadNumber(shop.index, 1, c);
      const newsletter = random() < 0.6;
      const { userId } = await rt.shop.registerClient(shop.slug, {
        firstname,
        lastname: pick(LAST_NAMES),
        phone,
        newsletter,
        email: `k${c}@${shop.slug}.example.pl`,
      });
      clients.push({ userId, firstname, phone, newsletter });
      events.push(sign('client.create', userView(sim.users.find((u) => u.userId === userId)!)));
      if (newsletter) expected.push({ to: `48${phone}`, message: fill(LOAD_TEXTS.registered, { name: firstname, shop_name: shop.name }) });
    }

    // Orders: half from registered clients (some order more than once), half from guests.
    const orders: { orderId: number; phone: string; firstname: string; client?: (typeof clients)[number] }[] = [];
    for (let o = 0; o < mix.orders; o++) {
      const client = random() < 0.5 ? pick(clients) : undefined;
      const sum = Math.round(random() * 89_000 + 1_000) / 100;
      const guestPhone = loadNumber(shop.index, 2, o);
      const firstname = client?.firstname ?? pick(FIRST_NAMES);
      const { orderId } = await rt.shop.placeOrder(
        shop.slug,
        client ? { userId: client.userId, sum } : { userId: null, phone: guestPhone, firstname, lastname: pick(LAST_NAMES), sum },
      );
      const order = sim.orders.find((x) => x.orderId === orderId)!;
      events.push(sign('order.create', orderView(sim, order)));
      orders.push({ orderId, phone: client?.phone ?? guestPhone, firstname, client });
      expected.push({
        to: shop.ownerNumber,
        message: fill(LOAD_TEXTS.owner, { order_id: String(orderId), sum: plMoney(sum), currency: 'PLN' }),
      });
    }
    // "First order": a consenting client's lowest order number in the shop (these clients had none before).
    for (const client of clients.filter((c) => c.newsletter)) {
      const first = sim.orders.filter((x) => x.userId === client.userId).sort((a, b) => a.orderId - b.orderId)[0];
      if (first)
        expected.push({ to: `48${client.phone}`, message: fill(LOAD_TEXTS.firstOrder, { name: client.firstname, shop_name: shop.name }) });
    }

    // One change per order, so the expected set does not depend on the order in which webhooks arrive.
    const changes = shuffle(
      [
        ...Array<string>(mix.status2).fill('2'),
        ...Array<string>(mix.status4).fill('4'),
        ...Array<string>(mix.status5).fill('5'),
        ...Array<string>(mix.dispatched).fill('dispatch'),
      ],
      random,
    );
    if (changes.length > orders.length) throw new Error('LOAD_MIX_INVALID: more order changes than orders');
    for (const [i, change] of changes.entries()) {
      const { orderId, phone, firstname, client } = orders[i]!;
      const order = sim.orders.find((x) => x.orderId === orderId)!;
      const to = `48${phone}`;
      if (change === 'dispatch') {
        // The simulated shop sends parcel.dispatch and then moves the order to "przesyłka wysłana" (7).
        await rt.shop.dispatchParcel(shop.slug, orderId);
        const parcel = sim.parcels.find((p) => p.orderId === orderId)!;
        events.push(sign('parcel.dispatch', parcelView(parcel, order)));
        events.push(sign('order.status', orderView(sim, order)));
        expected.push({ to, message: fill(LOAD_TEXTS.status['7']!, { order_id: String(orderId), shipping_name: 'Kurier DPD' }) });
        // Both events reveal the same occasion: one "in transit" SMS, to consenting clients only.
        if (client?.newsletter) expected.push({ to, message: fill(LOAD_TEXTS.shipped, { name: firstname, order_id: String(orderId) }) });
        continue;
      }
      const statusId = Number(change);
      await rt.shop.changeStatus(shop.slug, orderId, statusId);
      events.push(sign('order.status', orderView(sim, order)));
      const template = LOAD_TEXTS.status[change];
      if (template) {
        expected.push({
          to,
          message: fill(template, { order_id: String(orderId), shop_name: shop.name, status_name: statusName(statusId) }),
        });
      }
    }

    // Back in stock: products sold out, clients sign up on the storefront, then the shop restocks them.
    for (const product of sim.products) product.stock = 0;
    for (const extra of NEW_PRODUCTS) {
      const at = rt.deps.clock.now().toISOString();
      sim.products.push({
        productId: sim.nextIds.product++,
        code: `NEW-${sim.nextIds.product}`,
        name: extra.name,
        price: extra.price,
        stock: 0,
        active: true,
        availabilityId: 3,
        addDate: at,
        editDate: at,
      });
    }
    if (mix.restocked + 1 > sim.products.length) throw new Error('LOAD_MIX_INVALID: not enough products');
    let signUp = 0;
    for (const product of sim.products.slice(0, mix.restocked)) {
      for (let s = 0; s < mix.signUpsPerProduct; s++) {
        const phone = loadNumber(shop.index, 3, signUp++);
        await signUpOnStorefront(rt, shop, product.productId, phone);
        expected.push({
          to: `48${phone}`,
          message: fill(LOAD_TEXTS.backInStock, {
            product_name: product.name,
            shop_name: shop.name,
            price: plMoney(product.price),
            currency: 'PLN',
          }),
        });
      }
    }
    for (const product of sim.products.slice(0, mix.restocked + 1)) {
      await rt.shop.restockProduct(shop.slug, product.productId, 5 + (product.productId % 7));
      events.push(sign('product.edit', productView(product, sim.url)));
    }
  } finally {
    for (const [w, active] of paused) w.active = active;
  }
  return { shop, events, expected };
}

/** All shops' events in a random arrival order, with `duplicates` of them delivered a second time, byte for byte, later. */
export function arrivalOrder(traffic: ShopTraffic[], duplicates: number, seed = 42): SignedWebhook[] {
  const random = seededRandom(seed);
  const order = shuffle(
    traffic.flatMap((t) => t.events),
    random,
  );
  const chosen = shuffle(
    order.map((_, i) => i),
    random,
  ).slice(0, duplicates);
  for (const i of chosen.sort((a, b) => b - a)) {
    const at = i + 1 + Math.floor(random() * (order.length - i));
    order.splice(at, 0, order[i]!);
  }
  return order;
}

/** What differs between the SMS expected and those in the outbox (as "number | text" lines). */
export function compareOutbox(expected: readonly ExpectedSms[], outbox: readonly { to: string; message: string }[]) {
  const key = (m: { to: string; message: string }) => `${m.to} | ${m.message}`;
  const want = new Map<string, number>();
  for (const m of expected) want.set(key(m), (want.get(key(m)) ?? 0) + 1);
  const got = new Map<string, number>();
  for (const m of outbox) got.set(key(m), (got.get(key(m)) ?? 0) + 1);
  const missing: string[] = [];
  const unexpected: string[] = [];
  const extraCopies: string[] = [];
  for (const [k, n] of want) if ((got.get(k) ?? 0) < n) missing.push(k);
  for (const [k, n] of got) {
    if (!want.has(k)) unexpected.push(k);
    else if (n > want.get(k)!) extraCopies.push(`${k} (x${n})`);
  }
  return { missing, unexpected, extraCopies };
}
