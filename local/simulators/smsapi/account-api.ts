// SMSAPI's REST account endpoints: profile, sender names and the blacklist (opt-outs).
import type { ServerResponse } from 'node:http';
import { sendEmpty, sendJson, type Params } from './http';
import { toInternationalNumber } from './phone-numbers';
import { hasNoBalance, newObjectId, type Account, type SimulatorStore } from './store';

/** REST endpoints answer errors in this shape (OpenAPI `Error`), unlike sms.do's numeric codes. */
function restError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { message, error, developer_description: null, errors: null });
}

// OpenAPI `Profile`: points is not required; postpaid (and subscription) accounts answer without it.
export function getProfile(res: ServerResponse, account: Account): void {
  sendJson(res, 200, {
    name: account.name,
    email: account.email,
    username: account.username,
    phone_number: account.phone_number,
    payment_type: account.payment_type ?? 'prepaid',
    user_type: 'native',
    ...(hasNoBalance(account) ? {} : { points: account.points }),
  });
}

// The current API (OpenAPI SendernameCollection, smsapi-javascript-client) answers {collection, size};
// the bare array belongs to older versions, so the collection shape is mirrored here.
export function listSenderNames(res: ServerResponse, account: Account): void {
  const collection = account.senders.map((s) => ({
    sender: s.sender,
    is_default: s.is_default,
    status: s.status,
    created_at: s.created_at,
  }));
  sendJson(res, 200, { collection, size: collection.length });
}

export function getSenderName(res: ServerResponse, account: Account, sender: string): void {
  const found = account.senders.find((s) => s.sender === sender);
  if (!found) return restError(res, 404, 'not_found_sendername', `Sender name ${sender} not found`);
  sendJson(res, 200, found);
}

// A new sender name waits for SMSAPI's approval, so it starts INACTIVE and cannot be used to send.
export function createSenderName(res: ServerResponse, store: SimulatorStore, account: Account, params: Params, now: Date): void {
  const sender = (params.get('sender') ?? '').trim();
  if (!/^([0-9]{8,16}|[\w.\-&@ %!+]{1,11})$/.test(sender)) {
    return restError(res, 400, 'invalid_sender', 'Sender name must have 1-11 letters, digits or . - & @ % ! +');
  }
  if (account.senders.some((s) => s.sender === sender)) {
    return restError(res, 409, 'sendername_already_exists', `Sender name ${sender} already exists`);
  }
  const record = { sender, status: 'INACTIVE', is_default: false, created_at: now.toISOString() };
  account.senders.push(record);
  store.changed();
  sendJson(res, 201, record);
}

export function deleteSenderName(res: ServerResponse, store: SimulatorStore, account: Account, sender: string): void {
  const before = account.senders.length;
  account.senders = account.senders.filter((s) => s.sender !== sender);
  if (account.senders.length === before) return restError(res, 404, 'not_found_sendername', `Sender name ${sender} not found`);
  store.changed();
  sendEmpty(res, 204);
}

export function makeDefaultSenderName(res: ServerResponse, store: SimulatorStore, account: Account, sender: string): void {
  const target = account.senders.find((s) => s.sender === sender);
  if (!target) return restError(res, 404, 'not_found_sendername', `Sender name ${sender} not found`);
  for (const s of account.senders) s.is_default = s === target;
  store.changed();
  sendEmpty(res, 204);
}

export function listBlacklist(res: ServerResponse, account: Account, params: Params): void {
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const limitParam = Number.parseInt(params.get('limit') ?? '', 10);
  const matching = account.blacklist.filter((e) => q === '' || e.phone_number.includes(q.replace(/\D/g, '')));
  const page = Number.isInteger(limitParam) && limitParam > 0 ? matching.slice(offset, offset + limitParam) : matching.slice(offset);
  sendJson(res, 200, { size: matching.length, collection: page });
}

export function addToBlacklist(res: ServerResponse, store: SimulatorStore, account: Account, params: Params, now: Date): void {
  const submitted = params.get('phone_number') ?? '';
  const number = toInternationalNumber(submitted);
  if (number === null) {
    return sendJson(res, 400, {
      message: 'Invalid phone number',
      error: 'invalid_request_data',
      developer_description: null,
      errors: [{ message: 'Invalid phone number', error: 'invalid_phone_number', path: 'phone_number', value: submitted }],
    });
  }
  const expireAt = params.get('expire_at') || null;
  if (expireAt !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expireAt)) {
    return restError(res, 400, 'invalid_request_data', 'expire_at must be a date, e.g. 2030-12-31');
  }
  const existing = account.blacklist.find((e) => e.phone_number === number);
  if (existing) {
    existing.expire_at = expireAt;
    store.changed();
    return sendJson(res, 201, existing);
  }
  const entry = { id: newObjectId(), phone_number: number, expire_at: expireAt, created_at: now.toISOString() };
  account.blacklist.push(entry);
  store.changed();
  sendJson(res, 201, entry);
}

/** DELETE /blacklist/phone_numbers[?phone_number=...]: without a number the whole list is cleared. */
export function removeFromBlacklist(res: ServerResponse, store: SimulatorStore, account: Account, params: Params): void {
  const submitted = params.get('phone_number');
  if (submitted === undefined || submitted === '') {
    account.blacklist = [];
  } else {
    const number = toInternationalNumber(submitted) ?? submitted;
    account.blacklist = account.blacklist.filter((e) => e.phone_number !== number);
  }
  store.changed();
  sendEmpty(res, 204);
}

export function removeBlacklistEntry(res: ServerResponse, store: SimulatorStore, account: Account, id: string): void {
  const before = account.blacklist.length;
  account.blacklist = account.blacklist.filter((e) => e.id !== id);
  if (account.blacklist.length === before) return restError(res, 404, 'not_found', `Blacklist entry ${id} not found`);
  store.changed();
  sendEmpty(res, 204);
}
