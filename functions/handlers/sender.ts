// The `sends` queue consumer: sends each job's SMS (immediate jobs and fired schedules alike).
import { awsDeps } from '../composition';
import { smsapiOAuth } from '../aws/http';
import { dynamodb, jobs, sendLimits, shortLinks, smsapiAccount } from '../aws/dynamodb';
import { kms } from '../aws/kms';
import { sendsQueue } from '../aws/sqs';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { smsapi } from '../aws/smsapi';
import type { Deps } from '#services/deps';
import { SendsQueueMessage, type JobBatchRef } from '#contracts/queue';
import { sendJob } from '#services/send-job';
import { sendBatch } from '#services/send-batch';
import { sqsHandler } from './sqs';

// Several jobs sharing one SMSAPI request (back-in-stock sends), or one job.
const isBatch = (m: SendsQueueMessage): m is JobBatchRef => 'jobIds' in m && Array.isArray(m.jobIds);

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  sqsHandler<SendsQueueMessage>(
    getDeps,
    (body) => {
      const parsed = SendsQueueMessage.safeParse(body);
      return parsed.success ? parsed.data : undefined;
    },
    async (message, deps, record) => {
      // When the reference was put on the queue (a schedule firing, or an immediate dispatch): an SMS's validity
      // runs from then, so a backlog in this queue (retries included: SQS keeps the first SentTimestamp) expires it.
      const sent = Number(record.attributes?.SentTimestamp ?? 0);
      const context = sent > 0 ? { queuedAt: new Date(sent) } : {};
      if (isBatch(message)) return (await sendBatch(deps, message, context)).result === 'retry' ? 'retry' : 'done';
      return (await sendJob(deps, message, context)).result === 'retry' ? 'retry' : 'done';
    },
  );

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('sender', {
  ...smsapiOAuth,
  ...dynamodb,
  ...jobs,
  ...sendLimits,
  ...shortLinks,
  ...smsapiAccount,
  ...kms,
  ...sendsQueue,
  ...scheduler,
  ...ssmSecrets,
  ...smsapi,
});
export const handler = makeHandler(getDeps);
