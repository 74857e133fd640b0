// The local runtime's IAM for the app table (local/table-rights.ts): which actions a request needs, and that a
// function is refused one the stack does not grant it, as AWS refuses it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { actionsNeeded, enforceTableRights } from '../../../local/table-rights';
import { TABLE_ACTIONS } from '../../../lib/table-actions';

const TABLE = 'app';

test('a request needs the action of its command, and a transaction the actions inside it, on the app table only', () => {
  expect(actionsNeeded('GetItemCommand', { TableName: TABLE }, TABLE)).toEqual(['dynamodb:GetItem']);
  expect(actionsNeeded('GetItemCommand', { TableName: 'local-runtime' }, TABLE)).toEqual([]);
  expect(actionsNeeded('BatchWriteItemCommand', { RequestItems: { [TABLE]: [] } }, TABLE)).toEqual(['dynamodb:BatchWriteItem']);
  expect(
    actionsNeeded(
      'TransactWriteItemsCommand',
      { TransactItems: [{ Update: { TableName: TABLE } }, { ConditionCheck: { TableName: TABLE } }, { Put: { TableName: 'other' } }] },
      TABLE,
    ),
  ).toEqual(['dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']);
  expect(actionsNeeded('DescribeTableCommand', { TableName: TABLE }, TABLE)).toEqual([]);
});

describe('a function with narrowed rights', () => {
  // No DynamoDB behind it: a request that passes the check fails on the network, one that does not never leaves.
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    }),
  );
  let running: string | undefined;
  enforceTableRights(doc, TABLE, () => running);
  afterAll(() => doc.destroy());

  test('is refused a bulk write it is not granted, with the AWS error name and where the grant lives', async () => {
    running = 'storefront';
    expect(TABLE_ACTIONS.storefront).not.toContain('dynamodb:BatchWriteItem');
    const refused = doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: 'a', sk: 'b' } } }] } }));
    await expect(refused).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('lib/table-actions.ts'),
    });
    const transact = doc.send(new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: TABLE, Key: { pk: 'a', sk: 'b' } } }] }));
    await expect(transact).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  test('passes what it is granted, and nothing is checked outside a function', async () => {
    running = 'storefront';
    const granted = doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'a', sk: 'b' } }));
    await expect(granted).rejects.not.toMatchObject({ name: 'AccessDeniedException' });
    running = undefined;
    const seeding = doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: 'a', sk: 'b' } } }] } }));
    await expect(seeding).rejects.not.toMatchObject({ name: 'AccessDeniedException' });
  });
});
