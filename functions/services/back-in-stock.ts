// Back in stock (manual 4.5): a client leaves a mobile number on an unavailable product's page; when the
// product is active and in stock again, every waiting sign-up gets one SMS and turns from "oczekuje" to
// "wysłany". Sign-ups are listed and deleted by the merchant (4.9) and withdrawn by the client.
import { decodeCursor, encodeCursor } from '#domain/cursor';
import { AppError, badRequest } from '#domain/errors';
import type { Job, Shop } from '#domain/model';
import { formatMoney } from '#domain/money';
import { normalizeMobile, phoneErrorMessage } from '#domain/phone';
import { dueTime, templateKey, type PlanningContext } from '#domain/planning';
import { withDefaults } from '#domain/settings';
import { parseProduct, type ProductFacts } from '#domain/shoper-events';
import { BACK_IN_STOCK_PAGE_EVENT, type BackInStockPage } from '#contracts/queue';
import { localDate } from '#domain/calendar';
import { renderLinkedMessage } from '#domain/linked-message';
import { renderMessage } from '#domain/template';
import type { SubscribeRequest, WithdrawRequest } from '#contracts/storefront';
import type { SubscriptionView } from '#contracts/subscriptions';
import { parseSignUpId, signUpId, type SignUp } from '#domain/sign-ups';
import type { Deps } from './deps';
import { jobFromPlan, jobIdKey, recordSuppressed } from './dispatch';
import { suppressed } from '#domain/suppression';
import { withRecordedConsent } from './back-in-stock-consent';
import { dispatchBatches } from './send-batch';
import { createShoperClient } from './shoper-client';
import { enforceLimit, privateHash, STOREFRONT_LIMITS } from './rate-limit';
import { placeUnderDailyCap, releaseCapPlace } from './storefront-cap';
import { readWithdrawToken, withdrawToken } from './storefront';
import { optOutsOf } from './opt-out';
import { saveLinks } from './short-links';

/** Active (as far as the payload says) and in stock. */
export const isAvailable = (product: ProductFacts) => product.active !== false && (product.stock ?? 0) > 0;

const PRODUCT_LOOKUP_MS = 3000;

/** Best effort: the product from the shop's REST API, or undefined if Shoper is slow or unreachable. */
async function fetchProduct(deps: Deps, shop: Shop, productId: string): Promise<ProductFacts | 'not-found' | undefined> {
  const lookup = createShoperClient(deps, shop)
    .get<unknown>('products', productId)
    .then((body) => parseProduct(body))
    .catch((error: { code?: string }) => (error?.code === 'SHOPER_NOT_FOUND' ? ('not-found' as const) : undefined));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PRODUCT_LOOKUP_MS);
  });
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const MESSAGES = {
  created: {
    pl: 'Dziękujemy! Wyślemy SMS, gdy produkt będzie znów dostępny.',
    en: 'Thank you! We will text you when the product is back in stock.',
  },
  disabled: {
    pl: 'Powiadomienia SMS o dostępności są w tym sklepie wyłączone.',
    en: 'Back-in-stock text messages are switched off in this shop.',
  },
  unknownProduct: { pl: 'Nie ma takiego produktu w sklepie.', en: 'There is no such product in this shop.' },
  available: { pl: 'Ten produkt jest już dostępny — możesz go kupić teraz.', en: 'This product is available — you can buy it now.' },
  notFound: { pl: 'Nie znaleziono takiego zapisu na powiadomienie.', en: 'No such sign-up was found.' },
  withdrawn: {
    pl: 'Jeśli ten numer był zapisany na powiadomienie o tym produkcie, zapis został wycofany — nie wyślemy SMS-a.',
    en: 'If this number was signed up for this product, the sign-up has been withdrawn: we will not text it.',
  },
};

export interface StorefrontCaller {
  ipHash: string;
  locale: 'pl' | 'en';
}

export interface SignUpResult {
  status: 'waiting';
  /** Always false: whether a number was signed up already is nobody's business but the shop's. */
  duplicate: false;
  withdrawToken: string;
  message: string;
}

/**
 * A client signs up for one product. The same phone and product twice is one sign-up, and the answer is the same
 * as for a new one: the storefront must not tell a stranger whether a number is on the list.
 */
