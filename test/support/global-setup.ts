// Starts DynamoDB Local once for the whole integration run; tests find it through DYNAMODB_ENDPOINT.
import { startDynamoDbLocal } from '../../local/dynamodb';

export default async function globalSetup() {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const dynamo = await startDynamoDbLocal({ port });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
