import { isUnspscCode, normaliseUnspsc, unspscLevel, unspscParent } from './unspsc-code';
import { TabularRow } from '../platform/files/tabular-reader';

/** The columns of the official code-set layout, after header normalisation, with accepted synonyms. */
const COLUMNS = {
  segment: ['segment', 'segmentcode'],
  segmentTitle: ['segmenttitle', 'segmentname', 'segmentdescription'],
  family: ['family', 'familycode'],
  familyTitle: ['familytitle', 'familyname', 'familydescription'],
  class: ['class', 'classcode'],
  classTitle: ['classtitle', 'classname', 'classdescription'],
  commodity: ['commodity', 'commoditycode'],
  commodityTitle: ['commoditytitle', 'commodityname', 'commoditydescription'],
} as const;

type Column = keyof typeof COLUMNS;
/** Column → its index in the row. */
export type UnspscColumnMap = Record<Column, number>;

/** Maps the file's headers onto the eight columns, or says which are missing. */
export function mapUnspscHeaders(headers: string[]): UnspscColumnMap {
  const map = {} as UnspscColumnMap;
  const missing: string[] = [];
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const found = names.find((n) => headers.includes(n));
    if (found) map[column] = headers.indexOf(found);
    else missing.push(names[0]);
  }
  if (missing.length)
    throw new Error(`The UNSPSC file lacks the column(s) ${missing.join(', ')} (expected: segment, segment title, family, family title, class, class title, commodity, commodity title)`);
  return map;
}

export interface UnspscNodeRow {
  code: string;
  level: number;
  title: string;
  parentCode: string | null;
}

/**
 * Collects the nodes of one commodity row (its segment, family, class and the commodity itself)
 * into `nodes`, keyed by code. Returns a problem text for a row it cannot use.
 */
export function collectUnspscRow(row: TabularRow, map: UnspscColumnMap, nodes: Map<string, UnspscNodeRow>): string | null {
  const pairs: [string, string][] = [
    [row.values[map.segment], row.values[map.segmentTitle]],
    [row.values[map.family], row.values[map.familyTitle]],
    [row.values[map.class], row.values[map.classTitle]],
    [row.values[map.commodity], row.values[map.commodityTitle]],
  ];
  for (const [rawCode, rawTitle] of pairs) {
    const code = normaliseUnspsc(rawCode ?? '');
    if (!code) continue; // rows for higher levels leave lower columns empty
    if (!isUnspscCode(code)) return `line ${row.line}: "${rawCode}" is not an 8-digit UNSPSC code`;
    const title = (rawTitle ?? '').replace(/\s+/g, ' ').trim();
    if (!title) return `line ${row.line}: code ${code} has no title`;
    nodes.set(code, { code, level: unspscLevel(code), title, parentCode: unspscParent(code) });
  }
  return null;
}
