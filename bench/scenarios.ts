// What each Shoper webhook kind sets off, measured one webhook at a time on a typical shop: DynamoDB requests in
// the ingress path (webhooks function), in planning (planner), in sending (sender, per SMS) and in applying the
// delivery reports; plus the SMS and SMSAPI requests it led to.
import type { LocalRuntime } from '#local/runtime';
import { jobFromPlan, jobIdKey } from '#services/dispatch';
import { signUpId } from '#domain/sign-ups';
import { add, difference, figuresOf, type Snapshot } from './meter';
import { addCelebration, enableTemplate, phones, settle, setUpShop, signUpMany, soldOut, type Stack } from './harness';

export interface KindFigures {
  kind: string;
  webhooks: number;
  sms: number;
  smsapiRequests: number;
  /** Everything metered while this kind's webhooks were handled, summed over them. */
  usage: Snapshot;
  /** Per webhook: DynamoDB requests of the webhooks function and of the planner. */
  ingress: number[];
  planning: number[];
}

export interface OrderScenario {
  orders: number;
  kinds: KindFigures[];
  /** The order lifecycle's webhooks and the delayed SMS they planned, summed: the basis of the cost per order. */
  perOrderUsage: Snapshot;
  perOrderSms: number;
}

export const SLUG = 'bench';
/** Registered client with newsletter consent in the simulated shop (the review request asks for consent). */
const CLIENT_ID = 1;
const PRODUCT_ID = 3;
const DAY_MS = 24 * 3600 * 1000;

const smsDo = (rt: LocalRuntime) => rt.smsapi.requests().filter((r) => r.path.endsWith('/sms.do')).length;

function createRecorder(stack: Stack) {
  const kinds = new Map<string, KindFigures>();
  const figures = (kind: string) => {
    let k = kinds.get(kind);
    if (!k) kinds.set(kind, (k = { kind, webhooks: 0, sms: 0, smsapiRequests: 0, usage: {}, ingress: [], planning: [] }));
    return k;
  };
  /** Runs `act` (which sends `webhooks` webhooks of `kind`, or none for scheduled sends), waits, and records. */
  async function measure(kind: string, webhooks: number, act: () => Promise<unknown>): Promise<Snapshot> {
    const { rt, meter } = stack;
    const before = meter.snapshot();
    const outbox = rt.smsapi.outbox().length;
    const requests = smsDo(rt);
    await act();
    await settle(stack);
    const usage = difference(before, meter.snapshot());
    const k = figures(kind);
    k.webhooks += webhooks;
    k.sms += rt.smsapi.outbox().length - outbox;
    k.smsapiRequests += smsDo(rt) - requests;
    k.usage = add(k.usage, usage);
    if (webhooks === 1) {
      k.ingress.push(figuresOf(usage, 'webhooks').ddbRequests);
      k.planning.push(figuresOf(usage, 'planner').ddbRequests);
    }
    return usage;
  }
  return { measure, kinds: () => [...kinds.values()] };
}

/**
 * A typical shop: the owner's new-order SMS, status SMS for "przyjęte do realizacji" (2) and "przesyłka wysłana"
 * (7), a review request 4 days after dispatch (date celebration), a welcome SMS on registration, back in stock.
 * Each order: order.create, status 2, status 4 (no template), parcel.dispatch, status 7.
 */
