// The DynamoDB rights of each function, as plain data: the CDK stack grants them (lib/constructs/data.ts) and the
// local runtime enforces them on every request a function sends to DynamoDB Local (local/table-rights.ts), so a
// command a function is not granted fails in the tests as it would fail in AWS with AccessDenied.

/** Item-level DynamoDB actions a function may be granted on the table (never Scan, never table management). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:BatchWriteItem';

/** Everything a trusted back-end function (planner, sender, admin) may do to shop items, bulk deletes included. */
export const ALL_TABLE_ACTIONS: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

// What the public functions' code sends to DynamoDB (functions/services and functions/adapters/dynamodb), and
// nothing else: a flaw in one of them cannot bulk-delete (BatchWriteItem) or bulk-read the table. Widen a list
// when the code starts sending another command, or the function fails in AWS with AccessDenied.
export const TABLE_ACTIONS = {
  // The shop record (GetItem), the raw event (PutItem), and sealing a webhook secret an older version stored in
  // plain text (UpdateItem, once per such shop).
  webhooks: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Finding a job by its message (Query on byMessage; GetItem of a previous release's MSG# item) and settling it
  // (UpdateItem). Counting happens in the stats function, from the table's stream.
  reports: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  // Shop, configuration and templates (GetItem, Query), sign-ups, baskets and jobs (PutItem), rate-limit counters,
  // withdrawals, token refreshes and job transitions (UpdateItem): a withdrawal keeps the sign-up, it deletes nothing.
  storefront: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // The shop record and the example celebrations of a new install (GetItem, PutItem, UpdateItem, Query); uninstall
  // only marks the shop, the planner's purge deletes (BatchWriteItem).
  appstore: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Short links: the link and its click (UpdateItem, GetItem), an opt-out (PutItem), the number's waiting jobs to
  // cancel (Query on byPending, BatchGetItem, UpdateItem) and the day's counters (UpdateItem).
  links: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  // Not public, but narrowed too: the checkpoint and settings (GetItem), known numbers (BatchGetItem), a first
  // number (PutItem), the counters and the checkpoint in one transaction (UpdateItem). Never a Query, a delete or a
  // bulk write.
  stats: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const satisfies Record<string, readonly TableAction[]>;
