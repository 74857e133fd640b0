// The Lambda logger: JSON lines that Lambda's log-level filter and a person reading CloudWatch both understand.
import { createJsonLogger } from '#adapters/json-logger';

const capture = (env: Record<string, string | undefined> = {}, level?: string) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({
    service: 'webhooks',
    env,
    ...(level ? { level } : {}),
    write: (line) => lines.push(JSON.parse(line)),
    now: () => new Date('2025-03-01T10:00:00.000Z'),
  });
  return { logger, lines };
};

test('one JSON line per entry, with level, message, time, service and the fields given', () => {
  const { logger, lines } = capture({ _X_AMZN_TRACE_ID: 'Root=1-abc-def;Parent=1;Sampled=0' });
  logger.info('webhook accepted', { shop: '123', event: 'order.create' });
  expect(lines).toEqual([
    {
      level: 'INFO',
      message: 'webhook accepted',
      timestamp: '2025-03-01T10:00:00.000Z',
      service: 'webhooks',
      xray_trace_id: '1-abc-def',
      shop: '123',
      event: 'order.create',
    },
  ]);
});

test("entries below the function's log level are dropped (AWS_LAMBDA_LOG_LEVEL, POWERTOOLS_LOG_LEVEL first)", () => {
  const lambda = capture({ AWS_LAMBDA_LOG_LEVEL: 'WARN' });
  lambda.logger.info('quiet');
  lambda.logger.warn('loud');
  expect(lambda.lines.map((l) => l.message)).toEqual(['loud']);
  const powertools = capture({ AWS_LAMBDA_LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: 'debug' });
  powertools.logger.debug('shown');
  expect(powertools.lines.map((l) => l.level)).toEqual(['DEBUG']);
  const fallback = capture({});
  fallback.logger.debug('hidden');
  fallback.logger.info('shown');
  expect(fallback.lines.map((l) => l.message)).toEqual(['shown']);
});

test('errors keep their name, message and stack; a cycle still leaves a line saying what happened', () => {
  const { logger, lines } = capture();
  logger.error('unhandled error', { error: new TypeError('boom') });
  expect(lines[0]!.error).toMatchObject({ name: 'TypeError', message: 'boom', stack: expect.stringContaining('TypeError: boom') });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  logger.warn('odd', { cyclic });
  expect(lines[1]).toMatchObject({ level: 'WARN', message: 'odd', unserializable: true });
});