export async function signUpForBackInStock(
  deps: Deps,
  shop: Shop,
  input: SubscribeRequest,
  caller: StorefrontCaller,
): Promise<SignUpResult> {
  const { locale } = caller;
  const config = await deps.store.loadConfiguration(shop.shop);
  if (config.templates[templateKey.backInStock]?.enabled !== true) {
    throw new AppError(409, 'BACK_IN_STOCK_DISABLED', MESSAGES.disabled[locale]);
  }
  const settings = withDefaults(config.settings);
  const phone = normalizeMobile(input.phone, {
    allowedCountries: settings.allowedCountries,
    defaultCountry: settings.allowedCountries[0] ?? 'PL',
  });
  if (!phone.ok) throw badRequest(phone.code, phoneErrorMessage(phone.code, locale), 'phone');

  const phoneHash = await privateHash(deps, 'phone', phone.e164);
  await enforceLimit(deps, shop.shop, STOREFRONT_LIMITS.signUpPerPhoneDay, phoneHash, locale);
  await enforceLimit(deps, shop.shop, STOREFRONT_LIMITS.signUpPerShopDay, 'all', locale);

  const product = await fetchProduct(deps, config.shop ?? shop, input.productId);
  if (product === 'not-found') throw badRequest('PRODUCT_UNKNOWN', MESSAGES.unknownProduct[locale], 'productId');
  if (product && isAvailable(product)) throw new AppError(409, 'PRODUCT_AVAILABLE', MESSAGES.available[locale], 'productId');

  const at = deps.clock.now().toISOString();
  const id = signUpId(input.productId, phone.e164);
  const signUp: SignUp = {
    id,
    shop: shop.shop,
    productId: input.productId,
    phone: phone.e164,
    ...(input.clientId ? { clientId: input.clientId } : {}),
    ...(product?.name ? { productName: product.name } : {}),
    status: 'waiting',
    createdAt: at,
    updatedAt: at,
    consent: { at, textVersion: input.consentTextVersion, ipHash: caller.ipHash, locale },
  };
  const outcome = await deps.signUps.signUp(signUp);
  if (outcome === 'created' && (await deps.store.rememberNumber(shop.shop, phone.e164, at, 'back-in-stock'))) {
    await deps.store.addStats(shop.shop, localDate(new Date(at), settings.quietHours.timeZone), { newNumbers: 1 });
  }
  deps.logger.info('back-in-stock sign-up', { shop: shop.shop, productId: input.productId, outcome });
  return {
    status: 'waiting',
    duplicate: false,
    withdrawToken: await withdrawToken(deps, shop.shop, id),
    message: MESSAGES.created[locale],
  };
}

/**
 * The client withdraws consent: the sign-up is kept as "withdrawn" (proof of the withdrawal) and never sent. A number
 * that was never signed up gets the very same answer (no "is this number subscribed?" oracle); only a forged
 * token is refused, and a token reveals nothing (it is ours, for one sign-up).
 */
export async function withdrawBackInStock(deps: Deps, shop: Shop, input: WithdrawRequest, locale: 'pl' | 'en') {
  let target: { productId: string; phone: string } | undefined;
  if ('token' in input) {
    const id = await readWithdrawToken(deps, shop.shop, input.token);
    target = id ? parseSignUpId(id) : undefined;
    if (!target) throw badRequest('WITHDRAW_TOKEN_INVALID', MESSAGES.notFound[locale], 'token');
  } else {
    const settings = withDefaults(await deps.store.getSettings(shop.shop));
    const phone = normalizeMobile(input.phone, { defaultCountry: settings.allowedCountries[0] ?? 'PL' });
    if (!phone.ok) throw badRequest(phone.code, phoneErrorMessage(phone.code, locale), 'phone');
    target = { productId: input.productId, phone: phone.e164 };
  }
  const done = await deps.signUps.withdraw(shop.shop, target.productId, target.phone, deps.clock.now().toISOString());
  deps.logger.info('back-in-stock withdrawal', { shop: shop.shop, productId: target.productId, found: done });
  return { status: 'withdrawn' as const, message: MESSAGES.withdrawn[locale] };
}

/** Sign-ups planned, dispatched and marked sent together: memory stays flat, and 1,000 fill ten SMSAPI batches. */
export const NOTIFY_SLICE = 1000;

/**
 * Sign-ups one planner run handles before it hands the rest on (one slice: ~4 DynamoDB requests each, ~25 s in AWS,
 * well inside the planner's 60 s): a list of any length is planned by a chain of runs, each bounded.
 */
export const RESTOCK_PAGE = NOTIFY_SLICE;

async function enqueueNextPage(deps: Deps, shop: string, page: BackInStockPage): Promise<void> {
  await deps.eventsQueue.send({ shop, event: BACK_IN_STOCK_PAGE_EVENT, receivedAt: deps.clock.now().toISOString(), payload: page });
}

/** The sign-ups in arrays of at most `size`: opt-outs and consent are read, and jobs dispatched, per slice. */
async function* inSlices<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let slice: T[] = [];
  for await (const item of items) {
    slice.push(item);
    if (slice.length >= size) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}