export async function runOrderScenario(
  stack: Stack,
  options: { orders: number; waitingSignUps: number; historyJobs: number },
): Promise<OrderScenario> {
  const { rt } = stack;
  const { orders, waitingSignUps } = options;
  const { licence, api } = await setUpShop(rt, SLUG);
  await seedHistory(rt, licence, options.historyJobs);
  await enableTemplate(api, 'owner-new-order', 'Nowe zamówienie {order_id}. Kwota: {sum} {currency}');
  await enableTemplate(api, 'order-status/2', 'Dzień dobry! Zamówienie {order_id} zostało przyjęte do realizacji. {shop_name}');
  await enableTemplate(api, 'order-status/7', 'Zamówienie {order_id} zostało wysłane: {shipping_name}. Dziękujemy! {shop_name}');
  // As merchants send it: a product link, and the automatic opt-out line (on by default): two links of its own per SMS.
  await enableTemplate(api, 'back-in-stock', '{product_name} znów dostępny w {shop_name} za {price} {currency}! {product_link}');
  await addCelebration(api, 'order-shipped', 'Jak oceniasz zamówienie ze sklepu {shop_name}? Podziel się opinią!', 4);
  await addCelebration(api, 'account-registered', 'Witaj w {shop_name}, {name}!', 0);
  // The simulated shop would send order.status 7 by itself after a dispatch; the bench sends it on its own step.
  rt.shop.shop(SLUG).statusAfterDispatch = null;

  const recorder = createRecorder(stack);
  const { measure } = recorder;
  let perOrder: Snapshot = {};
  let perOrderSms = 0;
  const track = async (kind: string, webhooks: number, act: () => Promise<unknown>) => {
    const k = recorder.kinds().find((x) => x.kind === kind);
    const smsBefore = k?.sms ?? 0;
    const usage = await measure(kind, webhooks, act);
    perOrder = add(perOrder, usage);
    perOrderSms += (recorder.kinds().find((x) => x.kind === kind)?.sms ?? 0) - smsBefore;
  };

  for (let i = 0; i < orders; i++) {
    let orderId = 0;
    await track('order.create', 1, async () => {
      orderId = (await rt.shop.placeOrder(SLUG, { userId: CLIENT_ID })).orderId;
    });
    await track('order.status', 1, () => rt.shop.changeStatus(SLUG, orderId, 2));
    await track('order.status', 1, () => rt.shop.changeStatus(SLUG, orderId, 4));
    await track('parcel.dispatch', 1, () => rt.shop.dispatchParcel(SLUG, orderId));
    await track('order.status', 1, () => rt.shop.changeStatus(SLUG, orderId, 7));
  }
  // The review requests are due 4 days after each dispatch: EventBridge Scheduler puts them on the sends queue.
  await track('scheduled (review request)', 0, () => rt.advanceClock(5 * DAY_MS));

  for (let i = 0; i < 3; i++) {
    await measure('client.create', 1, () => rt.shop.registerClient(SLUG, { newsletter: true, phone: `785 123 4${String(50 + i)}` }));
  }
  for (let round = 0; round < 3; round++) {
    soldOut(rt, SLUG, PRODUCT_ID);
    await signUpMany(rt, SLUG, licence, PRODUCT_ID, phones(round * 1000, waitingSignUps), {
      addressBlock: 20 + round,
      perAddress: 5,
      concurrency: 5,
    });
    await settle(stack);
    await measure(`product.edit (${waitingSignUps} waiting)`, 1, () => rt.shop.restockProduct(SLUG, PRODUCT_ID));
  }

  return {
    orders,
    kinds: recorder.kinds(),
    perOrderUsage: perOrder,
    perOrderSms: perOrderSms / orders,
  };
}

/** Runs `task` over `items` with `concurrency` at once. */
async function inParallel<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

/**
 * The SMS a shop sent in the past months (jobs are kept 180 days): delivered status SMS of earlier orders. Written
 * straight to the table, as the sender would have left them, so planning sees a shop that has been running.
 */
async function seedHistory(rt: LocalRuntime, shop: string, count: number) {
  const now = rt.deps.clock.now().getTime();
  const idKey = await jobIdKey(rt.deps);
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const dueAt = new Date(now - ((i % 170) + 1) * DAY_MS);
      const orderId = String(100_000 + Math.floor(i / 2));
      const statusId = i % 2 === 0 ? '2' : '7';
      const job = jobFromPlan(
        shop,
        {
          key: `history:${orderId}:${statusId}`,
          kind: 'order-status',
          phone: `+48601${String(200_000 + (i % 500)).padStart(6, '0')}`,
          text: `Dzień dobry! Zamówienie ${orderId} zostało przyjęte do realizacji. Sklep bench`,
          dueAt,
          source: { event: 'order.status', orderId, statusId, statusDate: dueAt.toISOString() },
        },
        dueAt,
        idKey,
      );
      await rt.deps.store.createJob({
        ...job,
        state: 'DELIVERED',
        attempts: 1,
        sentAt: dueAt.toISOString(),
        deliveredAt: dueAt.toISOString(),
        smsapiId: String(7_000_000_000_000 + i),
        parts: 1,
        points: 0.16,
        reportStatus: 'DELIVERED',
      });
    },
  );
}

