// What each Lambda function of the local runtime costs in requests: DynamoDB requests and capacity units on the
// app's table, queue messages, schedules, token cipher calls (KMS in AWS) and log lines, attributed to the
// function running (local/runtime.ts currentFunction). Instrumentation lives here, never in the app.
import type { LocalRuntime } from '#local/runtime';
import { currentFunction } from '#local/runtime';

/** Work done outside any handler: the scheduler firing due jobs, or the bench itself seeding data. */
export const OUTSIDE = 'outside';

export interface FunctionFigures {
  /** Handler calls seen doing anything metered (every handler reads DynamoDB, so none is missed). */
  invocations: number;
  ddbRequests: number;
  /** Read request units and write request units as DynamoDB reports them (base table and index). */
  rru: number;
  wru: number;
  /** Conditional writes refused: no capacity is reported, AWS still bills the write. */
  conditionFailures: number;
  /** Requests per command name, e.g. { GetCommand: 2, PutCommand: 1 }. */
  commands: Record<string, number>;
  eventsSent: number;
  sendsSent: number;
  schedulesCreated: number;
  schedulesCancelled: number;
  cipherCalls: number;
  logLines: number;
  logBytes: number;
}

export type Snapshot = Record<string, FunctionFigures>;

const empty = (): FunctionFigures => ({
  invocations: 0,
  ddbRequests: 0,
  rru: 0,
  wru: 0,
  conditionFailures: 0,
  commands: {},
  eventsSent: 0,
  sendsSent: 0,
  schedulesCreated: 0,
  schedulesCancelled: 0,
  cipherCalls: 0,
  logLines: 0,
  logBytes: 0,
});

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

// The document client's commands run as the low-level client's: these names are what the middleware sees.
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface Meter {
  snapshot(): Snapshot;
}

/** Instruments a started runtime; figures accumulate from now on. */
export function installMeter(rt: LocalRuntime): Meter {
  const figures = new Map<string, FunctionFigures>();
  const seen = new WeakSet<object>();
  const tableName = rt.deps.store.tableName;

  /** The figures of the function running now; the first metered act of a handler call counts the call. */
  const current = (): FunctionFigures => {
    const store = currentFunction.getStore();
    const name = store?.name ?? OUTSIDE;
    let f = figures.get(name);
    if (!f) figures.set(name, (f = empty()));
    if (store && !seen.has(store)) {
      seen.add(store);
      f.invocations++;
    }
    return f;
  };

  const touchesAppTable = (input: Record<string, unknown>): boolean => {
    if (input.TableName === tableName) return true;
    const items = (input.RequestItems ?? {}) as Record<string, unknown>;
    if (tableName in items) return true;
    const transact = (input.TransactItems ?? []) as Record<string, { TableName?: string }>[];
    return transact.some((t) => Object.values(t).some((op) => op?.TableName === tableName));
  };

  rt.deps.store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (!touchesAppTable(input)) return next(args);
      const f = current();
      const command = context.commandName ?? 'Command';
      f.ddbRequests++;
      f.commands[command] = (f.commands[command] ?? 0) + 1;
      input.ReturnConsumedCapacity = 'INDEXES';
      try {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        if (WRITES.has(command)) f.wru += units;
        else f.rru += units;
        return result;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
          // Billed as a write of the item (ours are all under 1 KB); DynamoDB reports no capacity for it.
          f.conditionFailures++;
          f.wru += 1;
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'benchMeter', override: true },
  );

  const wrap = <T extends object, K extends keyof T>(target: T, key: K, count: (f: FunctionFigures, args: unknown[]) => void) => {
    const original = target[key] as unknown as (...args: unknown[]) => unknown;
    (target as Record<K, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      count(current(), args);
      return original.apply(this, args);
    };
  };
  const { deps } = rt;
  wrap(deps.eventsQueue, 'send', (f) => f.eventsSent++);
  wrap(deps.sendsQueue, 'send', (f) => f.sendsSent++);
  wrap(deps.scheduler, 'schedule', (f) => f.schedulesCreated++);
  wrap(deps.scheduler, 'cancel', (f) => f.schedulesCancelled++);
  wrap(deps.cipher, 'encrypt', (f) => f.cipherCalls++);
  // In AWS the KMS cipher keeps a decrypted token for five minutes per container (functions/adapters/kms-cipher.ts):
  // count a decryption once per function, shop and ciphertext, as a warm container would ask KMS.
  const decrypted = new Set<string>();
  wrap(deps.cipher, 'decrypt', (f, [ciphertext, shop]) => {
    const key = `${currentFunction.getStore()?.name ?? 'outside'}|${String(shop)}|${String(ciphertext)}`;
    if (decrypted.has(key)) return;
    decrypted.add(key);
    f.cipherCalls++;
  });
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    wrap(deps.logger, level, (f, [message, extra]) => {
      // INFO and up reach CloudWatch (the stack's application log level); debug lines never leave the function.
      if (level === 'debug') return;
      const line = JSON.stringify({ level: level.toUpperCase(), message, ...(extra as object), timestamp: new Date().toISOString() });
      f.logLines++;
      f.logBytes += Buffer.byteLength(line);
    });
  }

  return {
    snapshot: () => Object.fromEntries([...figures].map(([name, f]) => [name, { ...f, commands: { ...f.commands } }])),
  };
}

/** What happened between two snapshots. */
export function difference(before: Snapshot, after: Snapshot): Snapshot {
  const out: Snapshot = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name] ?? empty();
    const commands: Record<string, number> = {};
    for (const [c, n] of Object.entries(a.commands)) if (n - (b.commands[c] ?? 0) > 0) commands[c] = n - (b.commands[c] ?? 0);
    const d: FunctionFigures = { ...empty(), commands };
    for (const key of Object.keys(d) as (keyof FunctionFigures)[]) {
      if (key !== 'commands') (d[key] as number) = (a[key] as number) - (b[key] as number);
    }
    out[name] = d;
  }
  return out;
}

/** Adds `b` into `a` (accumulating several runs of one scenario). */
export function add(a: Snapshot, b: Snapshot): Snapshot {
  const out: Snapshot = { ...a };
  for (const [name, f] of Object.entries(b)) {
    const base = out[name] ?? empty();
    const commands = { ...base.commands };
    for (const [c, n] of Object.entries(f.commands)) commands[c] = (commands[c] ?? 0) + n;
    const sum: FunctionFigures = { ...empty(), commands };
    for (const key of Object.keys(sum) as (keyof FunctionFigures)[]) {
      if (key !== 'commands') (sum[key] as number) = (base[key] as number) + (f[key] as number);
    }
    out[name] = sum;
  }
  return out;
}

export const figuresOf = (snapshot: Snapshot, name: string): FunctionFigures => snapshot[name] ?? empty();

export function total(snapshot: Snapshot, pick: (f: FunctionFigures) => number): number {
  return Object.values(snapshot).reduce((sum, f) => sum + pick(f), 0);
}