async function* startingWith<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * The product is back: one job per waiting sign-up, sent in batches (one SMSAPI request per 100 numbers), then
 * each sign-up turns "sent"; the list is read page by page and handled NOTIFY_SLICE sign-ups at a time. One run
 * handles at most `pageSize` sign-ups, then queues the next page (BACK_IN_STOCK_PAGE_EVENT, after the last number
 * read) and returns: no run nears the planner's timeout, however long the list. Safe to repeat after a crash or a
 * redelivery: job ids are deterministic (a job is created once, claimed once), re-dispatching is harmless, and
 * a page's message is deleted only after its next page is queued. Returns how many sign-ups this run notified.
 */
export async function notifyBackInStock(
  deps: Deps,
  ctx: PlanningContext,
  product: ProductFacts,
  from: { after?: string; page?: number; pageSize?: number } = {},
): Promise<number> {
  const shop = ctx.shop.shop;
  const template = ctx.templates[templateKey.backInStock];
  if (!template?.enabled || !isAvailable(product)) return 0;
  const signUps = deps.signUps;
  const pages = signUps.waiting(shop, product.productId, from.after);
  const first = await pages.next();
  if (first.done) return 0;
  const waiting = startingWith(first.value, pages);
  const pageSize = from.pageSize ?? RESTOCK_PAGE;
  const page = from.page ?? 1;

  let facts = product;
  // A continuation carries the facts the first run gathered: no second lookup.
  if (from.after === undefined && (!facts.name || facts.price === undefined)) {
    const fetched = await fetchProduct(deps, ctx.shop, product.productId);
    if (fetched && fetched !== 'not-found')
      facts = { ...fetched, ...Object.fromEntries(Object.entries(product).filter(([, v]) => v !== undefined)) };
  }
  const currency = ctx.shop.currencies?.find((c) => c.currencyId === facts.currencyId)?.name ?? ctx.shop.defaultCurrency ?? 'PLN';
  const values = {
    product_name: facts.name ?? '',
    shop_name: ctx.shop.shopName ?? '',
    price: facts.price !== undefined ? formatMoney(facts.price) : '',
    currency,
  };
  // The text without links: what the history shows for a message not sent (each sent SMS gets its own links below).
  const text = renderMessage('back-in-stock', template.text, values, { maxParts: ctx.maxParts });
  let jobs: Job[] = [];
  let planned: { signUp: SignUp; job: Job }[] = [];
  let notified = 0;
  let read = 0;
  let lastRead: string | undefined;
  let capFull = false;
  const dispatchSlice = async () => {
    await dispatchBatches(deps, shop, jobs);
    const at = deps.clock.now().toISOString();
    for (const { signUp, job } of planned) await signUps.markSent(signUp, job.jobId, at);
    notified += planned.length;
    jobs = [];
    planned = [];
  };
  for await (const slice of inSlices(waiting, Math.min(NOTIFY_SLICE, pageSize))) {
    read += slice.length;
    lastRead = slice[slice.length - 1]!.phone;
    // Numbers that opted out of marketing SMS get none: their sign-ups are withdrawn instead.
    const optedOut = await optOutsOf(
      deps,
      shop,
      slice.map((s) => s.phone),
    );
    let eligible = slice;
    if (ctx.settings.backInStockRequiresConsent) {
      // Asked before any job exists: if Shoper cannot answer, the event comes back and nothing was half done.
      const consent = await withRecordedConsent(deps, ctx, slice, text);
      await recordSuppressed(deps, shop, consent.skipped);
      eligible = consent.consenting;
    }
    for (const signUp of eligible) {
      const timing = dueTime('back-in-stock', template.delayDays, ctx);
      const key = `back-in-stock:${signUp.productId}:${signUp.phone}:${signUp.createdAt}`;
      const source: Job['source'] = {
        event: 'product.edit',
        productId: signUp.productId,
        ...(signUp.clientId ? { userId: signUp.clientId } : {}),
      };
      if (optedOut.has(signUp.phone)) {
        // Shown in the history as skipped (with the reason); the sign-up is withdrawn, never sent.
        await recordSuppressed(deps, shop, [suppressed('OPTED_OUT', { key, kind: 'back-in-stock', phone: signUp.phone, text, source })]);
        await signUps.withdraw(shop, signUp.productId, signUp.phone, ctx.now.toISOString());
        continue;
      }
      // Rendered per sign-up: each SMS has its own links.
      const message = renderLinkedMessage('back-in-stock', template.text, values, {
        maxParts: ctx.maxParts,
        links: ctx.links,
        autoStopLink: ctx.settings.autoStopLink,
        request: {
          jobKey: key,
          phone: signUp.phone,
          userId: signUp.clientId,
          targets: { shopUrl: ctx.shop.shopUrl, productUrl: facts.url },
        },
      });
      const job = jobFromPlan(
        shop,
        {
          key,
          kind: 'back-in-stock',
          phone: signUp.phone,
          text: message.text,
          ...timing,
          source,
        },
        ctx.now,
        await jobIdKey(deps),
      );
      const existing = await deps.store.getJob(shop, job.jobId);
      let current = existing;
      if (!existing) {
        // Once the cap has no room, it has none for the rest either: they stay waiting for a later restock.
        const placed = capFull
          ? ({ dropped: true } as const)
          : await placeUnderDailyCap(deps, shop, ctx.settings, 'back-in-stock', new Date(job.dueAt));
        if (placed.dropped) {
          capFull = true;
          continue;
        }
        if (placed.waitReason) {
          Object.assign(job, {
            dueAt: placed.dueAt.toISOString(),
            state: 'SCHEDULED',
            shiftedFrom: job.shiftedFrom ?? job.dueAt,
            waitReason: placed.waitReason,
          });
        }
        await saveLinks(deps, message.links);
        if ((await deps.store.createJob(job)) === 'created') current = job;
        else {
          await releaseCapPlace(deps, shop, placed.capDate);
          current = await deps.store.getJob(shop, job.jobId);
        }
      }
      if (!current) continue;
      if (current.state === 'QUEUED' || current.state === 'SCHEDULED') jobs.push(current);
      planned.push({ signUp: { ...signUp, productName: facts.name ?? signUp.productName }, job: current });
    }
    await dispatchSlice();
    // A full page: the rest goes to the next run. Queued after this page's work is stored and before its own message
    // is deleted, so a run that dies is repeated (nothing lost) and one that finished has handed on (nothing stuck).
    if (read >= pageSize) {
      await enqueueNextPage(deps, shop, { product: facts, after: lastRead!, page: page + 1 });
      deps.logger.info('back in stock: next page queued', { shop, productId: product.productId, page: page + 1, jobs: notified });
      return notified;
    }
  }
  deps.logger.info('back in stock: sign-ups notified', { shop, productId: product.productId, jobs: notified, page });
  return notified;
}

