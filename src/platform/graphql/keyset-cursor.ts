import { badInput } from '../errors/domain-error';
import type { Connection } from './connection';

/**
 * Keyset cursors: the sort key of the last item seen (e.g. name and id), opaque to clients. The
 * next page starts after that key, not after a position, so items added or removed between pages
 * neither repeat nor skip others.
 */
export type KeysetValue = string | number;

export function encodeKeyset(key: readonly KeysetValue[]): string {
  return Buffer.from(`k:${JSON.stringify(key)}`, 'utf8').toString('base64url');
}

/**
 * The key in `after`, checked against the shape the list sorts by ('string' or 'int' per
 * column); undefined without a cursor. Anything else is bad input on `after`, never a 500.
 */
export function decodeKeyset(after: string | undefined | null, shape: readonly ('string' | 'int')[]): KeysetValue[] | undefined {
  if (!after) return undefined;
  const refuse = () => {
    const shown = after.length > 40 ? `${after.slice(0, 40)}…` : after;
    return badInput(`after: "${shown}" is not a cursor from this list (pass a pageInfo.endCursor or an edge's cursor)`, { field: 'after' });
  };
  const text = Buffer.from(after, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || text.length > 2000) throw refuse();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(2));
  } catch {
    throw refuse();
  }
  const fits = Array.isArray(key) && key.length === shape.length && key.every((v, i) => (shape[i] === 'string' ? typeof v === 'string' : Number.isSafeInteger(v) && v >= 0 && v <= 2_147_483_647));
  if (!fits) throw refuse();
  return key as KeysetValue[];
}

/** A page read with `first + 1` rows (the extra one tells whether more follow) as a connection. */
export function keysetConnection<T>(rows: T[], first: number, totalCount: number, keyOf: (row: T) => KeysetValue[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeKeyset(keyOf(node)) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
