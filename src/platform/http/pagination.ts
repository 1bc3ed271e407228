import { UUID_RE } from '../db/ids.js';
import { validation } from './errors.js';

/**
 * Cursor pagination (issue 2): a list is sorted by a unique key, the cursor is the last row's key
 * (base64url JSON, opaque to clients) and the next page starts after it, so pages neither skip nor
 * repeat rows while others write. Lists fetch `limit + 1` rows; `pageOf` turns that into a page.
 */
export const invalidCursor = () => validation([{ field: 'querystring.cursor', code: 'invalid_cursor', messageKey: 'field.invalid_cursor' }]);

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeKey(cursor: string, parts: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    /* not JSON: refused below */
  }
  throw invalidCursor();
}

/** A cursor holding one key that must match `shape` (a UUID by default). */
export function decodeCursor(cursor: string, shape: RegExp = UUID_RE): string {
  const [key] = decodeKey(cursor, 1);
  if (!shape.test(key!)) throw invalidCursor();
  return key!;
}

/** A cursor of a newest-first list: the last row's time and id (the id breaks ties). */
export function decodeTimeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = decodeKey(cursor, 2);
  const at = new Date(iso!);
  if (!UUID_RE.test(id!) || Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id: id! };
}

export const encodeTimeCursor = (at: Date, id: string) => encodeCursor([at.toISOString(), id]);

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor to the next one. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]!) };
}
