// DynamoDB adapter of the back-in-stock sign-ups (functions/services/storefront-repositories.ts): sk
// SUB#<productId>#<phone> under the shop, one per phone and product (functions/domain/sign-ups.ts).
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SignUp } from '#domain/sign-ups';
import type { SignUpRepository } from '#services/storefront-repositories';
import type { DocumentClient } from './client';
import { isConditionFailure, queryAll, queryPages } from './paged-query';
import { keys } from './store';
import { withoutKeys } from './table';

const clean = (item: Record<string, unknown> | undefined): SignUp | undefined => {
  if (!item) return undefined;
  return withoutKeys<SignUp>(item, 'expiresAt');
};

export function createSignUpRepository(doc: DocumentClient, TableName: string): SignUpRepository {
  const key = (shop: string, productId: string, phone: string) => ({
    pk: keys.shop(shop),
    sk: keys.subscription(productId, phone),
  });

  return {
    /**
     * Stores a sign-up unless the same phone already waits for the same product ('duplicate'). A sent or
     * withdrawn sign-up is replaced: the client asks again, with fresh consent.
     */
    async signUp(signUp: SignUp): Promise<'created' | 'duplicate'> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...signUp, ...key(signUp.shop, signUp.productId, signUp.phone) },
            ConditionExpression: 'attribute_not_exists(pk) OR #status <> :waiting',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':waiting': 'waiting' },
          }),
        );
        return 'created';
      } catch (error) {
        if (isConditionFailure(error)) return 'duplicate';
        throw error;
      }
    },

    async get(shop: string, productId: string, phone: string): Promise<SignUp | undefined> {
      const res = await doc.send(new GetCommand({ TableName, Key: key(shop, productId, phone) }));
      return clean(res.Item);
    },

    /**
     * The product's waiting sign-ups one by one, read a DynamoDB page at a time: a restock of 100,000 numbers
     * never holds more than a page in memory. `afterPhone`: only the sign-ups after that number's.
     */
    async *waiting(shop: string, productId: string, afterPhone?: string): AsyncGenerator<SignUp> {
      // A restock handed on to a next planner run starts after the last number the previous run read (sk order).
      for await (const items of queryPages(doc, TableName, {
        ...(afterPhone ? { ExclusiveStartKey: key(shop, productId, afterPhone) } : {}),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        FilterExpression: '#status = :waiting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': `SUB#${productId}#`, ':waiting': 'waiting' },
      })) {
        for (const item of items) yield clean(item)!;
      }
    },

    async listAll(shop: string): Promise<SignUp[]> {
      const items = await queryAll(doc, TableName, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.shop(shop), ':p': 'SUB#' },
      });
      return items.map((i) => clean(i)!);
    },

    /** waiting -> sent, only for the very sign-up that was planned (same createdAt): a newer one stays waiting. */
    async markSent(signUp: SignUp, jobId: string, at: string): Promise<boolean> {
      const name = signUp.productName ? ', productName = :name' : '';
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: key(signUp.shop, signUp.productId, signUp.phone),
            UpdateExpression: `SET #status = :sent, sentAt = :at, updatedAt = :at, jobId = :job${name}`,
            ConditionExpression: '#status = :waiting AND createdAt = :created',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':waiting': 'waiting',
              ':at': at,
              ':job': jobId,
              ':created': signUp.createdAt,
              ...(signUp.productName ? { ':name': signUp.productName } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Consent withdrawn: the sign-up stays (as proof) but nothing more is sent. False when there is none. */
    async withdraw(shop: string, productId: string, phone: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: key(shop, productId, phone),
            UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :at, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async remove(shop: string, productId: string, phone: string): Promise<boolean> {
      try {
        await doc.send(new DeleteCommand({ TableName, Key: key(shop, productId, phone), ConditionExpression: 'attribute_exists(pk)' }));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
