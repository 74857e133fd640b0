// SMSAPI's single-use OAuth `state` nonces (bound to the admin session that asked for them), under the shop's
// partition with a TTL, so the uninstall's per-shop purge removes them too. (The SMSAPI message id -> job lookup
// that delivery reports are matched by lives with the jobs: ./jobs.ts.)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Store } from './store';

const oauthStateKey = (nonce: string) => `OAUTH#${nonce}`;
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);

export function createSmsapiRefs(store: Store) {
  const TableName = store.tableName;
  return {
    /** Remembers a fresh OAuth state nonce for this session; it expires at `expiresAt`. */
    async saveOAuthState(shop: string, nonce: string, session: string, expiresAt: Date): Promise<void> {
      await store.doc.send(
        new PutCommand({
          TableName,
          Item: {
            pk: keys.shop(shop),
            sk: oauthStateKey(nonce),
            session,
            validUntil: expiresAt.toISOString(),
            expiresAt: epoch(expiresAt),
          },
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
  };
}
