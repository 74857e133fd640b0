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
/** expiration_date must fall 15 minutes to 72 hours after the send (SMSAPI's documentation); outside: 54 (our guess). */
const MIN_EXPIRY_MS = 15 * 60 * 1000;
const MAX_EXPIRY_MS = 72 * 60 * 60 * 1000;

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
  return account.blacklist.some((entry) => entry.phone_number === number && (entry.expire_at === null || entry.expire_at >= today));
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

/** null = no expiration_date; a Date; a number = the error code for a bad one. */
function parseExpiry(raw: string | undefined, sendAt: Date): Date | null | number {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^[0-9]+$/.test(raw.trim())) return 54;
  const at = Number(raw.trim()) * 1000;
  const ahead = at - sendAt.getTime();
  if (ahead < MIN_EXPIRY_MS - 1000 || ahead > MAX_EXPIRY_MS) return 54;
  return new Date(at);
}

/**
 * param1…param4: one value per recipient, as an array parameter (`param1[0]=…&param1[1]=…`, SMSAPI's PHP client) or
 * joined by `|` (its Python client). Null when none is sent; a number is the error code for a count that does not
 * match the recipients (18, "Invalid number of parameters").
 */
function perRecipientParams(params: Params, recipients: number): (string[] | undefined)[] | null | number {
  const lists: (string[] | undefined)[] = [];
  for (let k = 1; k <= 4; k++) {
    const plain = params.get(`param${k}`);
    lists.push(arrayParam(params, `param${k}`) ?? (plain !== undefined ? plain.split('|') : undefined));
  }
  if (lists.every((l) => l === undefined)) return null;
  return lists.some((l) => l !== undefined && l.length !== recipients) ? 18 : lists;
}

/** The recipient's own text: SMSAPI replaces [%1%]…[%4%] with its param1…param4 values. */
const substitute = (template: string, lists: (string[] | undefined)[] | null, i: number) =>
  lists === null ? template : template.replace(/\[%([1-4])%\]/g, (marker, n: string) => lists[Number(n) - 1]?.[i] ?? marker);

function pickSender(account: Account, requested: string | undefined): string | null {
  const active = account.senders.filter((s) => s.status === 'ACTIVE');
  if (requested !== undefined && requested !== '') {
    return active.find((s) => s.sender === requested)?.sender ?? null;
  }
  return (active.find((s) => s.is_default) ?? active[0])?.sender ?? null;
}

export function sendSms({ store, account, params, now, faults }: SendContext): SendOutcome {
  const template = params.get('message') ?? '';
  if (template.trim().length === 0) return fail(11);

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
  const paramLists = perRecipientParams(params, submitted.length);
  if (typeof paramLists === 'number') return fail(paramLists);
  // Each recipient's text, counted on its own: parts and points follow its parameters' real length.
  const textOf = (i: number) => {
    const text = substitute(template, paramLists, i);
    return flag(params, 'normalize') ? normalizeMessage(text) : text;
  };

  const date = parseSendDate(params.get('date'), now);
  if (typeof date === 'number') return fail(date);

  const expiry = parseExpiry(params.get('expiration_date'), date ?? now);
  if (typeof expiry === 'number') return fail(expiry);

  const requestedMaxParts = Number.parseInt(params.get('max_parts') ?? '', 10);
  const maxParts = Number.isInteger(requestedMaxParts) ? Math.min(Math.max(requestedMaxParts, 1), ABSOLUTE_MAX_PARTS) : DEFAULT_MAX_PARTS;
  // One recipient's text over max_parts refuses the request (our reading: SMSAPI answers one error per request).
  const texts = submitted.map((_, i) => textOf(i));
  const lengths = texts.map((text) => smsLength(text));
  if (lengths.some((length) => length.parts > maxParts)) return fail(12);

  const invalidNumbers: InvalidNumber[] = [];
  const recipients: { number: string; submitted: string; idx: string | null; message: string; length: (typeof lengths)[number] }[] = [];
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
    recipients.push({ number, submitted: raw, idx: idxValues?.[i] ?? null, message: texts[i]!, length: lengths[i]! });
  }
  if (recipients.length === 0) {
    const allBlacklisted = invalidNumbers.length > 0 && invalidNumbers.every((n) => n.error_code === 57);
    return fail(allBlacklisted ? 57 : 13, invalidNumbers);
  }

  if (flag(params, 'check_idx')) {
    const repeated = recipients.some((r) => r.idx !== null && store.wasIdxUsed(account.username, r.idx, now));
    if (repeated) return fail(53);
  }

  const pointsOf = (r: (typeof recipients)[number]) => roundPoints(r.length.parts * POINTS_PER_PART);
  const totalPoints = roundPoints(recipients.reduce((sum, r) => sum + pointsOf(r), 0));
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
        message: r.message,
        from: sender,
        ...(r.idx !== null ? { idx: r.idx } : {}),
        parts: r.length.parts,
        points: pointsOf(r),
        encoding: r.length.encoding,
        ...(params.get('notify_url') ? { notifyUrl: params.get('notify_url') } : {}),
        test: false,
        ...(date ? { scheduledFor: date.toISOString() } : {}),
        ...(expiry ? { expiresAt: expiry.toISOString() } : {}),
        createdAt: now.toISOString(),
        status: 'QUEUE',
      });
    }
    return {
      id,
      points: pointsOf(r),
      number: r.number,
      date_sent: Math.floor(sendAt.getTime() / 1000),
      submitted_number: r.submitted,
      status: 'QUEUE',
      error: null,
      idx: r.idx,
      parts: r.length.parts,
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
    // details=1 describes the text: with parameters, the first recipient's (each list item has its own parts).
    ...(flag(params, 'details')
      ? { message: recipients[0]!.message, length: recipients[0]!.length.units, parts: recipients[0]!.length.parts }
      : {}),
    ...(invalidNumbers.length > 0 ? { invalid_numbers: invalidNumbers } : {}),
  };
  const text =
    list.length === 1 && list[0]
      ? `OK:${list[0].id}:${list[0].points}`
      : list.map((item) => `OK:${item.id}:${item.points}:${item.number}`).join(';');
  return { body, text, accepted };
}
