// The one table definition, shared by the CDK stack and the local bootstrap so they cannot diverge.

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** DynamoDB TTL attribute: epoch seconds. */
  ttlAttribute: 'expiresAt',
} as const;

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey?: string;
}

/**
 * Sparse, keys-only index: job items carry `ref = JOB#<jobId>`, so a delivery report that only knows the
 * SMSAPI `idx` (our job id) finds its shop. Only items that set `ref` are in it.
 */
export const REF_INDEX = { name: 'byRef', partitionKey: 'ref' } as const satisfies IndexDefinition;

/**
 * Sparse, keys-only: jobs of an order carry `orderRef = SHOP#<licence>#ORDER#<orderId>`, so planning a status
 * change reads that order's few jobs instead of the shop's whole history.
 */
export const ORDER_INDEX = { name: 'byOrder', partitionKey: 'orderRef' } as const satisfies IndexDefinition;

/**
 * Sparse, keys-only: a job carries `pending = SHOP#<licence>` only while it waits (SCHEDULED or QUEUED), ordered
 * by due time: the scheduled-sends list and the planners' cancellations read only what can still be cancelled.
 */
export const PENDING_INDEX = { name: 'byPending', partitionKey: 'pending', sortKey: 'dueAt' } as const satisfies IndexDefinition;

/**
 * Sparse, keys-only: a job SMSAPI accepted carries `msgRef = SHOP#<licence>#MSG#<SMSAPI message id>`, set by the
 * same write that stores the id (SENT), so a delivery report finds its job in one Query without a lookup item of its
 * own. The shop in the key keeps shops apart: a report's URL names its shop, and only that shop's jobs match.
 */
export const MESSAGE_INDEX = { name: 'byMessage', partitionKey: 'msgRef' } as const satisfies IndexDefinition;

export const INDEXES: readonly IndexDefinition[] = [REF_INDEX, ORDER_INDEX, PENDING_INDEX, MESSAGE_INDEX];

/**
 * The table's stream: every write with the item before and after it. The stats function counts job changes from it
 * (functions/services/stats-stream.ts), so the send path writes no counters of its own.
 */
export const TABLE_STREAM = { viewType: 'NEW_AND_OLD_IMAGES' } as const;

/** Shape used by the local bootstrap (DynamoDB CreateTable input). */
export const tableCreateInput = (tableName: string) => {
  const attributes = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...INDEXES.flatMap((i) => (i.sortKey ? [i.partitionKey, i.sortKey] : [i.partitionKey])),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_STREAM.viewType },
    AttributeDefinitions: [...new Set(attributes)].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' as const },
    })),
  };
};

/**
 * An item as the app's types describe it: without the table's keys and the named storage-only attributes (index
 * keys, the TTL). The one place keys are stripped; only adapters read items.
 */
export function withoutKeys<T>(item: Record<string, unknown>, ...storageOnly: string[]): T {
  const rest = { ...item };
  for (const name of [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...storageOnly]) delete rest[name];
  return rest as T;
}
