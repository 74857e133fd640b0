// Estimated AWS cost per 1,000 orders (excluding the SMS themselves) from the requests counted in the order
// scenario and the list prices in prices.ts. Every figure that is assumed rather than counted is listed in
// ASSUMPTIONS and printed with the estimate.
import { figuresOf, OUTSIDE, total, type Snapshot } from './meter';
import { PRICES, type Price } from './prices';

/** Memory of each function, as lib/sms-notifications-stack.ts sets it (MB). */
export const MEMORY_MB: Record<string, number> = {
  webhooks: 256,
  reports: 256,
  admin: 256,
  appstore: 256,
  storefront: 256,
  planner: 512,
  sender: 512,
  stats: 256,
};

/** Assumed billed duration per invocation in AWS (ms): DynamoDB ~5 ms a request, SMSAPI and Shoper over HTTPS. */
export const DURATION_MS: Record<string, number> = {
  webhooks: 50,
  reports: 50,
  admin: 100,
  appstore: 300,
  storefront: 100,
  planner: 150,
  sender: 300,
  stats: 50,
};

/** Whether the estimate includes X-Ray (the stack's `tracing` setting, off by default). */
const TRACING = process.env.BENCH_TRACING === '1';

/** SQS requests per message: SendMessage, then the Lambda poller's ReceiveMessage and DeleteMessage. */
const SQS_REQUESTS_PER_MESSAGE = 3;
/** Fields Powertools adds to every log line (service, cold_start, function name/arn/memory/request id, trace id). */
const POWERTOOLS_BYTES_PER_LINE = 300;
/** CloudWatch Logs bills each event's size plus 26 bytes. */
const CLOUDWATCH_EVENT_OVERHEAD = 26;
/** One line of the HTTP API access log in the stack's format (lib/constructs/api.ts). */
const ACCESS_LOG_LINE = JSON.stringify({
  requestId: 'dGhpcyBpcyBhbiBpZA=',
  time: '29/Nov/2026:06:47:01 +0000',
  method: 'POST',
  route: 'POST /shoper/webhooks',
  path: '/shoper/webhooks',
  status: '200',
  latencyMs: '42',
  integrationError: '-',
});
const HTTP_FUNCTIONS = new Set(['webhooks', 'reports', 'admin', 'appstore', 'storefront']);

export const ASSUMPTIONS = [
  'DynamoDB: capacity units as DynamoDB Local reports them per request (writes: 1 WRU per started KB, plus the byRef index; reads: 1 RRU per started 4 KB strongly consistent, 0.5 eventually consistent); a refused conditional write counts 1 WRU.',
  `SQS: ${SQS_REQUESTS_PER_MESSAGE} requests per message (send, receive, delete); the Lambda pollers' idle long polling is a fixed monthly cost, not per order.`,
  "Lambda: one invocation per HTTP request, per queue message (a shop's traffic is sparse, batches hold one message) and per stream batch the stats function counted here; arm64; memory as in the stack; assumed durations " +
    Object.entries(DURATION_MS)
      .filter(([fn]) => ['webhooks', 'planner', 'sender', 'reports', 'stats'].includes(fn))
      .map(([fn, ms]) => `${fn} ${ms} ms`)
      .join(', ') +
    '.',
  'API Gateway: every Shoper webhook and every SMSAPI delivery-report callback is one HTTP API request.',
  'EventBridge Scheduler: one invocation per delayed SMS (CreateSchedule/DeleteSchedule calls carry no charge).',
  'KMS: every encryption is one request; a decryption is one request the first time a function opens a given token (the AWS cipher keeps decrypted tokens five minutes per warm container).',
  `CloudWatch Logs: the app's INFO+ lines as counted, plus ${POWERTOOLS_BYTES_PER_LINE} B of Powertools fields and ${CLOUDWATCH_EVENT_OVERHEAD} B per event; Lambda platform lines are off (system log level WARN); one ${ACCESS_LOG_LINE.length} B access-log line per HTTP request.`,
  `X-Ray: ${TRACING ? 'tracing on (BENCH_TRACING=1): at low traffic the default sampling rule (1 a second, then 5%) records every invocation' : 'off, as the stack deploys by default (context tracing=false); BENCH_TRACING=1 prices it in'}.`,
  'Not included: free tiers, storage, SSM parameters (cached 5 min), alarms, S3/CloudFront for the admin page, data transfer.',
];

export interface CostLine {
  item: string;
  quantity: number;
  price: Price;
  usd: number;
}

/** `usage` is what `orders` orders cost, summed; the lines are per 1,000 orders. */
export function costPerThousandOrders(usage: Snapshot, orders: number): CostLine[] {
  const scale = 1000 / orders;
  const sum = (pick: Parameters<typeof total>[1]) => total(usage, pick) * scale;
  const functions = Object.keys(usage).filter((fn) => fn !== OUTSIDE);

  const messages = sum((f) => f.eventsSent + f.sendsSent);
  const invocations: Record<string, number> = {};
  for (const fn of functions) {
    if (HTTP_FUNCTIONS.has(fn)) invocations[fn] = figuresOf(usage, fn).invocations * scale;
  }
  invocations.planner = sum((f) => f.eventsSent);
  invocations.sender = sum((f) => f.sendsSent);
  // The stats function: one invocation per stream batch it counted (reading the stream is free for Lambda).
  invocations.stats = figuresOf(usage, 'stats').invocations * scale;
  const lambdaInvocations = Object.values(invocations).reduce((a, b) => a + b, 0);
  const gbSeconds = Object.entries(invocations).reduce(
    (s, [fn, n]) => s + n * ((MEMORY_MB[fn] ?? 512) / 1024) * ((DURATION_MS[fn] ?? 300) / 1000),
    0,
  );
  const httpRequests = [...HTTP_FUNCTIONS].reduce((s, fn) => s + (invocations[fn] ?? 0), 0);
  const logBytes =
    sum((f) => f.logBytes + f.logLines * (POWERTOOLS_BYTES_PER_LINE + CLOUDWATCH_EVENT_OVERHEAD)) +
    httpRequests * (ACCESS_LOG_LINE.length + CLOUDWATCH_EVENT_OVERHEAD);

  const line = (item: string, quantity: number, price: Price): CostLine => ({ item, quantity, price, usd: quantity * price.usd });
  return [
    line(
      'DynamoDB writes',
      sum((f) => f.wru),
      PRICES.dynamoWrite,
    ),
    line(
      'DynamoDB reads',
      sum((f) => f.rru),
      PRICES.dynamoRead,
    ),
    line('SQS requests', messages * SQS_REQUESTS_PER_MESSAGE, PRICES.sqs),
    line('Lambda invocations', lambdaInvocations, PRICES.lambdaRequest),
    line('Lambda compute', gbSeconds, PRICES.lambdaArmGbSecond),
    line('API Gateway HTTP API', httpRequests, PRICES.httpApi),
    line('EventBridge Scheduler', figuresOf(usage, OUTSIDE).sendsSent * scale, PRICES.scheduler),
    line(
      'KMS requests',
      sum((f) => f.cipherCalls),
      PRICES.kms,
    ),
    line('CloudWatch Logs ingestion', logBytes / 1024 ** 3, PRICES.logsIngestion),
    line('X-Ray traces', TRACING ? lambdaInvocations : 0, PRICES.xrayTrace),
  ];
}
