// `npm run bench`: what the product costs. Bundle sizes and cold starts per Lambda function, DynamoDB requests
// per webhook kind (ingress, planning, sending, delivery reports), SMSAPI requests per 1,000 back-in-stock
// sign-ups, and an estimated AWS bill per 1,000 orders, against the goals. Figures only, no assertions; runs
// locally (DynamoDB Local in memory, the simulators) on loopback, in a few minutes.
import { measureBundles } from './bundles';
import { ASSUMPTIONS, costPerThousandOrders } from './cost';
import { startStack } from './harness';
import { figuresOf, total, type Snapshot } from './meter';
import { PRICE_DATE, PRICES, REGION } from './prices';
import { runBackInStockScenario, runOrderScenario, type KindFigures } from './scenarios';
import { runFrequencyCapScenario } from './frequency-cap';
import { formatNumber, heading, table, type Cell } from './table';
import { linkTable, runLinkScenario } from './links';

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_CONFIG_INVALID: ${name} must be a whole number above 0`);
  return value;
};
/** Orders taken through their whole lifecycle (each figure is the average over them). */
const ORDERS = numberFrom('BENCH_ORDERS', 5);
/** Delivered jobs already in the shop: ~6 months of a shop with 100 orders a month (jobs are kept 180 days). */
const HISTORY_JOBS = numberFrom('BENCH_HISTORY_JOBS', 2000);
const SIGN_UPS = numberFrom('BENCH_SIGN_UPS', 1000);
const WAITING = 10;
const KB = 1024;
const ORDER_KINDS = ['order.create', 'order.status', 'parcel.dispatch'];

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const per = (n: number, d: number) => (d > 0 ? n / d : NaN);
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const usd = (n: number) => `$${n < 0.001 ? n.toFixed(6) : n.toFixed(4)}`;
/** Tiny unit prices read better per million. */
const unitPrice = (p: { usd: number; per: string }) => (p.usd < 0.001 ? `$${formatNumber(p.usd * 1e6, 4)} per 1M × ${p.per}` : `$${p.usd} per ${p.per}`);
const kb = (bytes: number) => `${formatNumber(bytes / KB)} KB`;
const partsOf = (parts: { name: string; bytes: number }[], n = 3) => parts.slice(0, n).map((p) => `${p.name} ${kb(p.bytes)}`).join(', ');
const log = (text: string) => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`… ${text}\n`);

/** The commands behind a function's requests, per event: "QueryCommand 3, PutItemCommand 1". */
function commandsPer(usage: Snapshot, fn: string, events: number): string {
  return Object.entries(figuresOf(usage, fn).commands)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c.replace(/Command$/, '')} ${formatNumber(n / events)}`)
    .join(', ');
}

function kindRow(k: KindFigures): Cell[] {
  const sender = figuresOf(k.usage, 'sender');
  const reports = figuresOf(k.usage, 'reports');
  const planner = figuresOf(k.usage, 'planner');
  const hasWebhooks = k.webhooks > 0;
  return [
    k.kind,
    k.webhooks,
    hasWebhooks ? avg(k.ingress) : '—',
    hasWebhooks ? avg(k.planning) : '—',
    hasWebhooks ? Math.max(...k.planning) : '—',
    hasWebhooks ? per(planner.rru, k.webhooks) : '—',
    k.sms,
    k.sms ? per(sender.ddbRequests, k.sms) : '—',
    k.sms ? per(reports.ddbRequests, k.sms) : '—',
    k.smsapiRequests,
  ];
}

