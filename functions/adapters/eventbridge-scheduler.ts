// JobScheduler port on EventBridge Scheduler: one one-shot at() schedule per delayed job, deleted after it
// runs, targeting the `sends` queue.
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { JobRef, JobScheduler } from '#services/ports';

/** Schedule names: at most 64 characters of [0-9a-zA-Z-_.]; the shop prefix lets uninstall find them. */
export const scheduleName = (ref: JobRef) => `${shopPrefix(ref.shop)}${ref.jobId}`.slice(0, 64);
const shopPrefix = (shop: string) => `${shop.replace(/[^0-9a-zA-Z]/g, '').slice(0, 24)}-`;

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC; a time in the past is moved a minute ahead (the schedule must be future). */
export function atExpression(at: Date, now: Date): string {
  const when = at.getTime() < now.getTime() + 60_000 ? new Date(now.getTime() + 60_000) : at;
  return `at(${when.toISOString().slice(0, 19)})`;
}

export function createEventBridgeScheduler(
  client: SchedulerClient,
  options: { groupName: string; targetArn: string; roleArn: string; deadLetterArn?: string; now: () => Date },
): JobScheduler {
  return {
    async schedule(ref, at) {
      try {
        await client.send(
          new CreateScheduleCommand({
            Name: scheduleName(ref),
            GroupName: options.groupName,
            ScheduleExpression: atExpression(at, options.now()),
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: options.targetArn,
              RoleArn: options.roleArn,
              Input: JSON.stringify(ref),
              RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
              ...(options.deadLetterArn ? { DeadLetterConfig: { Arn: options.deadLetterArn } } : {}),
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    },
    async cancel(ref) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: scheduleName(ref), GroupName: options.groupName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
    async cancelAllOfShop(shop, max = Number.POSITIVE_INFINITY) {
      let deleted = 0;
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new ListSchedulesCommand({
            GroupName: options.groupName,
            NamePrefix: shopPrefix(shop),
            NextToken,
            MaxResults: Math.min(100, max - deleted),
          }),
        );
        for (const s of page.Schedules ?? []) {
          try {
            await client.send(new DeleteScheduleCommand({ Name: s.Name, GroupName: options.groupName }));
          } catch (error) {
            if (!(error instanceof ResourceNotFoundException)) throw error;
          }
          // Gone either way (a schedule that just ran deletes itself): it counts as done.
          deleted++;
        }
        NextToken = page.NextToken;
      } while (NextToken && deleted < max);
      return deleted;
    },
  };
}
