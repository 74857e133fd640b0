// More planner workers on the local `events` queue, as AWS runs several planner Lambdas at once when the queue
// fills (the event source scales out; only the sender's concurrency is capped). The local runtime runs one planner
// loop, which under a 2,000-webhook burst measures the loop rather than the app. Each worker does what the
// runtime's loop does: receive a batch (10, as the stack's event source), call the same planner handler, delete
// what it did not report as failed.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LocalRuntime } from '#local/runtime';
import { makeHandler as makePlanner } from '#handlers/planner';
import { lambdaContext } from '#local/api-gateway';

export interface PlannerWorkers {
  stop(): Promise<void>;
}

export function startPlannerWorkers(
  rt: LocalRuntime,
  count: number,
  options: { batchSize?: number; pollMs?: number } = {},
): PlannerWorkers {
  const { batchSize = 10, pollMs = 20 } = options;
  const planner = makePlanner(async () => rt.deps) as unknown as (e: SQSEvent, c: unknown) => Promise<SQSBatchResponse>;
  const queue = rt.deps.eventsQueue;
  let running = true;
  const worker = async () => {
    while (running) {
      const messages = await queue.receive(batchSize).catch(() => []);
      if (messages.length === 0) {
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      const event = {
        Records: messages.map((m) => ({
          messageId: m.id,
          receiptHandle: m.receipt,
          body: m.body,
          attributes: { ApproximateReceiveCount: String(m.receiveCount) },
          messageAttributes: {},
          eventSource: 'aws:sqs',
        })),
      } as unknown as SQSEvent;
      try {
        const result = await planner(event, lambdaContext('planner'));
        const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
        for (const m of messages) if (!failed.has(m.id)) await queue.remove(m.receipt);
      } catch {
        // Like a crashed Lambda: the messages come back after their visibility timeout.
      }
    }
  };
  const loops = Array.from({ length: count }, worker);
  return {
    async stop() {
      running = false;
      await Promise.allSettled(loops);
    },
  };
}
