// The uninstall purge removes a shop's EventBridge schedules in bounded steps: at most `max` per call, only that
// shop's, and a schedule that vanished meanwhile (it ran and deleted itself) counts as done.
import { DeleteScheduleCommand, ListSchedulesCommand, ResourceNotFoundException, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { createEventBridgeScheduler, scheduleName } from '#adapters/eventbridge-scheduler';

function fakeScheduler(names: string[], vanish: Set<string> = new Set()) {
  const existing = new Set(names);
  const calls: string[] = [];
  const client = {
    async send(command: unknown) {
      if (command instanceof ListSchedulesCommand) {
        const { NamePrefix = '', MaxResults = 100, NextToken } = command.input;
        // A continuation token that names where the last page ended, so deleting listed schedules skips nothing.
        const matching = [...existing].filter((n) => n.startsWith(NamePrefix) && (!NextToken || n > NextToken)).sort();
        const page = matching.slice(0, MaxResults);
        calls.push(`list ${MaxResults}`);
        return { Schedules: page.map((Name) => ({ Name })), NextToken: matching.length > MaxResults ? page.at(-1) : undefined };
      }
      if (command instanceof DeleteScheduleCommand) {
        const name = command.input.Name!;
        if (vanish.has(name) || !existing.has(name))
          throw new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} });
        existing.delete(name);
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as SchedulerClient;
  return { client, existing, calls };
}

const scheduler = (client: SchedulerClient) =>
  createEventBridgeScheduler(client, { groupName: 'g', targetArn: 'arn:q', roleArn: 'arn:r', now: () => new Date('2025-01-01T00:00:00Z') });

test('at most `max` of the shop’s schedules per call, none of another shop’s', async () => {
  const mine = Array.from({ length: 250 }, (_, i) => scheduleName({ shop: 'shop1', jobId: `job-${String(i).padStart(3, '0')}` }));
  const theirs = Array.from({ length: 5 }, (_, i) => scheduleName({ shop: 'shop2', jobId: `job-${i}` }));
  const fake = fakeScheduler([...mine, ...theirs]);
  const s = scheduler(fake.client);
  expect(await s.cancelAllOfShop('shop1', 100)).toBe(100);
  expect(await s.cancelAllOfShop('shop1', 100)).toBe(100);
  expect(await s.cancelAllOfShop('shop1', 100)).toBe(50);
  expect(await s.cancelAllOfShop('shop1', 100)).toBe(0);
  expect([...fake.existing].sort()).toEqual([...theirs].sort());
  expect(fake.calls.every((c) => c === 'list 100')).toBe(true);
});

test('without a limit every schedule goes; one that already vanished counts as done', async () => {
  const mine = Array.from({ length: 130 }, (_, i) => scheduleName({ shop: 'shop1', jobId: `j${i}` }));
  const fake = fakeScheduler(mine, new Set([mine[3]!]));
  expect(await scheduler(fake.client).cancelAllOfShop('shop1')).toBe(130);
  expect([...fake.existing]).toEqual([mine[3]]);
});
