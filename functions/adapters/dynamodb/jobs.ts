// DynamoDB adapter of the jobs repository (functions/services/jobs-repository.ts): every state change of a job is
// one conditional UpdateItem on its item. A job SMSAPI accepted carries `msgRef` (the byMessage index) from the write
// that stores its SMSAPI id, so a delivery report finds it with one Query; the MSG# lookup items of the previous
// release are read only when the index has nothing. The condition expressions of the send path live here only.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Job, JobState } from '#domain/model';
import type { JobsRepository } from '#services/jobs-repository';
import type { DocumentClient } from './client';
import { MESSAGE_INDEX, withoutKeys } from './table';

const shopKey = (shop: string) => `SHOP#${shop}`;
const jobKey = (jobId: string) => `JOB#${jobId}`;
/**
 * The previous release's lookup item (`MSG#<id>`: jobId, acceptedAt; TTL 14 days), written before SENT. Only read,
 * as a fallback: once 14 days have passed since the deploy that stopped writing them, none is left to find.
 */
const legacyMessageKey = (msgId: string) => `MSG#${msgId}`;

/** The byMessage index key of a job SMSAPI accepted as `msgId`: the shop in it keeps shops apart. */
export const messageRef = (shop: string, msgId: string) => `${shopKey(shop)}#MSG#${msgId}`;

/** Attributes of a job item that only the table's indexes and TTL read: never part of a Job. */
export const JOB_STORAGE_ONLY = ['ref', 'orderRef', 'pending', 'msgRef', 'expiresAt'] as const;

/** Job states in which a job waits and can still be cancelled: the only ones in the byPending index. */
export const PENDING_STATES: ReadonlySet<JobState> = new Set(['SCHEDULED', 'QUEUED']);

type Item = Record<string, unknown>;

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';

const stripJob = (item: Item | undefined): Job | undefined => {
  if (!item) return undefined;
  return withoutKeys<Job>(item, ...JOB_STORAGE_ONLY);
};

export interface JobTransition {
  from: JobState[];
  to: JobState;
  set: Partial<Job>;
  removeLease?: boolean;
  /** Added to numeric attributes (ADD): e.g. one more attempt, without reading the job first. */
  add?: Partial<Record<'attempts', number>>;
  /** Joined to the state condition: `OR …` widens it, anything else narrows it (AND). */
  extraCondition?: { expression: string; values: Record<string, unknown> };
  /** ALL_NEW (default) or ALL_OLD: what the successful write returns. */
  returns?: 'ALL_NEW' | 'ALL_OLD';
  /** Called with the state the job had when the condition refused the write (undefined: no job), read from the refusal. */
  onRefused?: (state: JobState | undefined) => void;
}

/**
 * Moves a job from one of `from` to `to`, setting fields, only if its state is still one of `from` (and the extra
 * condition holds). The job as returned (new by default), or undefined when the condition failed. Keeps the byPending
 * index membership in step with the state, and the byMessage key (`msgRef`) with the SMSAPI id it sets.
 */
export async function transitionJob(
  doc: DocumentClient,
  TableName: string,
  shop: string,
  jobId: string,
  t: JobTransition,
): Promise<Job | undefined> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':to': t.to };
  const sets = ['#state = :to'];
  for (const [k, v] of Object.entries(t.set)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  const adds = Object.entries(t.add ?? {}).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:add_${k}`] = v;
    return `#${k} :add_${k}`;
  });
  const fromList = t.from.map((s, i) => {
    values[`:from${i}`] = s;
    return `:from${i}`;
  });
  let condition = `attribute_exists(pk) AND #state IN (${fromList.join(', ')})`;
  if (t.extraCondition) {
    condition = `(${condition}) ${t.extraCondition.expression.startsWith('OR') ? '' : 'AND '}${t.extraCondition.expression}`;
    Object.assign(values, t.extraCondition.values);
  }
  if (typeof t.set.smsapiId === 'string') {
    names['#msgRef'] = MESSAGE_INDEX.partitionKey;
    values[':msgRef'] = messageRef(shop, t.set.smsapiId);
    sets.push('#msgRef = :msgRef');
  }
  const removals = [...(t.removeLease ? ['leaseUntil'] : []), ...(PENDING_STATES.has(t.to) ? [] : ['#pending'])];
  names['#pending'] = 'pending';
  if (PENDING_STATES.has(t.to)) {
    values[':pending'] = shopKey(shop);
    sets.push('#pending = :pending');
  }
  const update = `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`;
  try {
    const res = await doc.send(
      new UpdateCommand({
        TableName,
        Key: { pk: shopKey(shop), sk: jobKey(jobId) },
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: t.returns ?? 'ALL_NEW',
        ...(t.onRefused ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      }),
    );
    return stripJob(res.Attributes as Item);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // The refused item comes back in DynamoDB's raw form (the document client does not unmarshall it).
    const raw = (error as { Item?: { state?: { S?: string } } }).Item;
    t.onRefused?.(raw?.state?.S as JobState | undefined);
    return undefined;
  }
}

