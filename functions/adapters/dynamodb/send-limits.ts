// Storage of the sending limits: each number's recent marketing SMS (the frequency cap, one conditional write per
// SMS), the counts of messages held back per day and kind (the banner), and the SMSAPI balance as last read with the
// day of the last low-balance alert. All under the shop's partition, so uninstall removes them.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { capDecision, type RecentMarketing } from '#domain/frequency-cap';
import type { NotificationKind } from '#domain/model';
import type { BalanceRecord, RecordedSpend, SendLimitsRepository } from '#services/jobs-repository';
import { keys, type Store } from './store';

const freqKey = (phone: string) => `FREQ#${phone}`;
const heldKey = (date: string) => `HELD#${date}`;
/** The month's spend recorded at send time: `parts`, `points`, and per day `p_<date>`, `pt_<date>`. */
const spendKey = (month: string) => `SPEND#${month}`;
const BALANCE_SK = 'SMSAPI#BALANCE';
const DAY_S = 86_400;

export type CapOutcome = 'reserved' | 'counted' | 'capped';

/** The raw item a refused conditional write returns (not unmarshalled by the document client): our two attributes. */
function recentFromRaw(raw: Record<string, { N?: string; M?: Record<string, { N?: string }> }> | undefined): RecentMarketing | undefined {
  if (!raw) return undefined;
  const recent: Record<string, number> = {};
  for (const [id, value] of Object.entries(raw.recent?.M ?? {})) if (value.N !== undefined) recent[id] = Number(value.N);
  return { recent, ...(raw.newest?.N !== undefined ? { newest: Number(raw.newest.N) } : {}) };
}

