// The opaque cursors of the admin lists: one codec for offset cursors, one zod field for every list query, and one
// refusal (400 CURSOR_INVALID) for anything that is not a cursor this app handed out.
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
 * contract: a Lambda bundle that only decodes cursors drops it.
 */
export const CursorField = /* @__PURE__ */ z.optional(
  z.string().check(
    z.refine((v) => SHAPE.test(v), {
      message: 'to nie jest wartość z poprzedniej strony tej listy / not a cursor from this list',
      params: { code: 'CURSOR_INVALID' },
    }),
    // A refinement is invisible to JSON Schema: the pattern is stated for the OpenAPI document.
    z.meta({ pattern: SHAPE.source }),
  ),
);

export const encodeOffsetCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

/** 0 without a cursor; the offset of a cursor made by encodeOffsetCursor; CURSOR_INVALID for anything else. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown } | null)?.o;
  } catch {
    throw cursorInvalid();
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw cursorInvalid();
  return offset;
}

/**
 * A key cursor (the error log pages by sort key): the decoded key must begin with `prefix` and hold only the
 * characters such keys have, so a forged cursor can neither leave the list nor crash the query.
 */
export function assertKeyCursor(cursor: string | undefined, prefix: string): void {
  if (cursor === undefined) return;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key.startsWith(prefix) || !/^[A-Za-z0-9#:._-]{1,300}$/.test(key) || Buffer.from(key).toString('base64url') !== cursor) {
    throw cursorInvalid();
  }
}
