// Back-in-stock sign-ups (sk SUB#<productId>#<phone>): one per phone and product, with the client's consent
// (time, text version, IP hash) and the state the merchant sees: waiting, sent or withdrawn.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Store } from './store';

export type SignUpStatus = 'waiting' | 'sent' | 'withdrawn';

export interface SignUpConsent {
  at: string;
  textVersion: string;
  /** HMAC-SHA256 of the client's IP with a per-deployment secret: proof without keeping the address. */
  ipHash: string;
  locale: 'pl' | 'en';
}

export interface SignUp {
  id: string;
  shop: string;
  productId: string;
  /** E.164. */
  phone: string;
  clientId?: string;
  productName?: string;
  status: SignUpStatus;
  createdAt: string;
  updatedAt: string;
  consent: SignUpConsent;
  sentAt?: string;
  jobId?: string;
  withdrawnAt?: string;
}

/** Reversible, so an id from the list leads straight to the item (the phone is shown in that list anyway). */
export const signUpId = (productId: string, phone: string) => Buffer.from(`${productId}:${phone}`).toString('base64url');

export function parseSignUpId(id: string): { productId: string; phone: string } | undefined {
  const match = /^(\d{1,12}):(\+\d{6,15})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return match ? { productId: match[1]!, phone: match[2]! } : undefined;
}

const clean = (item: Record<string, unknown> | undefined): SignUp | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, expiresAt: _e, ...rest } = item;
  return rest as unknown as SignUp;
};

export function createSignUpRepository(store: Store) {
  const { doc, tableName: TableName } = store;
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
        if (store.isConditionFailure(error)) return 'duplicate';
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
      for await (const items of store.queryPages({
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
      const items = await store.queryAll({
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
        if (store.isConditionFailure(error)) return false;
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
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },

    async remove(shop: string, productId: string, phone: string): Promise<boolean> {
      try {
        await doc.send(
          new DeleteCommand({ TableName, Key: key(shop, productId, phone), ConditionExpression: 'attribute_exists(pk)' }),
        );
        return true;
      } catch (error) {
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}

export type SignUpRepository = ReturnType<typeof createSignUpRepository>;