export function createSendLimitsRepository(store: Store): SendLimitsRepository {
  const { doc, tableName: TableName } = store;
  const pk = keys.shop;

  return {
    /**
     * Lets job `jobId` count as one of the `count` marketing SMS number `phone` may get per `windowMs`. One request
     * when the number had none in the window (the usual case) or the cap is full; a retried job finds itself
     * already counted. Never counts a job twice, nor a capped one.
     */
    async reserveMarketing(
      shop: string,
      phone: string,
      jobId: string,
      nowMs: number,
      count: number,
      windowMs: number,
    ): Promise<CapOutcome> {
      if (count <= 0) return 'capped';
      const Key = { pk: pk(shop), sk: freqKey(phone) };
      const expiresAt = Math.ceil((nowMs + windowMs) / 1000) + DAY_S;
      const names = { '#recent': 'recent', '#newest': 'newest' };
      let state: RecentMarketing | undefined;
      try {
        // Blind first try: nothing of this number inside the window, so the record starts afresh with this job.
        await doc.send(
          new UpdateCommand({
            TableName,
            Key,
            UpdateExpression: 'SET #recent = :fresh, #newest = :now, expiresAt = :exp',
            ConditionExpression: 'attribute_not_exists(#newest) OR #newest <= :cutoff',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':fresh': { [jobId]: nowMs }, ':now': nowMs, ':cutoff': nowMs - windowMs, ':exp': expiresAt },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'reserved';
      } catch (error) {
        if (!store.isConditionFailure(error)) throw error;
        state = recentFromRaw((error as { Item?: never }).Item);
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const decision = capDecision(state, jobId, nowMs, count, windowMs);
        if (decision.verdict !== 'room') return decision.verdict;
        const expired = decision.expired.slice(0, 50);
        const removeNames = Object.fromEntries(expired.map((id, i) => [`#x${i}`, id]));
        try {
          await doc.send(
            new UpdateCommand({
              TableName,
              Key,
              UpdateExpression:
                `SET #recent.#job = :now, #newest = :newest, expiresAt = :exp` +
                (expired.length ? ` REMOVE ${expired.map((_, i) => `#recent.#x${i}`).join(', ')}` : ''),
              ConditionExpression: state?.newest === undefined ? 'attribute_not_exists(#newest)' : '#newest = :seen',
              ExpressionAttributeNames: { ...names, '#job': jobId, ...removeNames },
              ExpressionAttributeValues: {
                ':now': nowMs,
                ':newest': Math.max(nowMs, state?.newest ?? 0),
                ':exp': expiresAt,
                ...(state?.newest === undefined ? {} : { ':seen': state.newest }),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
          return 'reserved';
        } catch (error) {
          if (!store.isConditionFailure(error)) throw error;
          state = recentFromRaw((error as { Item?: never }).Item);
        }
      }
      // Endless contention on one number: holding the SMS back is the safe side of a cap.
      return 'capped';
    },

    /** A job that will not reach the customer after all (failed for good) gives its place back. */
    async releaseMarketing(shop: string, phone: string, jobId: string): Promise<void> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: pk(shop), sk: freqKey(phone) },
            UpdateExpression: 'REMOVE #recent.#job',
            ConditionExpression: 'attribute_exists(#recent.#job)',
            ExpressionAttributeNames: { '#recent': 'recent', '#job': jobId },
          }),
        );
      } catch (error) {
        if (!store.isConditionFailure(error)) throw error;
      }
    },

    /** What an invocation sent on local day `date`, added to `SPEND#<month>` (the month's and that day's figures). */
    async addSpend(shop: string, date: string, parts: number, points: number): Promise<void> {
      const month = date.slice(0, 7);
      // Kept two months after the month ends: the gate reads only the current one.
      const [y, m] = month.split('-').map(Number) as [number, number];
      const expiresAt = Math.floor(Date.UTC(y, m + 2, 1) / 1000);
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: pk(shop), sk: spendKey(month) },
          UpdateExpression: 'ADD parts :parts, points :points, #dayParts :parts, #dayPoints :points SET expiresAt = :exp',
          ExpressionAttributeNames: { '#dayParts': `p_${date}`, '#dayPoints': `pt_${date}` },
          ExpressionAttributeValues: { ':parts': parts, ':points': points, ':exp': expiresAt },
        }),
      );
    },

    async spendOf(shop: string, month: string): Promise<RecordedSpend> {
      const res = await doc.send(new GetCommand({ TableName, Key: { pk: pk(shop), sk: spendKey(month) } }));
      const item = (res.Item ?? {}) as Record<string, unknown>;
      const days: RecordedSpend['days'] = {};
      for (const [name, value] of Object.entries(item)) {
        const day = /^p_(\d{4}-\d{2}-\d{2})$/.exec(name)?.[1];
        if (day) days[day] = { parts: Number(value) || 0, points: Number(item[`pt_${day}`]) || 0 };
      }
      return { parts: Number(item.parts) || 0, points: Number(item.points) || 0, days };
    },

    /** One more message of `kind` held back on local day `date` (called once per job, after its SKIPPED write). */
    async countHeldBack(shop: string, date: string, kind: NotificationKind, reason: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: pk(shop), sk: heldKey(date) },
          UpdateExpression: 'SET #date = :date, lastReason = :reason ADD #kind :one',
          ExpressionAttributeNames: { '#date': 'date', '#kind': kind },
          ExpressionAttributeValues: { ':date': date, ':reason': reason, ':one': 1 },
        }),
      );
    },

    /** Held-back counts per day between two local days (inclusive): date -> kind -> count. */
    async heldBack(shop: string, fromDate: string, toDate: string): Promise<Map<string, Record<string, number>>> {
      const items = await store.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': pk(shop), ':a': heldKey(fromDate), ':b': heldKey(toDate) },
      });
      const days = new Map<string, Record<string, number>>();
      for (const item of items) {
        const counts: Record<string, number> = {};
        for (const [k, v] of Object.entries(item)) if (typeof v === 'number' && k !== 'expiresAt') counts[k] = v;
        days.set(String(item.date), counts);
      }
      return days;
    },

    async balance(shop: string): Promise<BalanceRecord | undefined> {
      const res = await doc.send(new GetCommand({ TableName, Key: { pk: pk(shop), sk: BALANCE_SK } }));
      if (!res.Item) return undefined;
      return {
        points: typeof res.Item.points === 'number' ? res.Item.points : null,
        readAt: String(res.Item.readAt ?? ''),
        ...(res.Item.alertedOn ? { alertedOn: String(res.Item.alertedOn) } : {}),
      };
    },

    /**
     * Takes the right to read the balance from SMSAPI now: true for one caller per `minIntervalMs` across every
     * sender, so the account is asked at most that often whatever the traffic.
     */
    async claimBalanceRead(shop: string, now: Date, minIntervalMs: number): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: pk(shop), sk: BALANCE_SK },
            UpdateExpression: 'SET claimedAt = :now',
            ConditionExpression: 'attribute_not_exists(claimedAt) OR claimedAt <= :before',
            ExpressionAttributeValues: { ':now': now.toISOString(), ':before': new Date(now.getTime() - minIntervalMs).toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (store.isConditionFailure(error)) return false;
        throw error;
      }
    },

    async recordBalance(shop: string, points: number | null, readAt: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: pk(shop), sk: BALANCE_SK },
          UpdateExpression: 'SET points = :points, readAt = :at',
          ExpressionAttributeValues: { ':points': points, ':at': readAt },
        }),
      );
    },

    /** True once per local day: the right to send that day's low-balance alert. */
    async claimLowBalanceAlert(shop: string, date: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: pk(shop), sk: BALANCE_SK },
            UpdateExpression: 'SET alertedOn = :date',
            ConditionExpression: 'attribute_not_exists(alertedOn) OR alertedOn <> :date',
            ExpressionAttributeValues: { ':date': date },
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
