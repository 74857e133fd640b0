// What a merchant and a customer feel: how fast a Shoper webhook is answered, how long from the webhook to the SMS
// at SMSAPI for an immediate message (one webhook at a time, on an otherwise idle runtime), and how long the admin
// panel takes to show its first tab in headless Chromium, with the size of its JavaScript.
import { performance } from 'node:perf_hooks';
import type { LocalRuntime } from '#local/runtime';
import { buildAdminForTests } from '../test/support/e2e-harness';
import { launchChromium } from '../test/support/browser';
import { enableTemplate, settle, setUpShop, type Stack } from './harness';

export interface WebhookLatency {
  samples: number;
  /** POST /shoper/webhooks until the answer, ms. */
  answeredMs: number[];
  /** The webhook sent until SMSAPI accepted the SMS it set off, ms. */
  toSmsMs: number[];
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Resolves with the time SMSAPI accepts the next SMS whose text contains `marker`. */
function nextSmsAt(rt: LocalRuntime, marker: string): { accepted: Promise<number>; stop(): void } {
  const sms = rt.deps.sms;
  const send = sms.send.bind(sms);
  let resolve!: (at: number) => void;
  const accepted = new Promise<number>((r) => (resolve = r));
  sms.send = async (request) => {
    const result = await send(request);
    if (request.message.includes(marker)) resolve(performance.now());
    return result;
  };
  return { accepted, stop: () => (sms.send = send) };
}

/**
 * `samples` orders, one at a time: each order.create webhook is timed to its answer and to the owner's new-order
 * SMS reaching SMSAPI; the runtime settles (reports applied) before the next.
 */
export async function measureWebhookLatency(stack: Stack, samples: number): Promise<WebhookLatency> {
  const { rt } = stack;
  const slug = 'bench-latency';
  const { api } = await setUpShop(rt, slug);
  await enableTemplate(api, 'owner-new-order', 'Nowe zamówienie {order_id}. Kwota: {sum} {currency}');
  const answeredMs: number[] = [];
  const toSmsMs: number[] = [];
  // The first order warms the runtime's code paths up; it is not counted.
  for (let i = -1; i < samples; i++) {
    const shop = rt.shop.shop(slug);
    // The template ends the id with a full stop, so order 12 is not mistaken for 123.
    const watch = nextSmsAt(rt, `Nowe zamówienie ${shop.nextIds.order}.`);
    try {
      const sent = performance.now();
      const { deliveries } = await rt.shop.placeOrder(slug, {});
      const answered = performance.now();
      if (!deliveries.every((status) => status === 200)) throw new Error(`BENCH_WEBHOOK_REFUSED ${deliveries.join(',')}`);
      const accepted = await Promise.race([
        watch.accepted,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error('BENCH_NO_SMS: no owner SMS within 30 s')), 30_000)),
      ]);
      if (i >= 0) {
        answeredMs.push(answered - sent);
        toSmsMs.push(accepted - sent);
        process.stderr.write(
          `… order ${i + 1}/${samples}: answered ${Math.round(answered - sent)} ms, SMS at SMSAPI ${Math.round(accepted - sent)} ms\n`,
        );
      }
    } finally {
      watch.stop();
    }
    await settle(stack);
  }
  return { samples, answeredMs, toSmsMs };
}

export type FirstScreen = { skipped: string } | { firstLoadMs: number; medianMs: number; loads: number };

/**
 * Opens the admin panel the way Shoper's iframe does (fresh signed parameters) `loads` times and times each load
 * to the first tab rendered (tab panel shown, its loading state gone). "skipped" when no Chromium can be started.
 */
export async function measureAdminFirstScreen(stack: Stack, loads: number): Promise<FirstScreen> {
  const { rt } = stack;
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    return { skipped: `no browser (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  try {
    await buildAdminForTests();
    const slug = 'bench-latency';
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      // A fresh context each time: nothing cached, as when the merchant opens the app after a while.
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(rt.shop.iframeUrl(slug));
      await page.locator('[role="tabpanel"]').waitFor();
      await page.locator('#tab-panel .loading').waitFor({ state: 'detached' });
      times.push(performance.now() - started);
      await context.close();
    }
    return { firstLoadMs: times[0]!, medianMs: percentile(times.slice(1).length ? times.slice(1) : times, 50), loads };
  } finally {
    await browser.close();
  }
}
