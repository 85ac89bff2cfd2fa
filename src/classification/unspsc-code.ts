/** Pure helpers for the positional UNSPSC hierarchy (Segment > Family > Class > Commodity). */

export type UnspscLevel = 1 | 2 | 3 | 4;

export const isUnspscCode = (code: string) => /^\d{8}$/.test(code);

/** 1 segment (xx000000), 2 family (xxxx0000), 3 class (xxxxxx00), 4 commodity. */
export function unspscLevel(code: string): UnspscLevel {
  if (code.endsWith('000000')) return 1;
  if (code.endsWith('0000')) return 2;
  if (code.endsWith('00')) return 3;
  return 4;
}

export function unspscParent(code: string): string | null {
  const level = unspscLevel(code);
  if (level === 1) return null;
  const keep = (level - 1) * 2;
  return code.slice(0, keep).padEnd(8, '0');
}

/** The significant digits: a code covers every code that starts with its prefix. */
export const unspscPrefix = (code: string) => code.slice(0, unspscLevel(code) * 2);

/** The first and last code of the node's subtree ("44120000" → 44120000..44129999), for range look-ups. */
export function unspscRange(code: string): [string, string] {
  const prefix = unspscPrefix(code);
  return [prefix.padEnd(8, '0'), prefix.padEnd(8, '9')];
}

/** The codes of the node and its ancestors, segment first. */
export function unspscPath(code: string): string[] {
  const path: string[] = [];
  for (let c: string | null = code; c; c = unspscParent(c)) path.unshift(c);
  return path;
}

/** Whether `code` lies in the subtree of `scope` (a code covers itself). */
export const unspscCovers = (scope: string, code: string) => code.startsWith(unspscPrefix(scope));

/** Cells such as " 43211503" or "43211503.0" (a spreadsheet number) as the 8-digit code text. */
export const normaliseUnspsc = (raw: string) => raw.trim().replace(/\.0+$/, '');
