// The Statistics tab is counted from the table's stream (functions/services/stats-stream.ts), exactly once: a stream
// batch delivered again (Lambda's retry, a redelivery) counts nothing twice, and a batch that failed half-way (numbers
// recorded, counters not) counts everything once when it is retried. Against DynamoDB Local and its real stream.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { localClient } from '../../local/dynamodb';
import type { Job } from '#domain/model';
import type { Deps } from '#services/deps';
import { sendJob } from '#services/send-job';
import { countJobChanges, type JobChange } from '#services/stats-stream';
import { makeHandler, type StatsStreamEvent } from '#handlers/stats';
import { connectDemoSmsapi, startTestRuntime, storeQueuedJob, type TestRuntime } from '../support/runtime';

let rt: TestRuntime;
let licence: string;

const total = async (shop: string) => {
  const days = await rt.deps.store.listStats(shop, '2000-01-01', '2999-12-31');
  const sum = (name: 'sent' | 'delivered' | 'failed' | 'newNumbers' | 'parts') => days.reduce((n, d) => n + d[name], 0);
  return { sent: sum('sent'), delivered: sum('delivered'), failed: sum('failed'), newNumbers: sum('newNumbers'), parts: sum('parts') };
};

const storedJob = (shop: string, phone: string) => storeQueuedJob(rt, shop, phone);

/** Every record of the app table's stream, per shard, as the event source mapping would hand them to Lambda. */
async function streamBatches(): Promise<StatsStreamEvent[]> {
  const endpoint = rt.dynamoEndpoint;
  const dynamo = localClient(endpoint);
  const arn = (await dynamo.send(new DescribeTableCommand({ TableName: rt.deps.config.TABLE_NAME }))).Table!.LatestStreamArn!;
  dynamo.destroy();
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const events: StatsStreamEvent[] = [];
  for (const shard of (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!) {
    let iterator = (
      await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    const records: DynamoDBRecord[] = [];
    for (let page = 0; iterator && page < 20; page++) {
      const res = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...((res.Records ?? []) as unknown as DynamoDBRecord[]));
      if ((res.Records ?? []).length === 0) break;
      iterator = res.NextShardIterator;
    }
    events.push({ Records: records, shardId: shard.ShardId! });
  }
  streams.destroy();
  return events;
}

beforeAll(async () => {
  rt = await startTestRuntime({ smsapiReportDelayMs: 50 });
  licence = rt.shop.createShop({ slug: 'stats', name: 'Sklep Statystyki' }).licence;
  expect((await rt.shop.install('stats')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('sent, delivered and first-seen numbers are counted from the stream once; the same batches delivered again add nothing', async () => {
  const first = await storedJob(licence, '+48601000010');
  const again = await storedJob(licence, '+48601000010');
  const other = await storedJob(licence, '+48601000020');
  for (const job of [first, again, other]) expect((await sendJob(rt.deps, job)).result).toBe('sent');
  // The simulator's delivery reports settle them (50 ms); the stream is counted when the runtime is idle.
  expect(await rt.idle()).toBe(true);
  const counted = await total(licence);
  expect(counted).toMatchObject({ sent: 3, delivered: 3, failed: 0, newNumbers: 2, parts: 3 });
  expect((await rt.deps.stats.collectedNumberTimes(licence)).length).toBe(2);

  // Lambda delivers the same batches again (a retry after a timeout, a redelivery): nothing is counted twice.
  const stats = makeHandler(async () => rt.deps);
  const batches = await streamBatches();
  expect(batches.reduce((n, b) => n + b.Records.length, 0)).toBeGreaterThan(6);
  for (const batch of batches) await stats(batch, {} as never);
  for (const batch of batches) await stats(batch, {} as never);
  expect(await total(licence)).toEqual(counted);
}, 60_000);

test('a batch that failed after recording a new number counts it once when retried, and a longer redelivery adds only the new part', async () => {
  // A shop of its own, with changes made up for it: the runtime's own consumer never sees them.
  const shop = 'stats-crash';
  // Installed (a copy of the suite's shop record): a shop that is not counts nothing.
  await rt.deps.store.putShop({ ...(await rt.deps.store.getShop(licence))!, shop });
  const at = rt.deps.clock.now().toISOString();
  const job = (jobId: string, phone: string, state: Job['state'], more: Partial<Job> = {}): Job => ({
    shop,
    jobId,
    kind: 'back-in-stock',
    phone,
    text: 'Produkt wrócił',
    dueAt: at,
    state,
    attempts: 1,
    createdAt: at,
    updatedAt: at,
    source: { event: 'product.edit', productId: '7' },
    ...more,
  });
  const sent = { sentAt: at, parts: 1, points: 0.16, smsapiId: '1' };
  const changes: JobChange[] = [
    { sequenceNumber: '100000000000000000001', before: job('a', '+48602000010', 'SENDING'), after: job('a', '+48602000010', 'SENT', sent) },
    { sequenceNumber: '100000000000000000002', before: job('b', '+48602000010', 'SENDING'), after: job('b', '+48602000010', 'SENT', sent) },
    {
      sequenceNumber: '100000000000000000003',
      before: job('a', '+48602000010', 'SENT', sent),
      after: job('a', '+48602000010', 'DELIVERED', { ...sent, deliveredAt: at }),
    },
    { sequenceNumber: '100000000000000000004', before: job('c', '+48602000020', 'SENDING'), after: job('c', '+48602000020', 'FAILED') },
  ];
  let crashes = 1;
  const crashing: Deps = {
    ...rt.deps,
    stats: {
      ...rt.deps.stats,
      commitCounts: async (...args) => {
        if (crashes-- > 0) throw new Error('SIMULATED_CRASH');
        return rt.deps.stats.commitCounts(...args);
      },
    },
  };
  const shardId = `shardId-test-${Date.now()}`;
  await expect(countJobChanges(crashing, { shardId, changes })).rejects.toThrow('SIMULATED_CRASH');
  expect(await total(shop)).toEqual({ sent: 0, delivered: 0, failed: 0, newNumbers: 0, parts: 0 });
  // The number was recorded before the crash; the retry recognises it as its own and counts it.
  expect(await countJobChanges(crashing, { shardId, changes })).toEqual({ counted: 4, alreadyCounted: 0, commits: 1 });
  expect(await total(shop)).toEqual({ sent: 2, delivered: 1, failed: 1, newNumbers: 1, parts: 2 });
  expect(await countJobChanges(crashing, { shardId, changes })).toEqual({ counted: 0, alreadyCounted: 4, commits: 0 });

  const later: JobChange = {
    sequenceNumber: '100000000000000000009',
    before: job('d', '+48602000030', 'SENDING'),
    after: job('d', '+48602000030', 'SENT', sent),
  };
  expect(await countJobChanges(crashing, { shardId, changes: [...changes, later] })).toEqual({ counted: 1, alreadyCounted: 4, commits: 1 });
  expect(await total(shop)).toEqual({ sent: 3, delivered: 1, failed: 1, newNumbers: 2, parts: 3 });
}, 30_000);
