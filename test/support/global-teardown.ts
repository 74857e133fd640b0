// Stops the DynamoDB Local pool started by global-setup, with every instance still leased or spare.
export default async function globalTeardown() {
  const pool = (globalThis as { __dynamoPool?: { stop(): Promise<void> } }).__dynamoPool;
  await pool?.stop();
}
