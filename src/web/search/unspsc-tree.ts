/**
 * The UNSPSC facet's tree, pure: a code's level, its ancestors (read off the code itself:
 * 44121618 → 44000000, 44120000, 44121600), and which nodes open at first so that a filter from
 * the URL shows where it sits. Unit-tested.
 */
export const MAX_FACET_LEVEL = 3; // segment → family → class; commodities are too many to list

export function unspscLevel(code: string): number {
  if (code.endsWith('000000')) return 1;
  if (code.endsWith('0000')) return 2;
  if (code.endsWith('00')) return 3;
  return 4;
}

/** The codes above this one, from the segment down (not the code itself). */
export function unspscAncestors(code: string): string[] {
  const level = unspscLevel(code);
  const out: string[] = [];
  for (let l = 1; l < level; l++) out.push(code.slice(0, l * 2).padEnd(8, '0'));
  return out;
}

/** The nodes to open at first: every ancestor of a chosen code. */
export function initiallyOpen(chosen: readonly string[]): Set<string> {
  return new Set(chosen.flatMap(unspscAncestors));
}
