// The SMSAPI account's health and tokens beyond what store.ts keeps: the latest account check (so a problem
// such as an empty balance stays visible until a check proves it fixed), recent account-blocking errors, and a
// token swap that cannot overwrite a concurrent change of the connection; with the OAuth state nonces
// (./smsapi-refs.ts), the SmsapiAccountRepository port (services/shop-repositories.ts).
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountProblem } from '#contracts/smsapi';
import type { ErrorLogEntry } from '#domain/model';
import type { AccountCheck, SmsapiChoices } from '#domain/shop-data';
import type { SmsapiAccountRepository } from '#services/shop-repositories';
import { createSmsapiRefs } from './smsapi-refs';
import { keys, type Store } from './store';
import { withoutKeys } from './table';

/** Outside the `CFG#` prefix on purpose: the planner's one-Query configuration load does not need it. */
const CHECK_SK = 'SMSAPI#CHECK';

/** The merchant's choices of a disconnected account, so connecting it again (token or OAuth) keeps them. */
const LAST_CHOICES_SK = 'SMSAPI#LAST';

export function createSmsapiAccountRepository(store: Store): SmsapiAccountRepository {
  const TableName = store.tableName;
  return {
    ...createSmsapiRefs(store),
    async recordCheck(shop: string, check: AccountCheck): Promise<void> {
      await store.doc.send(new PutCommand({ TableName, Item: { ...check, pk: keys.shop(shop), sk: CHECK_SK } }));
    },

    async latestCheck(shop: string): Promise<AccountCheck | undefined> {
      const res = await store.doc.send(new GetCommand({ TableName, Key: { pk: keys.shop(shop), sk: CHECK_SK } }));
      if (!res.Item) return undefined;
      return { checkedAt: String(res.Item.checkedAt), ...(res.Item.problem ? { problem: res.Item.problem as AccountProblem } : {}) };
    },

    async rememberChoices(shop: string, choices: SmsapiChoices): Promise<void> {
      await store.doc.send(new PutCommand({ TableName, Item: { ...choices, pk: keys.shop(shop), sk: LAST_CHOICES_SK } }));
    },

    async lastChoices(shop: string): Promise<SmsapiChoices | undefined> {
      const res = await store.doc.send(new GetCommand({ TableName, Key: { pk: keys.shop(shop), sk: LAST_CHOICES_SK } }));
      if (!res.Item) return undefined;
      return withoutKeys<SmsapiChoices>(res.Item);
    },

    async deleteCheck(shop: string): Promise<void> {
      await store.doc.send(new DeleteCommand({ TableName, Key: { pk: keys.shop(shop), sk: CHECK_SK } }));
    },

    /** The newest error-log entry since `since` whose code is one of `codes` (newest first, filtered server-side). */
    async newestErrorWithCode(shop: string, since: string, codes: readonly number[]): Promise<ErrorLogEntry | undefined> {
      const values: Record<string, unknown> = { ':pk': keys.shop(shop), ':from': `ERR#${since}`, ':to': 'ERR#\uffff' };
      codes.forEach((c, i) => (values[`:c${i}`] = c));
      const items = await store.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: `#code IN (${codes.map((_, i) => `:c${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#code': 'code' },
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      });
      const item = items[0];
      if (!item) return undefined;
      return withoutKeys<ErrorLogEntry>(item, 'expiresAt');
    },

    /** Changes the merchant's choices only, leaving the tokens as they are; false when not connected. */
    async updateSettings(shop: string, settings: { senderName?: string; replaceSpecialCharacters?: boolean }): Promise<boolean> {
      const entries = Object.entries(settings).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return true;
      try {
        await store.doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.smsapi },
            UpdateExpression: `SET ${entries.map(([k]) => `#${k} = :${k}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
          }),
        );
        return true;
      } catch (error) {
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Replaces the stored OAuth tokens only if the access token is still `expected`: two senders refreshing at
     * once cannot clobber each other, nor a sender name the merchant saves meanwhile. False if it changed.
     */
    async replaceTokens(shop: string, expected: string, token: string, refreshToken: string): Promise<boolean> {
      try {
        await store.doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.shop(shop), sk: keys.smsapi },
            UpdateExpression: 'SET #token = :token, refreshToken = :refresh',
            ConditionExpression: '#token = :expected',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':token': token, ':refresh': refreshToken, ':expected': expected },
          }),
        );
        return true;
      } catch (error) {
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
