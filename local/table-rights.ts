// Local IAM for the app table: every request a function sends to DynamoDB Local is checked against the actions the
// CDK stack grants that function (lib/table-actions.ts), and one it is not granted fails with AccessDeniedException,
// as it would in AWS. DynamoDB Local itself has no IAM, so without this a missing grant shows only after a deploy.
// Requests made outside a function (tests seeding data, the local queue and scheduler tables) are not checked.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_ACTIONS, type TableAction } from '../lib/table-actions';

type Input = Record<string, unknown>;

const SINGLE: Record<string, TableAction | 'dynamodb:Scan'> = {
  GetItemCommand: 'dynamodb:GetItem',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  BatchWriteItemCommand: 'dynamodb:BatchWriteItem',
  // A transaction is authorised item by item, on the actions inside it.
  TransactGetItemsCommand: 'dynamodb:GetItem',
};
const TRANSACT_WRITE: Record<string, TableAction> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** The actions a request needs on `tableName` (none when it does not touch that table). */
export function actionsNeeded(command: string, input: Input, tableName: string): string[] {
  if (command === 'TransactWriteItemsCommand') {
    const items = (input.TransactItems ?? []) as Record<string, { TableName?: string } | undefined>[];
    return items.flatMap((item) =>
      Object.entries(item).flatMap(([op, body]) => (body?.TableName === tableName && TRANSACT_WRITE[op] ? [TRANSACT_WRITE[op]] : [])),
    );
  }
  const action = SINGLE[command];
  if (!action) return [];
  if (command === 'TransactGetItemsCommand') {
    const items = (input.TransactItems ?? []) as { Get?: { TableName?: string } }[];
    return items.some((item) => item.Get?.TableName === tableName) ? [action] : [];
  }
  const touches = input.TableName === tableName || tableName in ((input.RequestItems ?? {}) as Input);
  return touches ? [action] : [];
}

export class LocalAccessDenied extends Error {
  override name = 'AccessDeniedException';
}

/** Checks each request of the functions that have narrowed rights (`currentFunction` names the one running). */
export function enforceTableRights(doc: DynamoDBDocumentClient, tableName: string, currentFunction: () => string | undefined): void {
  const granted = TABLE_ACTIONS as Record<string, readonly string[]>;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = currentFunction();
      const allowed = fn ? granted[fn] : undefined;
      if (allowed) {
        const missing = actionsNeeded(context.commandName ?? '', args.input as Input, tableName).filter((a) => !allowed.includes(a));
        if (missing.length > 0) {
          throw new LocalAccessDenied(
            `The ${fn} function is not authorized to perform ${missing.join(', ')} on the app table: not granted in lib/table-actions.ts`,
          );
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localTableRights' },
  );
}
