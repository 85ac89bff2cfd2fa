import { attributeFacets } from '../search/attribute-facets';

/**
 * Which items carry an eco-label (Svanemerket, EU Ecolabel, TCO Certified, FSC, Møbelfakta, …):
 * those with a value, other than one saying "none", in an attribute of these names (as the
 * attribute facets store them: lower case). The value itself is not judged, any label counts.
 * One rule, pure, kept with the catalogue item it describes: search breaks ties towards these
 * items when the buyer asks (`preferEcoLabelled`), and ordering snapshots the flag with each line
 * (`PurchasableItem.ecoLabelled`) for insights' eco-labelled spend.
 *
 * It is said twice, in JS (the Meilisearch documents) and in SQL (PostgreSQL search, the item as
 * bought), both over the stored facets ("name=value"): a value that is null is stored as "null",
 * so "null" says none, and both trim the same blanks (JS's trim() knows more than SQL's btrim).
 * test/eco-label.e2e-spec.ts feeds the same cases to both.
 */
export const ECO_LABEL_ATTRIBUTES = ['ecolabel', 'eco-label', 'eco_label', 'miljømerke', 'miljomerke', 'miljømerking'] as const;
const NO_LABEL = ['', '-', 'nei', 'no', 'ingen', 'none', 'null'];
const BLANKS = [' ', '\t', '\n', '\r', '\f', '\v', '\u00a0'];

const trimBlanks = (s: string): string => {
  let from = 0;
  let to = s.length;
  while (from < to && BLANKS.includes(s[from])) from++;
  while (to > from && BLANKS.includes(s[to - 1])) to--;
  return s.slice(from, to);
};

/** One stored facet as ECO_LABEL_SQL reads it: the name before the first "=", the value after it (the whole facet for both when it has none). */
function isEcoLabelFacet(facet: string): boolean {
  const at = facet.indexOf('=');
  const [name, value] = at < 0 ? [facet, facet] : [facet.slice(0, at), facet.slice(at + 1)];
  return (ECO_LABEL_ATTRIBUTES as readonly string[]).includes(name) && !NO_LABEL.includes(trimBlanks(value));
}

export function isEcoLabelled(attributes: Record<string, unknown> | null | undefined): boolean {
  return attributeFacets(attributes).some(isEcoLabelFacet);
}

const sqlList = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
const sqlBlanks = BLANKS.map((c) => `chr(${c.codePointAt(0)})`).join(' || ');

/** The same test in SQL over a row's attribute facets ("name=value", lower case); the lists are constants, never input. */
export const ECO_LABEL_SQL = (facets: string) =>
  `EXISTS (SELECT 1 FROM unnest(${facets}) f WHERE split_part(f, '=', 1) = ANY(${sqlList(ECO_LABEL_ATTRIBUTES)}) AND btrim(substr(f, strpos(f, '=') + 1), ${sqlBlanks}) <> ALL(${sqlList(NO_LABEL)}))`;
