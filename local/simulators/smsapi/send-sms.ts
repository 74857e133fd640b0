// sms.do: validates a send the way SMSAPI does, charges points and records accepted SMS in the outbox.
import { smsError, type InvalidNumber, type SmsErrorBody } from './errors';
import { failingCodeFor } from './faults';
import { arrayParam, flag, type Params } from './http';
import { normalizeMessage } from './normalize';
import { splitRecipients, toInternationalNumber } from './phone-numbers';
import { smsLength } from './sms-length';
import { hasNoBalance, roundPoints, type Account, type SimulatorStore, type SmsRecord } from './store';
import type { FaultSettings } from './types';

export const POINTS_PER_PART = 0.16;
const DEFAULT_MAX_PARTS = 6;
const ABSOLUTE_MAX_PARTS = 10;
const MAX_SCHEDULE_AHEAD_MS = 92 * 24 * 60 * 60 * 1000; // "more than 3 months" -> error 50

export interface SendListItem {
  id: string;
  points: number;
  number: string;
  date_sent: number;
  submitted_number: string;
  status: 'QUEUE';
  error: null;
  idx: string | null;
  parts: number;
}

export interface SendSuccessBody {
  count: number;
  list: SendListItem[];
  message?: string;
  length?: number;
  parts?: number;
  invalid_numbers?: InvalidNumber[];
}

export interface SendOutcome {
  /** JSON answer (format=json) */
  body: SendSuccessBody | SmsErrorBody;
  /** the legacy text answer, for callers that leave out format=json */
  text: string;
  accepted: SmsRecord[];
}

export interface SendContext {
  store: SimulatorStore;
  account: Account;
  params: Params;
  now: Date;
  faults: FaultSettings;
}

function fail(code: number, invalidNumbers?: InvalidNumber[]): SendOutcome {
  return { body: smsError(code, invalidNumbers), text: `ERROR:${code}`, accepted: [] };
}

function isBlacklisted(account: Account, number: string, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return account.blacklist.some(
    (entry) => entry.phone_number === number && (entry.expire_at === null || entry.expire_at >= today),
  );
}

/** null = send now; a Date = scheduled; a number = the SMSAPI error code for a bad date. */
function parseSendDate(raw: string | undefined, now: Date): Date | null | number {
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  const ms = /^[0-9]+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) return 54;
  if (ms - now.getTime() > MAX_SCHEDULE_AHEAD_MS) return 50;
  // A past date sends at once, as SMSAPI documents.
  return ms > now.getTime() ? new Date(ms) : null;
}

function pickSender(account: Account, requested: string | undefined): string | null {
  const active = account.senders.filter((s) => s.status === 'ACTIVE');
  if (requested !== undefined && requested !== '') {
    return active.find((s) => s.sender === requested)?.sender ?? null;
  }
  return (active.find((s) => s.is_default) ?? active[0])?.sender ?? null;
}

