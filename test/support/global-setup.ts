// Starts DynamoDB Local once for the whole integration run; tests find it through DYNAMODB_ENDPOINT.
// Without Java 17+ the run stops here with one line saying what to install, before any test starts.
import { startDynamoDbLocal } from '../../local/dynamodb';
import { JavaMissingError } from '../../local/java';
import { freePort } from './load-child';

export default async function globalSetup() {
  // A port the system says is free: never one where another run's DynamoDB Local (which would be reused, and
  // stopped under us when that run ends) already answers.
  const port = await freePort();
  let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  try {
    dynamo = await startDynamoDbLocal({ port });
  } catch (error) {
    if (!(error instanceof JavaMissingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
