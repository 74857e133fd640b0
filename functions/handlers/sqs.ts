// What both queue consumers share: parse each record, run the use case, and report the records to retry
// (partial batch failures) instead of failing the whole batch.
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Deps } from '#services/deps';

export function sqsHandler<T>(
  getDeps: () => Promise<Deps>,
  parse: (body: unknown) => T | undefined,
  run: (message: T, deps: Deps, record: SQSRecord) => Promise<'done' | 'retry'>,
) {
  // A plain async function, not middy: with no middleware middy only wrapped it (3 KB in every bundle).
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
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
