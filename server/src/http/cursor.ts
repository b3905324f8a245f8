import { AppError } from './app-error';

/**
 * Keyset paging cursors: the last row's sort key, base64url-encoded JSON. Opaque to clients,
 * checked on the way back in so a tampered cursor is a 400, not a 500.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, 'string' | 'number'>>(
  cursor: string | undefined,
  shape: K,
): { [P in keyof K]: K[P] extends 'number' ? number : string } | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const ok =
    typeof value === 'object' &&
    value !== null &&
    Object.entries(shape).every(([key, type]) => typeof (value as Record<string, unknown>)[key] === type);
  if (!ok) throw new AppError('VALIDATION_FAILED', 'the cursor is not one this API gave out', [{ path: 'query.cursor', issue: 'invalid cursor' }]);
  return value as never;
}

/** Takes one row more than the page to know whether another page follows. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
