// The job scheduler port on EventBridge Scheduler, for the AWS composition root.
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createEventBridgeScheduler } from '#adapters/eventbridge-scheduler';
import type { AwsPorts } from '../composition';

export const scheduler: AwsPorts = {
  scheduler: ({ config, clock }) =>
    createEventBridgeScheduler(new SchedulerClient({}), {
      groupName: config.SCHEDULE_GROUP,
      targetArn: config.SENDS_QUEUE_ARN ?? '',
      roleArn: config.SCHEDULER_ROLE_ARN ?? '',
      deadLetterArn: config.SCHEDULES_DLQ_ARN,
      now: clock.now,
    }),
};