export function sendSms({ store, account, params, now, faults }: SendContext): SendOutcome {
  const rawMessage = params.get('message') ?? '';
  const message = flag(params, 'normalize') ? normalizeMessage(rawMessage) : rawMessage;
  if (message.trim().length === 0) return fail(11);

  const sender = pickSender(account, params.get('from'));
  if (sender === null) return fail(14);

  const submitted = splitRecipients(params.get('to') ?? '');
  if (submitted.length === 0) return fail(13);

  // One idx per recipient: an array parameter (idx[0]=…&idx[1]=…, as SMSAPI's official client sends it) or, for
  // one recipient, a plain idx. A plain idx is one value: "a|b" is not split (an old guess of ours, not SMSAPI's).
  const idxParam = params.get('idx');
  const idxValues = arrayParam(params, 'idx') ?? (idxParam !== undefined && idxParam !== '' ? [idxParam] : null);
  if (idxValues && idxValues.length !== submitted.length) return fail(20);
  if (idxValues?.some((v) => v.length > 255)) return fail(27);
  if (faults.notifyUrlSingleRecipientOnly && params.get('notify_url') && submitted.length > 1) return fail(72);

  const date = parseSendDate(params.get('date'), now);
  if (typeof date === 'number') return fail(date);

  const length = smsLength(message);
  const requestedMaxParts = Number.parseInt(params.get('max_parts') ?? '', 10);
  const maxParts = Number.isInteger(requestedMaxParts)
    ? Math.min(Math.max(requestedMaxParts, 1), ABSOLUTE_MAX_PARTS)
    : DEFAULT_MAX_PARTS;
  if (length.parts > maxParts) return fail(12);

  const invalidNumbers: InvalidNumber[] = [];
  const recipients: { number: string; submitted: string; idx: string | null }[] = [];
  const seen = new Set<string>();
  const allowDuplicates = flag(params, 'allow_duplicates');
  for (const [i, raw] of submitted.entries()) {
    const number = toInternationalNumber(raw);
    if (number === null) {
      invalidNumbers.push({ number: raw, submitted_number: raw, message: 'Invalid phone number', error_code: 13 });
      continue;
    }
    const failingCode = failingCodeFor(number, faults);
    if (failingCode !== null && failingCode !== 13 && failingCode !== 57) return fail(failingCode);
    if (failingCode !== null) {
      invalidNumbers.push({ number, submitted_number: raw, message: smsError(failingCode).message, error_code: failingCode });
      continue;
    }
    if (isBlacklisted(account, number, now)) {
      invalidNumbers.push({ number, submitted_number: raw, message: smsError(57).message, error_code: 57 });
      continue;
    }
    if (seen.has(number) && !allowDuplicates) continue;
    seen.add(number);
    recipients.push({ number, submitted: raw, idx: idxValues?.[i] ?? null });
  }
  if (recipients.length === 0) {
    const allBlacklisted = invalidNumbers.length > 0 && invalidNumbers.every((n) => n.error_code === 57);
    return fail(allBlacklisted ? 57 : 13, invalidNumbers);
  }

  if (flag(params, 'check_idx')) {
    const repeated = recipients.some((r) => r.idx !== null && store.wasIdxUsed(account.username, r.idx, now));
    if (repeated) return fail(53);
  }

  const pointsEach = roundPoints(length.parts * POINTS_PER_PART);
  const totalPoints = roundPoints(pointsEach * recipients.length);
  const test = flag(params, 'test');
  if (!test && !hasNoBalance(account) && account.points < totalPoints) return fail(103);

  const sendAt = date ?? now;
  const accepted: SmsRecord[] = [];
  const list: SendListItem[] = recipients.map((r) => {
    const id = store.nextMessageId();
    if (!test) {
      accepted.push({
        id,
        account: account.username,
        to: r.number,
        message,
        from: sender,
        ...(r.idx !== null ? { idx: r.idx } : {}),
        parts: length.parts,
        points: pointsEach,
        encoding: length.encoding,
        ...(params.get('notify_url') ? { notifyUrl: params.get('notify_url') } : {}),
        test: false,
        ...(date ? { scheduledFor: date.toISOString() } : {}),
        createdAt: now.toISOString(),
        status: 'QUEUE',
      });
    }
    return {
      id,
      points: pointsEach,
      number: r.number,
      date_sent: Math.floor(sendAt.getTime() / 1000),
      submitted_number: r.submitted,
      status: 'QUEUE',
      error: null,
      idx: r.idx,
      parts: length.parts,
    };
  });

  if (!test) {
    account.points = roundPoints(account.points - totalPoints);
    store.outbox.push(...accepted);
    for (const r of recipients) if (r.idx !== null) store.rememberIdx(account.username, r.idx, now);
    store.changed();
  }

  const body: SendSuccessBody = {
    count: list.length,
    list,
    ...(flag(params, 'details') ? { message, length: length.units, parts: length.parts } : {}),
    ...(invalidNumbers.length > 0 ? { invalid_numbers: invalidNumbers } : {}),
  };
  const text =
    list.length === 1 && list[0]
      ? `OK:${list[0].id}:${list[0].points}`
      : list.map((item) => `OK:${item.id}:${item.points}:${item.number}`).join(';');
  return { body, text, accepted };
}
