// One job-id definition: what planning makes, what the sends queue's consumer accepts (anything else goes to the
// dead-letter queue untouched) and what SMSAPI gets as `idx` are the same thing.
import type { SQSEvent } from 'aws-lambda';
import { makeHandler } from '#handlers/sender';
import { JOB_ID, batchIdFor, jobIdFor } from '#domain/job-id';
import type { Deps } from '#services/deps';

describe('job ids', () => {
  it('are 32 lower-case hex characters (letters and digits only, as SMSAPI takes idx)', () => {
    const id = jobIdFor('lic-1', 'order-status#7:42', 'server-secret');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).toMatch(JOB_ID);
    expect(jobIdFor('lic-1', 'order-status#7:42', 'another-secret')).not.toBe(id);
  });

  it("a batch schedule id has the same shape (the sender accepts it) but is none of its jobs' ids", () => {
    const ids = [jobIdFor('s', 'a', 'k'), jobIdFor('s', 'b', 'k')];
    const batch = batchIdFor(ids);
    expect(batch).toMatch(JOB_ID);
    expect(ids).not.toContain(batch);
    expect(batchIdFor([...ids])).toBe(batch);
    expect(batchIdFor([ids[0]!])).not.toBe(batch);
  });
});

describe('the sender refuses job references that are not job ids', () => {
  const errors: unknown[][] = [];
  const deps = { logger: { error: (...args: unknown[]) => errors.push(args), warn() {}, info() {} } } as unknown as Deps;
  const handler = makeHandler(async () => deps);
  const record = (messageId: string, body: unknown) => ({ messageId, body: JSON.stringify(body), attributes: {} });

  it.each([
    ['an id of another shape', { shop: 'shop-1', jobId: 'job1' }],
    ['upper-case hex', { shop: 'shop-1', jobId: 'A'.repeat(32) }],
    ['a batch with one bad id', { shop: 'shop-1', jobIds: [jobIdFor('s', 'a', 'k'), 'x'.repeat(32)] }],
    ['a batch whose schedule id has another shape', { shop: 'shop-1', jobIds: [jobIdFor('s', 'a', 'k')], jobId: 'batch-1' }],
    ['an id longer than 32 characters', { shop: 'shop-1', jobId: 'a'.repeat(33) }],
  ])('%s: to the dead-letter queue, nothing sent', async (_, body) => {
    errors.length = 0;
    const event = { Records: [record('m1', body)] } as unknown as SQSEvent;
    const result = await handler(event, {} as never);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(errors).toEqual([['queue message not understood', { messageId: 'm1' }]]);
  });
});
