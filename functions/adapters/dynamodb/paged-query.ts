// Small helpers of the repositories built straight from the document client (not through the store): a Query read
// whole or page by page, and the refusal of a condition.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DocumentClient } from './client';

type Item = Record<string, unknown>;
type Query = Omit<QueryCommandInput, 'TableName'>;

export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/** The Query one DynamoDB page (up to 1 MB) at a time, for lists too long to hold in memory. */
export async function* queryPages(doc: DocumentClient, TableName: string, input: Query): AsyncGenerator<Item[]> {
  // A caller's ExclusiveStartKey starts the first page (a read carried on from an earlier run).
  let ExclusiveStartKey: Record<string, unknown> | undefined = input.ExclusiveStartKey;
  do {
    const page = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
    yield (page.Items as Item[]) ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

export async function queryAll(doc: DocumentClient, TableName: string, input: Query): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(doc, TableName, input)) items.push(...page);
  return items;
}
