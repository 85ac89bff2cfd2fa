/**
 * SQL for "this organisation and every organisation above it" (a school takes part in its
 * municipality's agreements). Use as a subquery: `organisation_id IN (${selfAndAncestorsSql('$1')})`.
 * The depth bound guards against a cycle in parent links.
 */
export const selfAndAncestorsSql = (param: string) =>
  `WITH RECURSIVE up AS (SELECT id, parent_id, 0 AS depth FROM organisation WHERE id = ${param}
     UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
   SELECT id FROM up`;

/**
 * SQL for "this organisation and every organisation below it" (a municipality's accounts payable
 * handles its schools' invoices). Use as a subquery, like selfAndAncestorsSql.
 */
export const selfAndDescendantsSql = (param: string) =>
  `WITH RECURSIVE down AS (SELECT id, 0 AS depth FROM organisation WHERE id = ${param}
     UNION ALL SELECT o.id, down.depth + 1 FROM organisation o JOIN down ON o.parent_id = down.id WHERE down.depth < 20)
   SELECT id FROM down`;
