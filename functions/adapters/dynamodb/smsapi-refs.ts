// Two small SMSAPI records under the shop's partition: the single-use OAuth `state` nonces (bound to the admin
// session that asked for them) and the SMSAPI message id -> job lookup that delivery reports are matched by.
// Both carry a TTL; both are under `SHOP#<licence>`, so the uninstall's per-shop purge removes them too.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Store } from './store';

const oauthStateKey = (nonce: string) => `OAUTH#${nonce}`;
const messageKey = (msgId: string) => `MSG#${msgId}`;
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);

export interface MessageRef {
  jobId: string;
  /** When SMSAPI accepted the message (ISO). */
  acceptedAt: string;
}

export function createSmsapiRefs(store: Store) {
  const TableName = store.tableName;
  return {
    /** Remembers a fresh OAuth state nonce for this session; it expires at `expiresAt`. */
    async saveOAuthState(shop: string, nonce: string, session: string, expiresAt: Date): Promise<void> {
      await store.doc.send(
        new PutCommand({
          TableName,
          Item: { pk: keys.shop(shop), sk: oauthStateKey(nonce), session, validUntil: expiresAt.toISOString(), expiresAt: epoch(expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /**
     * Uses a state nonce up: true only for the session that asked for it, before it expires, and only once (the
     * delete is conditional, so two callbacks racing with one state cannot both win).
     */
    async consumeOAuthState(shop: string, nonce: string, session: string, now: Date): Promise<boolean> {
      try {
        await store.doc.send(
          new DeleteCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: oauthStateKey(nonce) },
            ConditionExpression: 'attribute_exists(pk) AND #session = :session AND validUntil > :now',
            ExpressionAttributeNames: { '#session': 'session' },
            ExpressionAttributeValues: { ':session': session, ':now': now.toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /** SMSAPI accepted `msgId` for this job: written before the job becomes SENT, so a fast report finds it. */
    async putMessageRef(shop: string, msgId: string, ref: MessageRef, expiresAt: Date): Promise<void> {
      await store.doc.send(
        new PutCommand({ TableName, Item: { pk: keys.shop(shop), sk: messageKey(msgId), ...ref, expiresAt: epoch(expiresAt) } }),
      );
    },

    async getMessageRef(shop: string, msgId: string): Promise<MessageRef | undefined> {
      const res = await store.doc.send(new GetCommand({ TableName, Key: { pk: keys.shop(shop), sk: messageKey(msgId) } }));
      if (!res.Item) return undefined;
      return { jobId: String(res.Item.jobId), acceptedAt: String(res.Item.acceptedAt) };
    },
  };
}
