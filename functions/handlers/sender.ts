// The `sends` queue consumer: sends each job's SMS (immediate jobs and fired schedules alike).
import { z } from 'zod';
import { awsDeps } from '../composition';
import type { Deps } from '#services/deps';
import type { JobRef } from '#services/ports';
import { sendJob } from '#services/send-job';
import { sqsHandler } from './sqs';

const JobRefMessage = z.object({ shop: z.string().min(1), jobId: z.string().regex(/^[0-9a-z]{1,64}$/) });

export const makeHandler = (getDeps: () => Promise<Deps>) =>
  sqsHandler<JobRef>(
    getDeps,
    (body) => {
      const parsed = JobRefMessage.safeParse(body);
      return parsed.success ? parsed.data : undefined;
    },
    async (ref, deps) => ((await sendJob(deps, ref)).result === 'retry' ? 'retry' : 'done'),
  );

export const handler = makeHandler(awsDeps);