async function main() {
  const started = Date.now();
  log(`npm run bench — ${new Date().toISOString()}`);

  progress('building and cold-starting each Lambda bundle');
  const bundles = await measureBundles(5);
  log(heading('Lambda functions: bundle (minified, AWS SDK external) and local cold initialisation'));
  log(
    table(
      ['function', 'bundle KB', 'cold init ms', 'over empty module ms', 'largest parts'],
      bundles.figures.map((b) => [b.name, b.bytes / KB, b.coldInitMs, b.coldInitMs - bundles.baselineMs, partsOf(b.parts)]),
    ),
  );
  log(`Empty module (node start + require): ${formatNumber(bundles.baselineMs)} ms, median of 5 fresh processes each.`);

  progress('starting DynamoDB Local, the local runtime and the simulators');
  const stack = await startStack();
  try {
    progress(`order lifecycle × ${ORDERS} on a shop with ${HISTORY_JOBS} past jobs, registrations, restocks`);
    const orders = await runOrderScenario(stack, { orders: ORDERS, waitingSignUps: WAITING, historyJobs: HISTORY_JOBS });
    log(heading('DynamoDB requests per webhook kind (averages; the same webhook handled one at a time)'));
    log(
      table(
        ['webhook', 'sent', 'ingress/webhook', 'planning/event', 'planning max', 'planning RRU/event', 'SMS', 'sender/SMS', 'reports/SMS', 'SMSAPI req'],
        orders.kinds.map(kindRow),
      ),
    );
    log('ingress = the webhooks function (verify, store, queue); planning = the planner; sender/SMS = the sender per SMS');
    log('sent; reports/SMS = applying SMSAPI\'s delivery report. "scheduled" = the delayed review requests sent when due.');
    for (const k of orders.kinds.filter((x) => x.webhooks > 0)) {
      log(`  ${k.kind}: planning = ${commandsPer(k.usage, 'planner', k.webhooks)}`);
    }
    const allSms = orders.kinds.reduce((s, k) => s + k.sms, 0);
    const senderRequests = orders.kinds.reduce((s, k) => s + figuresOf(k.usage, 'sender').ddbRequests, 0);
    const singleSms = orders.kinds.filter((k) => !k.kind.startsWith('product.edit'));
    const singleSender = singleSms.reduce((s, k) => s + figuresOf(k.usage, 'sender').ddbRequests, 0);
    const singleCount = singleSms.reduce((s, k) => s + k.sms, 0);
    log(
      `Sender: ${formatNumber(per(singleSender, singleCount))} DynamoDB requests per SMS sent alone ` +
        `(${commandsPer(
          orders.kinds.filter((k) => k.kind === 'order.create')[0]?.usage ?? {},
          'sender',
          orders.kinds.find((k) => k.kind === 'order.create')?.sms ?? 1,
        )}), ${formatNumber(per(senderRequests, allSms))} over all ${allSms} SMS including batches.`,
    );

    progress(`${SIGN_UPS} back-in-stock sign-ups, then one restock`);
    progress('short links: redirects, previews, opt-out');
    log(linkTable(await runLinkScenario(stack)));

    const bis = await runBackInStockScenario(stack, SIGN_UPS);
    const smsapiPerThousand = (bis.smsapiRequests * 1000) / bis.signUps;
    log(heading(`Back in stock: ${bis.signUps} waiting sign-ups, one restock`));
    log(
      table(
        ['SMS sent', 'SMSAPI sms.do requests', 'per 1,000 sign-ups', 'planner DDB req/sign-up', 'planner RRU+WRU/sign-up', 'restock → last report s'],
        [
          [
            bis.smsSent,
            bis.smsapiRequests,
            smsapiPerThousand,
            per(figuresOf(bis.usage, 'planner').ddbRequests, bis.signUps),
            per(figuresOf(bis.usage, 'planner').rru + figuresOf(bis.usage, 'planner').wru, bis.signUps),
            bis.sendSeconds,
          ],
        ],
      ),
    );
    log(`Sign-ups written through the sign-up repository (${formatNumber(bis.signUpSeconds)} s); the storefront path is the`);
    log(`product.edit rows above (${WAITING} sign-ups over HTTP per round, per-IP limits as in production).`);

    // The frequency cap's own figure (issue 18): what it adds to the sender per marketing SMS.
    progress('frequency cap: marketing SMS with the cap off and on');
    const cap = await runFrequencyCapScenario(stack);
    log(heading('Frequency cap: sender DynamoDB requests per marketing SMS'));
    log(
      `${mark(cap.onPerSms - cap.offPerSms <= 1)} cap off ${formatNumber(cap.offPerSms)}, on ${formatNumber(cap.onPerSms)}: ` +
        `+${formatNumber(cap.onPerSms - cap.offPerSms)} per SMS for the cap (goal ≤ 1); a capped message (${cap.capped} held back, no SMSAPI call) costs ${formatNumber(cap.perCapped)}.`,
    );

    const lines = costPerThousandOrders(orders.perOrderUsage, orders.orders);
    const costTotal = lines.reduce((s, l) => s + l.usd, 0);
    log(heading(`Estimated AWS cost per 1,000 orders (${REGION}; list prices of ${PRICE_DATE}; SMS excluded)`));
    log(
      table(
        ['item', 'quantity', 'unit price', 'USD', 'share'],
        [
          ...lines.map((l) => [
            l.item,
            formatNumber(l.quantity, l.quantity < 10 ? 3 : 0),
            unitPrice(l.price),
            usd(l.usd),
            `${formatNumber((100 * l.usd) / costTotal)}%`,
          ]),
          ['total', '', '', usd(costTotal), '100%'],
        ],
      ),
    );
    const perFunction = Object.entries(orders.perOrderUsage).filter(([, f]) => f.ddbRequests + f.sendsSent + f.logLines > 0);
    log('\nOne order, per function (averages):');
    log(
      table(
        ['function', 'invocations', 'DDB requests', 'RRU', 'WRU', 'refused cond. writes', 'queue msgs', 'KMS', 'log lines'],
        perFunction.map(([fn, f]) => [
          fn === 'outside' ? 'scheduler (fired schedules)' : fn,
          f.invocations / orders.orders,
          f.ddbRequests / orders.orders,
          f.rru / orders.orders,
          f.wru / orders.orders,
          f.conditionFailures / orders.orders,
          (f.eventsSent + f.sendsSent) / orders.orders,
          f.cipherCalls / orders.orders,
          f.logLines / orders.orders,
        ]),
      ),
    );
    log(`An order = order.create + order.status ×3 (2 "przyjęte do realizacji", 4, 7 "przesyłka wysłana") + parcel.dispatch;`);
    log(
      `templates a typical shop turns on: owner's new-order SMS, status SMS for 2 and 7, a review request 4 days after ` +
        `dispatch: ${formatNumber(orders.perOrderSms)} SMS and ${formatNumber(per(total(orders.perOrderUsage, (f) => f.ddbRequests), orders.orders))} DynamoDB requests per order.`,
    );
    log(`The shop already holds ${HISTORY_JOBS} delivered jobs (BENCH_HISTORY_JOBS): planning a status change reads only that order's jobs (byOrder index), so this history costs it nothing.`);
    log('Assumptions:');
    for (const a of ASSUMPTIONS) log(`  - ${a}`);
    log('Prices (USD, eu-central-1, on-demand list prices; check the pages before relying on them):');
    for (const p of Object.values(PRICES)) log(`  - ${unitPrice(p)}: ${p.source}`);

    // ---- Goals ----
    const largest = [...bundles.figures].sort((a, b) => b.bytes - a.bytes)[0]!;
    const ingressMax = Math.max(...orders.kinds.flatMap((k) => k.ingress));
    const orderKinds = orders.kinds.filter((k) => ORDER_KINDS.includes(k.kind));
    const worstPlanning = orderKinds.map((k) => ({ k, max: Math.max(...k.planning) })).sort((a, b) => b.max - a.max)[0]!;
    const byShare = [...lines].sort((a, b) => b.usd - a.usd);
    const goals: { goal: string; figure: string; ok: boolean; why: string }[] = [
      {
        goal: 'every bundle under 200 KB',
        figure: `largest ${largest.name} ${formatNumber(largest.bytes / KB)} KB`,
        ok: bundles.figures.every((b) => b.bytes < 200 * KB),
        why: bundles.figures
          .filter((b) => b.bytes >= 200 * KB)
          .map((b) => `${b.name} ${kb(b.bytes)} (${partsOf(b.parts)})`)
          .join('; '),
      },
      {
        goal: 'webhook ingress ≤ 3 DynamoDB requests',
        figure: `max ${ingressMax}`,
        ok: ingressMax <= 3,
        why: `per webhook: ${commandsPer(orders.kinds[0]!.usage, 'webhooks', orders.kinds[0]!.webhooks)}`,
      },
      {
        goal: 'planning an order event ≤ 4 DynamoDB requests',
        figure: `max ${worstPlanning.max} (${worstPlanning.k.kind})`,
        ok: worstPlanning.max <= 4,
        why:
          `${worstPlanning.k.kind} per event: ${commandsPer(worstPlanning.k.usage, 'planner', worstPlanning.k.webhooks)}; ` +
          'the shop\'s configuration (one Query), then the order\'s own jobs through the keys-only byOrder index (one Query and one BatchGetItem), whatever the shop\'s history',
      },
      {
        goal: '≤ 10 SMSAPI requests per 1,000 sign-ups',
        figure: `${formatNumber(smsapiPerThousand)} per 1,000`,
        ok: smsapiPerThousand <= 10,
        why: 'one sms.do request per 100 numbers with the same text',
      },
      {
        goal: 'AWS cost < 0.05 USD per 1,000 orders',
        figure: usd(costTotal),
        ok: costTotal < 0.05,
        why: `dominated by ${byShare
          .slice(0, 3)
          .map((l) => `${l.item} ${usd(l.usd)} (${formatNumber((100 * l.usd) / costTotal)}%)`)
          .join(', ')}`,
      },
    ];
    log(heading('Goals'));
    log(table(['', 'goal', 'figure'], goals.map((g) => [mark(g.ok), g.goal, g.figure])));
    for (const g of goals) if (g.why) log(`${mark(g.ok)} ${g.goal}: ${g.ok ? '' : 'missed — '}${g.why}`);
  } finally {
    await stack.stop();
  }
  log(`\nBench took ${formatNumber((Date.now() - started) / 1000)} s.`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
