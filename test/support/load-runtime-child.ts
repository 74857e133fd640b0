// The local runtime in a process of its own, for the hard-stop test: the test kills it with SIGKILL (no cleanup
// whatsoever) and starts another one on the same tables. Everything comes from the environment (the tables on the
// suite's DynamoDB Local, a fixed port, a data directory for the encryption key, SMSAPI_URL pointing at the test's
// SMSAPI simulator); one JSON line on stdout says it is ready. Run: tsx --conditions=import load-runtime-child.ts
import { startLocalRuntime } from '#local/runtime';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`LOAD_CHILD_CONFIG: ${name} is not set`);
  return value;
}

async function main() {
  const runtime = await startLocalRuntime({
    port: Number(required('LOAD_CHILD_PORT')),
    shopPort: 0,
    smsapiPort: 0,
    dynamoEndpoint: required('DYNAMODB_ENDPOINT'),
    tableName: required('LOAD_CHILD_TABLE'),
    runtimeTable: required('LOAD_CHILD_RUNTIME_TABLE'),
    // The encryption key lives here: the next process must read the tokens this one stored.
    dataDir: required('LOAD_CHILD_DATA_DIR'),
    quiet: true,
    pollIntervalMs: 20,
    smsapiReportDelayMs: 3_600_000,
    env: { SENDER_MAX_ATTEMPTS: process.env.LOAD_CHILD_SENDER_MAX_ATTEMPTS ?? '10' },
  });
  process.stdout.write(`${JSON.stringify({ ready: true, url: runtime.url, pid: process.pid })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
