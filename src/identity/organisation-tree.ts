/**
 * SQL for "this organisation and every organisation above it" (a school takes part in its
 * municipality's agreements). Use as a subquery: `organisation_id IN (${selfAndAncestorsSql('$1')})`.
 * Rows come nearest first (the organisation itself, then its parent, …): callers that take the
 * nearest setting (an invoice match policy) rely on it. The depth bound guards against a cycle in
 * parent links.
 */
export const selfAndAncestorsSql = (param: string) =>
  `WITH RECURSIVE up AS (SELECT id, parent_id, 0 AS depth FROM organisation WHERE id = ${param}
     UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
   SELECT id FROM up ORDER BY depth`;

/**
 * The tops of a set of organisations that holds whole subtrees: the members whose parent is not
 * a member. The set is the disjoint union of the tops' subtrees.
 */
export function subtreeTops(rows: readonly { id: number; parentId: number | null }[]): number[] {
  const members = new Set(rows.map((r) => r.id));
  return rows.filter((r) => r.parentId === null || !members.has(r.parentId)).map((r) => r.id);
}