export interface BackInStockScenario {
  signUps: number;
  signUpSeconds: number;
  sendSeconds: number;
  smsSent: number;
  smsapiRequests: number;
  usage: Snapshot;
  /** Per 1,000 numbers handed to SMSAPI, in order: how long that thousand took, and the process's memory then. */
  tranches: { numbers: number; seconds: number; rssMb: number; heapMb: number }[];
  /** The bench process's peak resident memory during the restock (planner, sender and simulators share it). */
  peakRssMb: number;
  rssBeforeMb: number;
}

const TRANCHE = 1000;
const mb = (bytes: number) => bytes / (1024 * 1024);

/**
 * Watches the restock go out: wraps the SMS gateway to count numbers accepted by SMSAPI, samples memory, and
 * notes each 1,000 numbers' time. Stops when told.
 */
function watchRestock(rt: LocalRuntime) {
  const sms = rt.deps.sms;
  const send = sms.send.bind(sms);
  let numbers = 0;
  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  let last = Date.now();
  const tranches: BackInStockScenario['tranches'] = [];
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    return { rss, heapUsed };
  };
  sms.send = async (request) => {
    const result = await send(request);
    if (!result.ok) return result;
    const before = Math.floor(numbers / TRANCHE);
    numbers += result.messages.length;
    if (Math.floor(numbers / TRANCHE) > before) {
      const now = Date.now();
      const { rss, heapUsed } = sample();
      tranches.push({
        numbers: Math.floor(numbers / TRANCHE) * TRANCHE,
        seconds: (now - last) / 1000,
        rssMb: mb(rss),
        heapMb: mb(heapUsed),
      });
      last = now;
    }
    return result;
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sms.send = send;
      return { tranches, peakRssMb: mb(peakRss), rssBeforeMb: mb(rssBefore) };
    },
  };
}

/**
 * 1,000 clients wait for one product, then it is restocked once: how many SMSAPI requests go out. The sign-ups
 * are written through the sign-up repository (the storefront path is measured by the product.edit rows, ten
 * sign-ups per round over HTTP): 1,000 storefront requests would take minutes on DynamoDB Local and tell
 * nothing more about sending. The shop raises its daily storefront SMS cap (a merchant's setting) to 1,000 so
 * none wait for tomorrow.
 */
export async function runBackInStockScenario(stack: Stack, signUps: number): Promise<BackInStockScenario> {
  const { rt, meter } = stack;
  const slug = 'bench-bis';
  const { licence, api } = await setUpShop(rt, slug, { storefrontDailyCap: signUps });
  await enableTemplate(api, 'back-in-stock', '{product_name} znów dostępny w {shop_name} za {price} {currency}!');
  soldOut(rt, slug, PRODUCT_ID);
  const started = Date.now();
  const repository = rt.deps.signUps;
  const at = rt.deps.clock.now().toISOString();
  await inParallel(phones(100_000, signUps), 8, async (display) => {
    const phone = display.replace(/\s/g, '');
    const outcome = await repository.signUp({
      id: signUpId(String(PRODUCT_ID), phone),
      shop: licence,
      productId: String(PRODUCT_ID),
      phone,
      status: 'waiting',
      createdAt: at,
      updatedAt: at,
      consent: { at, textVersion: 'v1', ipHash: 'bench', locale: 'pl' },
    });
    if (outcome !== 'created') throw new Error(`BENCH_SIGN_UP_NOT_CREATED ${outcome}`);
  });
  const signUpSeconds = (Date.now() - started) / 1000;

  const before = meter.snapshot();
  const outbox = rt.smsapi.outbox().length;
  const requests = smsDo(rt);
  const watch = watchRestock(rt);
  const restocked = Date.now();
  await rt.shop.restockProduct(slug, PRODUCT_ID);
  await settle(stack);
  const sendSeconds = (Date.now() - restocked) / 1000;
  return {
    signUps,
    signUpSeconds,
    sendSeconds,
    smsSent: rt.smsapi.outbox().length - outbox,
    smsapiRequests: smsDo(rt) - requests,
    usage: difference(before, meter.snapshot()),
    ...watch.stop(),
  };
}
