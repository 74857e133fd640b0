// What the attack suites share: signing as Shoper does (computed here, independently of the app's code), a
// snapshot of everything a shop owns so "changed nothing" is checked item by item, and a client that keeps
// every answer it got so a test can search them for secrets afterwards.
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { sessionRequest } from './admin-client';

export const webhookSha1 = (webhookId: string, secret: string, body: string | Buffer) =>
  createHash('sha1').update(`${webhookId}:${secret}:`).update(body).digest('hex');

/** App Store events and iframe parameters: HMAC-SHA512 over `k=v` sorted by key and joined with `&`. */
export function appstoreHash(fields: Record<string, string>, secret = LOCAL_SECRETS.APPSTORE_SECRET): string {
  const base = Object.keys(fields)
    .filter((k) => k !== 'hash')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHmac('sha512', secret).update(base).digest('hex');
}

export const nowSeconds = (rt: LocalRuntime) => Math.floor(rt.deps.clock.now().getTime() / 1000);

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
}

/** Every answer the app gave during a test, for the "no secret ever leaves" checks. */
export const answers: { url: string; status: number; text: string }[] = [];

/** fetch against the app that reads the whole body and records it. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  answers.push({ url, status: res.status, text });
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/**
 * A POST on a connection of its own, closed afterwards: for bodies the server refuses before reading them all,
 * whose half-read connection must not be reused by the next request.
 */
export function postOnFreshConnection(url: string, headers: Record<string, string>, body: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', agent: false, headers: { ...headers, connection: 'close' } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        answers.push({ url, status: res.statusCode ?? 0, text });
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text, body: parsed });
      });
    });
    // The server may stop reading and answer while the body is still being written: only fail with no answer.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}

/**
 * The error shape every refusal has: `{error: {code, message}}` with a JSON content type. Returns the code so
 * a test can name it.
 */
export function errorCode(answer: Answer): string {
  expect(answer.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(answer.body).toEqual({
    error: expect.objectContaining({ code: expect.stringMatching(/^[A-Z0-9_]+$/), message: expect.any(String) }),
  });
  return answer.body.error.code as string;
}

/** Asserts a 4xx refusal with the JSON error shape (and, when given, one of the expected statuses and code). */
export function expectRefused(answer: Answer, status: number | number[], code?: string | RegExp): void {
  const statuses = Array.isArray(status) ? status : [status];
  if (!statuses.includes(answer.status)) {
    throw new Error(`expected HTTP ${statuses.join(' or ')}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  const got = errorCode(answer);
  if (code !== undefined) expect(got).toMatch(code);
}

/** A session token for a shop, the way the Shoper admin's iframe gets one (the answer is recorded like every call). */
export async function signIn(rt: LocalRuntime, slug: string): Promise<string> {
  const res = await call(...sessionRequest(rt, slug));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  return res.body.token as string;
}

/** An admin API call with a given token (or none). */
export function adminCall(rt: LocalRuntime, token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> {
  return call(`${rt.url}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ShopSnapshot {
  /** Every item under the shop's partition, sorted by sort key (rate-limit counters apart, see below). */
  items: Record<string, unknown>[];
  /** Rate-limit and cap counters: hostile storefront requests are counted on purpose, so they are kept apart. */
  counters: Record<string, unknown>[];
  schedules: string[];
  outbox: number;
  queued: number;
}

/** Everything a shop owns and everything that could send an SMS for it, after the runtime has gone idle. */
export async function snapshot(rt: LocalRuntime, licence: string): Promise<ShopSnapshot> {
  await rt.idle();
  const all = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}` },
  });
  all.sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  const isCounter = (i: Record<string, unknown>) => String(i.sk).startsWith('RATE#');
  const [events, sends] = await Promise.all([rt.deps.eventsQueue.depth(), rt.deps.sendsQueue.depth()]);
  return {
    items: all.filter((i) => !isCounter(i)),
    counters: all.filter(isCounter),
    schedules: (await rt.deps.scheduler.list())
      .filter((s) => s.ref.shop === licence)
      .map((s) => s.ref.jobId)
      .sort(),
    outbox: rt.smsapi.outbox().length,
    queued: events.visible + events.inFlight + sends.visible + sends.inFlight,
  };
}

/** The sort keys of the items added between two snapshots. */
export const addedKeys = (before: ShopSnapshot, after: ShopSnapshot) => {
  const had = new Set(before.items.map((i) => String(i.sk)));
  return after.items.map((i) => String(i.sk)).filter((sk) => !had.has(sk));
};
