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

export interface TreeCounts {
  counts: ReadonlyMap<string, number>;
  /** By level (1 segment, 2 family, 3 class): whether the level's list is whole, so a code missing from it has no hits. */
  whole: Readonly<Record<number, boolean>>;
}

/**
 * The tree's counts from the search answer's own facets (segment, family and class, 8-digit codes
 * padded with zeros), so they follow the typed text and the other filters; the server counts them
 * without the UNSPSC filter, so a ticked category leaves its neighbours counted. A level's list
 * `valuesCap` long (the engine's cap, served with the facets) may have been cut, and a code missing
 * from it may still have hits. Undefined facets (no answer yet) give no counts at all.
 */
export function treeCounts(
  facets:
    | {
        segment: readonly { value: string; count: number }[];
        family: readonly { value: string; count: number }[];
        class: readonly { value: string; count: number }[];
        valuesCap: number;
      }
    | undefined,
): TreeCounts | undefined {
  if (!facets) return undefined;
  const levels = [facets.segment, facets.family, facets.class];
  const counts = new Map(levels.flatMap((l) => l.map((v): [string, number] => [v.value, v.count])));
  const whole: Record<number, boolean> = {};
  levels.forEach((l, i) => (whole[i + 1] = l.length < facets.valuesCap));
  return { counts, whole };
}

/** A node's count in the current search: a number, or undefined when not known (no answer yet, or the level's list was cut). */
export function countOf(tree: TreeCounts | undefined, code: string): number | undefined {
  if (!tree) return undefined;
  const n = tree.counts.get(code);
  if (n !== undefined) return n;
  return tree.whole[unspscLevel(code)] ? 0 : undefined;
}

/**
 * Whether the tree lists a node: the caller may buy something under it (`itemCount`, from
 * unspscChildren) and the search has hits under it, or its count is not known; a ticked node, and
 * the way down to one, is always listed, so it can be unticked where it was ticked.
 */
export function nodeShown(node: { code: string; itemCount: number }, count: number | undefined, chosen: readonly string[]): boolean {
  if (chosen.some((c) => c === node.code || unspscAncestors(c).includes(node.code))) return true;
  return node.itemCount > 0 && count !== 0;
}
