/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON. Keyset (not
 * offset) pagination keeps pages stable while rows are added and stays fast deep into a list.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key, or null when the cursor is not one we issued with that many parts. */
export function decodeCursor(cursor: string, parts: number): string[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === parts && value.every((v) => typeof v === 'string')) {
      return value;
    }
  } catch {
    // fall through: not a cursor of ours
  }
  return null;
}

/** A cursor this list did not issue (another list's, another sort's, or made up): a 400, not a 500. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}
