// The opaque cursors of the admin lists, in one codec: value, offset and sort-key cursors, one zod field for every list
// query, and one refusal (400 CURSOR_INVALID) for anything that is not a cursor this app handed out.
import * as z from 'zod/mini';
import { badRequest } from './errors';

const SHAPE = /^[A-Za-z0-9_-]{1,400}$/;

export const cursorInvalid = () =>
  badRequest(
    'CURSOR_INVALID',
    'cursor: to nie jest wartość z poprzedniej strony tej listy — wczytaj listę od początku / not a cursor from this list: load the list from the start',
    'cursor',
  );

/**
 * The `cursor` query field: base64url up to 400 characters; anything else is refused with CURSOR_INVALID. zod/mini, as every
 * contract: a Lambda bundle that only decodes cursors drops it (a pure IIFE: a `@__PURE__` call alone still keeps
 * its arguments, zod's calls).
 */
export const CursorField = /* @__PURE__ */ (() =>
  z.optional(
    z.string().check(
      z.refine((v) => SHAPE.test(v), {
        message: 'to nie jest wartość z poprzedniej strony tej listy / not a cursor from this list',
        params: { code: 'CURSOR_INVALID' },
      }),
      // A refinement is invisible to JSON Schema: the pattern is stated for the OpenAPI document.
      z.meta({ pattern: SHAPE.source }),
    ),
  ))();

/** A cursor holding any JSON value (a list's position): opaque to the client, base64url. */
export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The value of a cursor made by encodeCursor when `isValue` accepts it; CURSOR_INVALID for anything else. */
export function decodeCursor<T>(cursor: string, isValue: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorInvalid();
  }
  if (!isValue(value)) throw cursorInvalid();
  return value;
}

const isOffset = (value: unknown): value is { o: number } => {
  const o = (value as { o?: unknown } | null)?.o;
  return typeof o === 'number' && Number.isSafeInteger(o) && o >= 0;
};

export const encodeOffsetCursor = (offset: number) => encodeCursor({ o: offset });

/** 0 without a cursor; the offset of a cursor made by encodeOffsetCursor; CURSOR_INVALID for anything else. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  return cursor === undefined ? 0 : decodeCursor(cursor, isOffset).o;
}

/** A key cursor: a list that pages by sort key hands out the last key it read (the error log). */
export const encodeKeyCursor = (key: string) => Buffer.from(key).toString('base64url');

/**
 * The sort key in a key cursor: it must begin with `prefix` and hold only the characters such keys have, so a forged
 * cursor can neither leave the list nor crash the query; CURSOR_INVALID otherwise.
 */
export function decodeKeyCursor(cursor: string, prefix: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key.startsWith(prefix) || !/^[A-Za-z0-9#:._-]{1,300}$/.test(key) || encodeKeyCursor(key) !== cursor) {
    throw cursorInvalid();
  }
  return key;
}

/** Refuses (CURSOR_INVALID) a key cursor that decodeKeyCursor would refuse; no cursor is fine. */
export function assertKeyCursor(cursor: string | undefined, prefix: string): void {
  if (cursor !== undefined) decodeKeyCursor(cursor, prefix);
}
