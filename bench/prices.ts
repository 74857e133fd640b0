// Public on-demand list prices, eu-central-1 (Europe, Frankfurt), in USD, as AWS publishes them on each service's
// pricing page. Written down on the date below from those pages (no network during the bench); check them
// against the pages before relying on an estimate. Free tiers are not deducted: they are per account, not per order.
export const PRICE_DATE = '2026-11-29';
export const REGION = 'eu-central-1 (Europe, Frankfurt)';

export interface Price {
  usd: number;
  per: string;
  source: string;
}

export const PRICES = {
  dynamoWrite: {
    usd: 0.7625 / 1e6,
    per: 'write request unit',
    source: 'Amazon DynamoDB pricing, on-demand, Standard table class (after the November 2024 on-demand reduction)',
  },
  dynamoRead: {
    usd: 0.1525 / 1e6,
    per: 'read request unit',
    source: 'Amazon DynamoDB pricing, on-demand, Standard table class (after the November 2024 on-demand reduction)',
  },
  sqs: { usd: 0.4 / 1e6, per: 'request (64 KB chunk)', source: 'Amazon SQS pricing, standard queue' },
  lambdaRequest: { usd: 0.2 / 1e6, per: 'invocation', source: 'AWS Lambda pricing, requests' },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second (arm64)', source: 'AWS Lambda pricing, duration, Arm, first 7.5 billion GB-s' },
  httpApi: { usd: 1.2 / 1e6, per: 'HTTP API request', source: 'Amazon API Gateway pricing, HTTP APIs, first 300 million a month' },
  scheduler: {
    usd: 1.0 / 1e6,
    per: 'scheduled invocation',
    source: 'Amazon EventBridge pricing, Scheduler (after 14 million free a month)',
  },
  kms: { usd: 0.03 / 10_000, per: 'KMS request', source: 'AWS KMS pricing, symmetric requests' },
  logsIngestion: { usd: 0.63, per: 'GB ingested', source: 'Amazon CloudWatch pricing, Logs, Standard class ingestion' },
  xrayTrace: { usd: 5.0 / 1e6, per: 'trace recorded', source: 'AWS X-Ray pricing, traces recorded' },
} satisfies Record<string, Price>;