export function createJobsRepository(doc: DocumentClient, TableName: string): JobsRepository {
  const move = (shop: string, jobId: string, t: JobTransition) => transitionJob(doc, TableName, shop, jobId, t);
  const get = async (shop: string, jobId: string) => {
    const res = await doc.send(new GetCommand({ TableName, Key: { pk: shopKey(shop), sk: jobKey(jobId) } }));
    return stripJob(res.Item as Item | undefined);
  };

  return {
    get,

    async claimForSending(shop, jobId, { at, leaseUntil }) {
      let state: JobState | undefined;
      const job = await move(shop, jobId, {
        from: ['QUEUED', 'SCHEDULED'],
        to: 'SENDING',
        set: { leaseUntil, updatedAt: at },
        add: { attempts: 1 },
        // A SENDING job whose worker died (lease over) may be taken over.
        extraCondition: { expression: 'OR (#state = :sending AND leaseUntil < :now)', values: { ':sending': 'SENDING', ':now': at } },
        // A refusal (a duplicate delivery, a settled job) says the state it found: one request either way.
        onRefused: (found) => (state = found),
      });
      return job ? { claimed: true, job } : { claimed: false, ...(state ? { state } : {}) };
    },

    // With SMSAPI's id the same write puts the job into the byMessage index: no lookup item of its own.
    markSent: (shop, jobId, sentAt, figures) =>
      move(shop, jobId, { from: ['SENDING'], to: 'SENT', set: { sentAt, updatedAt: sentAt, ...figures }, removeLease: true }),

    releaseAccepted: async (shop, jobId, at, smsapiId) =>
      Boolean(await move(shop, jobId, { from: ['SENDING'], to: 'QUEUED', set: { smsapiId, updatedAt: at }, removeLease: true })),

    async completeAfterReport(shop, jobId, sentAt, figures) {
      for (const state of ['DELIVERED', 'UNDELIVERED'] as const) {
        const filled = await move(shop, jobId, {
          from: [state],
          to: state,
          set: { sentAt, ...figures },
          extraCondition: { expression: 'attribute_not_exists(sentAt)', values: {} },
        });
        if (filled) return state;
      }
      return undefined;
    },

    markFailed: async (shop, jobId, at, error) =>
      Boolean(await move(shop, jobId, { from: ['SENDING'], to: 'FAILED', set: { updatedAt: at, error }, removeLease: true })),

    requeueForRetry: async (shop, jobId, at, error) =>
      Boolean(
        await move(shop, jobId, {
          from: ['SENDING'],
          to: 'QUEUED',
          set: { updatedAt: at, ...(error ? { error } : {}) },
          removeLease: true,
        }),
      ),

    skip: async (shop, jobId, at, skipReason) =>
      Boolean(await move(shop, jobId, { from: ['SENDING'], to: 'SKIPPED', set: { skipReason, updatedAt: at }, removeLease: true })),

    // No SMSAPI call was made (the gate moves a job on its first attempt, before sending): attempts start again, so
    // on the new day the gate's first-attempt checks (validity, spend limits, the cap) apply to it.
    postpone: async (shop, jobId, at, to) =>
      Boolean(
        await move(shop, jobId, { from: ['SENDING'], to: 'SCHEDULED', set: { ...to, attempts: 0, updatedAt: at }, removeLease: true }),
      ),

    async settleFromReport(shop, jobId, report) {
      const set = { deliveredAt: report.deliveredAt, reportStatus: report.reportStatus, updatedAt: report.at, smsapiId: report.msgId };
      // One write for both cases: SENT by this message, or a report that overtook the sender (SMSAPI accepted the
      // SMS, our SENT write has not happened yet). The old item says which it was.
      const old = await move(shop, jobId, {
        from: ['SENT', 'SENDING', 'QUEUED'],
        to: report.outcome,
        set,
        removeLease: true,
        extraCondition: {
          expression:
            '((#state = :sentState AND smsapiId = :msgId) OR (#state IN (:sendingState, :queuedState) AND (attribute_not_exists(smsapiId) OR smsapiId = :msgId)))',
          values: { ':msgId': report.msgId, ':sentState': 'SENT', ':sendingState': 'SENDING', ':queuedState': 'QUEUED' },
        },
        returns: 'ALL_OLD',
      });
      if (!old) return undefined;
      const { leaseUntil: _lease, ...rest } = old;
      return { job: { ...rest, ...set, state: report.outcome }, overtook: old.state !== 'SENT' };
    },

    cancel: (shop, jobId, from, at, cancelReason) => move(shop, jobId, { from, to: 'CANCELLED', set: { cancelReason, updatedAt: at } }),

    async findJobByMessage(shop, msgId) {
      const res = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: MESSAGE_INDEX.name,
          KeyConditionExpression: '#msgRef = :msgRef',
          ExpressionAttributeNames: { '#msgRef': MESSAGE_INDEX.partitionKey },
          ExpressionAttributeValues: { ':msgRef': messageRef(shop, msgId) },
          Limit: 1,
        }),
      );
      const sk = res.Items?.[0]?.sk;
      if (typeof sk === 'string' && sk.startsWith(jobKey(''))) return sk.slice(jobKey('').length);
      // Not (yet) in the index: a MSG# item of the previous release, for as long as its TTL keeps it.
      const legacy = await doc.send(new GetCommand({ TableName, Key: { pk: shopKey(shop), sk: legacyMessageKey(msgId) } }));
      return typeof legacy.Item?.jobId === 'string' ? legacy.Item.jobId : undefined;
    },
  };
}
