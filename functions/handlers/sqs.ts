// What both queue consumers share: parse each record, run the use case, and report the records to retry
// (partial batch failures) instead of failing the whole batch.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Deps } from '#services/deps';

/**
 * A consumer whose records may each take long (a restock page: tens of seconds) must not start one it cannot finish
 * before the function's timeout: the whole batch would come back, and after enough timeouts go to the DLQ. With a
 * budget, a record is started only while at least `reserveMs` remain; the rest are put back on the queue as new
 * messages (`requeue`, before this batch is deleted: nothing lost, and their receive count does not grow).
 */
export interface SqsTimeBudget<T> {
  reserveMs: number;
  requeue(message: T, deps: Deps): Promise<void>;
}

export function sqsHandler<T>(
  getDeps: () => Promise<Deps>,
  parse: (body: unknown) => T | undefined,
  run: (message: T, deps: Deps, record: SQSRecord) => Promise<'done' | 'retry'>,
  budget?: SqsTimeBudget<T>,
) {
  // A plain async function, not middy: with no middleware middy only wrapped it (3 KB in every bundle).
  return async (event: SQSEvent, context?: Partial<Context>): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const timeLeft = () => (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Infinity);
    let started = 0;
    for (const record of event.Records) {
      let message: T | undefined;
      try {
        message = parse(JSON.parse(record.body));
      } catch {
        message = undefined;
      }
      if (message === undefined) {
        // Unreadable now means unreadable forever: retrying would only delay the DLQ. Send it there.
        deps.logger.error('queue message not understood', { messageId: record.messageId });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      // The first record always runs (progress is certain); a later one only with time to finish it.
      if (budget && started > 0 && timeLeft() < budget.reserveMs) {
        try {
          await budget.requeue(message, deps);
          deps.logger.info('queue message put back: too little time left in this invocation', { messageId: record.messageId });
        } catch {
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
        continue;
      }
      started++;
      try {
        if ((await run(message, deps, record)) === 'retry') batchItemFailures.push({ itemIdentifier: record.messageId });
      } catch (error) {
        deps.logger.error('queue message failed, will retry', {
          messageId: record.messageId,
          error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
