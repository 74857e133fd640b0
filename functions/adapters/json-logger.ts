// Logger port for Lambda: one JSON line per entry on stdout, with the keys Powertools Logger writes (level,
// message, timestamp, service, xray_trace_id) and the caller's fields. Lambda's JSON log format filters these by
// `level` against the function's application log level. A few lines instead of Powertools Logger, which added
// 22 KB to every bundle for features this app does not use (sampling, buffering, context injection).
import type { Logger } from '#services/ports';

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 } as const;
type Level = keyof typeof LEVELS;

const levelOf = (name: string | undefined): Level => {
  const upper = (name ?? '').toUpperCase();
  return upper in LEVELS ? (upper as Level) : 'INFO';
};

/** Errors as their name, message and stack (JSON.stringify would print `{}`); BigInts as strings. */
const replacer = (_key: string, value: unknown) => {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  return value;
};

export function createJsonLogger(options: {
  service: string;
  /** POWERTOOLS_LOG_LEVEL, else AWS_LAMBDA_LOG_LEVEL (Lambda sets it from the function's log level), else INFO. */
  level?: string;
  env?: Record<string, string | undefined>;
  write?: (line: string) => void;
  now?: () => Date;
}): Logger {
  const env = options.env ?? process.env;
  const threshold = LEVELS[levelOf(options.level ?? env.POWERTOOLS_LOG_LEVEL ?? env.AWS_LAMBDA_LOG_LEVEL)];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const log =
    (level: Level) =>
    (message: string, extra: Record<string, unknown> = {}) => {
      if (LEVELS[level] < threshold) return;
      const entry = {
        level,
        message,
        timestamp: now().toISOString(),
        service: options.service,
        ...(env._X_AMZN_TRACE_ID ? { xray_trace_id: env._X_AMZN_TRACE_ID.split(';')[0]?.replace(/^Root=/, '') } : {}),
        ...extra,
      };
      let line: string;
      try {
        line = JSON.stringify(entry, replacer);
      } catch {
        // A cycle in the caller's fields: the entry still says what happened.
        line = JSON.stringify({ level, message, timestamp: entry.timestamp, service: options.service, unserializable: true });
      }
      write(`${line}\n`);
    };
  return { debug: log('DEBUG'), info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}
