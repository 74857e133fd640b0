// The one table definition, shared by the CDK stack and the local bootstrap so they cannot diverge.

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** DynamoDB TTL attribute: epoch seconds. */
  ttlAttribute: 'expiresAt',
} as const;

/**
 * Sparse, keys-only index: job items carry `ref = JOB#<jobId>`, so a delivery report that only knows the
 * SMSAPI `idx` (our job id) finds its shop. Only items that set `ref` are in it.
 */
export const REF_INDEX = {
  name: 'byRef',
  partitionKey: 'ref',
} as const;

/** Shape used by the local bootstrap (DynamoDB CreateTable input without the name). */
export const tableCreateInput = (tableName: string) => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' as const },
    { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' as const },
    { AttributeName: REF_INDEX.partitionKey, AttributeType: 'S' as const },
  ],
  KeySchema: [
    { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: REF_INDEX.name,
      KeySchema: [{ AttributeName: REF_INDEX.partitionKey, KeyType: 'HASH' as const }],
      Projection: { ProjectionType: 'KEYS_ONLY' as const },
    },
  ],
});
