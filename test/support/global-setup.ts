// Starts the pool of DynamoDB Local instances for the whole integration run (test/support/dynamo-pool.ts): each
// test runtime leases a fresh one through DYNAMODB_POOL. Without Java 17+ the run stops here with one line saying
// what to install, before any test starts.
import { assertJava, JavaMissingError } from '../../local/java';
import { startDynamoPool } from './dynamo-pool';

export default async function globalSetup() {
  try {
    assertJava();
  } catch (error) {
    if (!(error instanceof JavaMissingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Two spares: the next suite of each of jest's (at most two) workers finds its instance already started.
  const pool = await startDynamoPool({ spares: 2 });
  process.env.DYNAMODB_POOL = pool.url;
  (globalThis as { __dynamoPool?: typeof pool }).__dynamoPool = pool;
}
