/**
 * Which items carry an eco-label (Svanemerket, EU Ecolabel, TCO Certified, FSC, Møbelfakta, …):
 * those with a value, other than one saying "none", in an attribute of these names (as the
 * attribute facets store them: lower case). The value itself is not judged, any label counts.
 * One rule, pure, kept with the catalogue item it describes: search breaks ties towards these
 * items when the buyer asks (`preferEcoLabelled`), and ordering snapshots the flag with each line
 * (`PurchasableItem.ecoLabelled`) for insights' eco-labelled spend.
 */
export const ECO_LABEL_ATTRIBUTES = ['ecolabel', 'eco-label', 'eco_label', 'miljømerke', 'miljomerke', 'miljømerking'] as const;
const NO_LABEL = ['', '-', 'nei', 'no', 'ingen', 'none'];

export function isEcoLabelled(attributes: Record<string, string> | null | undefined): boolean {
  return Object.entries(attributes ?? {}).some(
    ([name, value]) =>
      (ECO_LABEL_ATTRIBUTES as readonly string[]).includes(name.toLowerCase()) &&
      !NO_LABEL.includes(
        String(value ?? '')
          .trim()
          .toLowerCase(),
      ),
  );
}

const sqlList = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

/** The same test in SQL over a row's attribute facets ("name=value", lower case); the lists are constants, never input. */
export const ECO_LABEL_SQL = (facets: string) =>
  `EXISTS (SELECT 1 FROM unnest(${facets}) f WHERE split_part(f, '=', 1) = ANY(${sqlList(ECO_LABEL_ATTRIBUTES)}) AND btrim(substr(f, strpos(f, '=') + 1)) <> ALL(${sqlList(NO_LABEL)}))`;
