// A queue consumer with a time budget (functions/handlers/sqs.ts): it never starts a record it may not finish before
// the function's timeout; the records it leaves are put back on the queue as new messages, not failed or lost.
import type { Context, SQSEvent } from 'aws-lambda';
import { sqsHandler } from '#handlers/sqs';
import type { Deps } from '#services/deps';

const record = (n: number) => ({ messageId: `m${n}`, body: JSON.stringify({ n }) }) as SQSEvent['Records'][number];

/** A function with `remaining` ms left at its start, where each record takes `perRecord` ms. */
function setup(remaining: number, perRecord: number) {
  let left = remaining;
  const ran: number[] = [];
  const requeued: number[] = [];
  const logs: string[] = [];
  const deps = { logger: { info: (m: string) => logs.push(m), error: (m: string) => logs.push(m) } } as unknown as Deps;
  const handler = sqsHandler<{ n: number }>(
    async () => deps,
    (body) => body as { n: number },
    async (message) => {
      ran.push(message.n);
      left -= perRecord;
      return 'done';
    },
    { reserveMs: 35_000, requeue: async (message) => void requeued.push(message.n) },
  );
  const context = { getRemainingTimeInMillis: () => left } as unknown as Context;
  return { handler, context, ran, requeued, logs };
}

test('with time left every record runs; once under the reserve the rest are put back, none failed', async () => {
  // 59 s at the start, 12 s per record: after two records 35 s are left (still enough), after three 23 s.
  const t = setup(59_000, 12_000);
  const result = await t.handler({ Records: [1, 2, 3, 4].map(record) } as SQSEvent, t.context);
  expect(t.ran).toEqual([1, 2, 3]);
  expect(t.requeued).toEqual([4]);
  expect(result).toEqual({ batchItemFailures: [] });
});

test('the first record always runs, however little time is left: each invocation makes progress', async () => {
  const t = setup(1_000, 500);
  await t.handler({ Records: [1, 2].map(record) } as SQSEvent, t.context);
  expect(t.ran).toEqual([1]);
  expect(t.requeued).toEqual([2]);
});

test('a record that cannot be put back is left to SQS to deliver again (a batch item failure), not dropped', async () => {
  const t = setup(20_000, 0);
  const handler = sqsHandler<{ n: number }>(
    async () => ({ logger: { info: () => undefined, error: () => undefined } }) as unknown as Deps,
    (body) => body as { n: number },
    async () => 'done',
    { reserveMs: 35_000, requeue: async () => Promise.reject(new Error('queue unavailable')) },
  );
  const result = await handler({ Records: [1, 2].map(record) } as SQSEvent, t.context);
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
});