// ---- The merchant's notification list (manual 4.9) ----

/** The true state of a sign-up's SMS: waiting for the product, scheduled (for when), sent, delivered or failed. */
const messageView = (job: Job | undefined): SubscriptionView['message'] =>
  job
    ? {
        state: job.state,
        dueAt: job.dueAt,
        ...(job.sentAt ? { sentAt: job.sentAt } : {}),
        ...(job.deliveredAt ? { deliveredAt: job.deliveredAt } : {}),
      }
    : undefined;

const toView = (s: SignUp, job?: Job): SubscriptionView => ({
  id: s.id,
  ...(s.clientId ? { clientId: s.clientId } : {}),
  phone: s.phone,
  productId: s.productId,
  ...(s.productName ? { productName: s.productName } : {}),
  status: s.status,
  createdAt: s.createdAt,
  ...(s.sentAt ? { sentAt: s.sentAt } : {}),
  ...(s.withdrawnAt ? { withdrawnAt: s.withdrawnAt } : {}),
  ...(job ? { message: messageView(job) } : {}),
});

// The position after a sign-up: its creation time and id (the list's order).
const signUpCursor = (s: SignUp) => encodeCursor([s.createdAt, s.id]);
const isPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');

/** Newest first; `search` matches the phone (digits), product id, product name or client id. */
export async function listSignUps(deps: Deps, shop: string, query: { search?: string; limit: number; cursor?: string }) {
  let all = await deps.signUps.listAll(shop);
  const search = query.search?.toLowerCase();
  if (search) {
    const digits = search.replace(/\D/g, '');
    all = all.filter(
      (s) =>
        (digits.length >= 3 && s.phone.replace(/\D/g, '').includes(digits)) ||
        s.productId === search ||
        s.clientId === search ||
        (s.productName?.toLowerCase().includes(search) ?? false),
    );
  }
  all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  let start = 0;
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, isPosition);
    start = all.findIndex((s) => s.createdAt < createdAt || (s.createdAt === createdAt && s.id < id));
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + query.limit);
  const more = start + query.limit < all.length;
  // "wysłany" only once the SMS really left: the sign-up's job says whether it waits (sending hours) or went.
  const jobs = await Promise.all(page.map((s) => (s.jobId ? deps.store.getJob(shop, s.jobId) : Promise.resolve(undefined))));
  return {
    items: page.map((s, i) => toView(s, jobs[i])),
    total: all.length,
    ...(more && page.length ? { cursor: signUpCursor(page[page.length - 1]!) } : {}),
  };
}

/** Deletes sign-ups by id; returns how many existed. */
export async function deleteSignUps(deps: Deps, shop: string, ids: string[]): Promise<number> {
  let deleted = 0;
  for (const id of new Set(ids)) {
    const target = parseSignUpId(id);
    if (target && (await deps.signUps.remove(shop, target.productId, target.phone))) deleted++;
  }
  return deleted;
}
