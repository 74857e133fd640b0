// Shoper webhooks sent by the tests themselves, as fast as the app takes them: signed with the shop's registered
// secret read from the store (X-Webhook-SHA1 = SHA-1 of `id:secret:body`, computed here, not by the app's code),
// with the headers a Shoper shop sends; and the timing figures (throughput, latency percentiles).
import { createHash } from 'node:crypto';
import type { LocalRuntime } from '#local/runtime';
import { inParallel } from './load-shops';

export interface SignedWebhook {
  licence: string;
  event: string;
  body: string;
  headers: Record<string, string>;
}

export type WebhookSigner = (event: string, payload: Record<string, unknown>) => SignedWebhook;

/** Signs webhooks for one simulated shop with the webhook the app registered in it for each event (one per event). */
export async function webhookSigner(rt: LocalRuntime, slug: string): Promise<WebhookSigner> {
  const sim = rt.shop.shop(slug);
  const ours = sim.webhooks.filter((w) => w.url === `${rt.url}/shoper/webhooks`);
  if (ours.length === 0) throw new Error(`LOAD_NO_WEBHOOK: shop ${slug} has no registered webhook`);
  return (event, payload) => {
    const hook = ours.find((w) => w.events.includes(event));
    if (!hook) throw new Error(`LOAD_NO_WEBHOOK: shop ${slug} has no webhook for ${event}`);
    const secret = hook.secret;
    const body = JSON.stringify(payload);
    return {
      licence: sim.licence,
      event,
      body,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Shop Webhook Sender 5.26.54',
        'X-Shop-Version': '5.26.54',
        'X-Shop-Domain': new URL(sim.url).host,
        'X-Shop-License': sim.licence,
        'X-Webhook-Id': String(hook.webhookId),
        'X-Webhook-Name': event,
        'X-Webhook-SHA1': createHash('sha1').update(`${hook.webhookId}:${secret}:${body}`, 'utf8').digest('hex'),
      },
    };
  };
}

export async function postWebhook(appUrl: string, hook: SignedWebhook): Promise<number> {
  const res = await fetch(`${appUrl}/shoper/webhooks`, { method: 'POST', headers: hook.headers, body: hook.body });
  await res.arrayBuffer();
  return res.status;
}

export interface Burst {
  statuses: number[];
  /** Each request's latency in ms, in request order. */
  latencies: number[];
  elapsedMs: number;
}

/** Runs `count` requests with at most `concurrency` in flight and times each one and the whole burst. */
export async function burst(count: number, concurrency: number, request: (i: number) => Promise<number>): Promise<Burst> {
  const latencies: number[] = new Array(count);
  const started = performance.now();
  const statuses = await inParallel(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const t0 = performance.now();
      const status = await request(i);
      latencies[i] = performance.now() - t0;
      return status;
    },
  );
  return { statuses, latencies, elapsedMs: performance.now() - started };
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Figure {
  figure: string;
  load: string;
  baseline: string;
  ratio: string;
}

/** A small fixed-width table for the test output (and to paste into the README's Reliability section). */
export function figuresTable(title: string, rows: Figure[]): string {
  const header: Figure = { figure: 'figure', load: 'load', baseline: 'baseline (GET /health)', ratio: 'ratio' };
  const all = [header, ...rows];
  const width = (key: keyof Figure) => Math.max(...all.map((r) => r[key].length));
  const line = (r: Figure) =>
    `| ${r.figure.padEnd(width('figure'))} | ${r.load.padStart(width('load'))} | ${r.baseline.padStart(width('baseline'))} | ${r.ratio.padStart(width('ratio'))} |`;
  const right = (key: keyof Figure) => `${'-'.repeat(width(key) + 1)}:`;
  const rule = `|${'-'.repeat(width('figure') + 2)}|${right('load')}|${right('baseline')}|${right('ratio')}|`;
  return [title, line(header), rule, ...rows.map(line)].join('\n');
}
