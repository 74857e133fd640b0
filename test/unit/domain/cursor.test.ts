// The admin lists' cursors: what a list hands out comes back as the same position; anything else a client sends is
// refused with 400 CURSOR_INVALID naming the field, never a crash or a page from elsewhere.
import { decodeCursor, decodeKeyCursor, decodeOffsetCursor, encodeCursor, encodeKeyCursor, encodeOffsetCursor } from '#domain/cursor';

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return {
      status: (error as { status?: number }).status,
      code: (error as { code?: string }).code,
      field: (error as { field?: string }).field,
    };
  }
  return 'accepted';
};
const invalid = { status: 400, code: 'CURSOR_INVALID', field: 'cursor' };
const isPair = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

describe('cursors', () => {
  it('give back the position they were made from', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(40))).toBe(40);
    expect(decodeOffsetCursor(undefined)).toBe(0);
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']), isPair)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(decodeKeyCursor(encodeKeyCursor('ERR#2026-01-01T00:00:00.000Z#x1'), 'ERR#')).toBe('ERR#2026-01-01T00:00:00.000Z#x1');
  });

  it.each([
    ['not base64url JSON', () => decodeOffsetCursor('nonsense')],
    ['a negative offset', () => decodeOffsetCursor(encodeOffsetCursor(-1))],
    ["another list's cursor", () => decodeOffsetCursor(encodeCursor(['a', 'b']))],
    ['a value of the wrong shape', () => decodeCursor(encodeCursor({ o: 1 }), isPair)],
    ['a key outside the list', () => decodeKeyCursor(encodeKeyCursor('JOB#123'), 'ERR#')],
    ['a key with characters keys never have', () => decodeKeyCursor(encodeKeyCursor('ERR#"}'), 'ERR#')],
  ])('refuse %s', (_, run) => {
    expect(refused(run)).toEqual(invalid);
  });
});
