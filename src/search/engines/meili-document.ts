import { unspscLevel } from '../../classification/unspsc-code';
import { attributeFacets } from '../attribute-facets';
import { isEcoLabelled } from '../../catalogues/eco-label';
import { normaliseUnits } from './search-text';

/**
 * What the Meilisearch engine sends and reads besides its settings, pure (meili-document.spec.ts):
 * the document of a catalogue row, the query text, the score threshold and the relaxation.
 */

/** A catalogue row as the engine selects it (meilisearch.engine.ts, addVersionDocuments). */
export interface MeiliSourceRow {
  id: string;
  versionId: number;
  agreementId: number;
  supplierId: number;
  mandatory: boolean;
  sellerItemId: string;
  name: string;
  description: string | null;
  unspscCode: string;
  price: number;
  priceText: string;
  currency: string;
  vatRate: string;
  unitCode: string;
  gtin: string | null;
  manufacturer: string | null;
  attributes: Record<string, string> | null;
  validFrom: string | null;
  validTo: string | null;
  categoryText: string | null;
}

/** An item's validity dates as filterable numbers (YYYYMMDD); no limit is the smallest or largest day. */
export const meiliDay = (date: string | null | undefined, none: 'first' | 'last'): number => (date ? Number(date.replace(/-/g, '')) : none === 'first' ? 0 : 99991231);

/** The text with units normalised, or undefined when that changes nothing (the field is then left out). */
const unitsVariant = (text: string | null): string | undefined => {
  if (!text) return undefined;
  const normalised = normaliseUnits(text);
  return normalised === text ? undefined : normalised;
};

/**
 * The document of one row. Name and description stay as written (they are shown and
 * highlighted); where units normalise differently (27" → 27 tommer, 80g → 80 g, as the query is
 * normalised: meiliQueryText) the normalised text is a searchable field of its own right after
 * them (nameUnits, descriptionUnits). The attribute values are only searched, so they are
 * normalised in place. Flags that rank or sort are numbers (0/1): Meilisearch sorts numbers and
 * strings, not booleans.
 */
export function meiliDocument(r: MeiliSourceRow) {
  const attributeText = Object.values(r.attributes ?? {}).join(' ');
  return {
    id: r.id,
    versionId: r.versionId,
    agreementId: r.agreementId,
    supplierId: r.supplierId,
    mandatory: r.mandatory ? 1 : 0,
    sellerItemId: r.sellerItemId,
    name: r.name,
    nameUnits: unitsVariant(r.name),
    description: r.description,
    descriptionUnits: unitsVariant(r.description),
    unspscCode: r.unspscCode,
    price: r.price,
    priceText: r.priceText,
    currency: r.currency,
    vatRate: r.vatRate,
    unitCode: r.unitCode,
    gtin: r.gtin,
    manufacturer: r.manufacturer,
    attributes: r.attributes,
    categoryText: r.categoryText,
    validFrom: meiliDay(r.validFrom, 'first'),
    validTo: meiliDay(r.validTo, 'last'),
    segmentCode: r.unspscCode.slice(0, 2) + '000000',
    familyCode: unspscLevel(r.unspscCode) >= 2 ? r.unspscCode.slice(0, 4) + '0000' : null,
    classCode: unspscLevel(r.unspscCode) >= 3 ? r.unspscCode.slice(0, 6) + '00' : null,
    attrFacets: attributeFacets(r.attributes),
    attributeText: normaliseUnits(attributeText),
    ecoLabelled: isEcoLabelled(r.attributes) ? 1 : 0,
  };
}

/** The text sent to Meilisearch: units normalised as in the documents ("27\"" → "27 tommer"); the rest is Meilisearch's own (case, accents). */
export const meiliQueryText = (text: string | undefined): string => normaliseUnits(text ?? '').trim();

/** Meilisearch reads at most this many words of a query (its documented limit; the PostgreSQL engine's is the same). */
const MEILI_MAX_WORDS = 10;

/** The query's words as Meilisearch counts them: split at anything not a letter or digit. */
export const meiliQueryWords = (sent: string): string[] =>
  sent
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MEILI_MAX_WORDS);

/**
 * The smallest ranking score a hit needs, for a query of `words` words: MIN_SCORE_SHARE of one
 * word's share. A ranking score is a mixed-radix number over the rules in order (words first: a
 * hit matching k of n words scores in ((k-1)/n, k/n]), so every hit matching two words or more
 * passes, and so do relaxed searches (words given up from the end), and what is cut is a hit
 * matching the first word only, and that weakly: after the typo rule (a ≥ 5-letter word: one
 * typo allowed, two from 9) and the field rule (name first, the UNSPSC titles last) it falls
 * below the share. So a typo found only in an English title (and, near the share, in an
 * attribute value), or two typos found only outside the name, is no answer, roughly as the
 * PostgreSQL engine's confidence has it (typos count in names and descriptions only there); an
 * exact word, or one typo in the name, always is. Not yet measured against a server (the
 * contract's Meilisearch run). rankingScoreThreshold is Meilisearch ≥ 1.9.
 */
export const MIN_SCORE_SHARE = 0.2;
export const meiliScoreThreshold = (sent: string): number | undefined => {
  const n = meiliQueryWords(sent).length;
  return n ? MIN_SCORE_SHARE / n : undefined;
};

/** The words rule's part of a hit's `_rankingScoreDetails`. */
export interface MeiliWordsDetail {
  matchingWords: number;
  maxMatchingWords: number;
}

/**
 * Whether the search gave up words, and which, from the best hit of the whole result (page 1's
 * first: the words rule ranks first, so no later hit matched more words), never from the page
 * shown. With matchingStrategy "last" the words given up are the last ones of the text sent.
 */
export function meiliRelaxation(sent: string, best: MeiliWordsDetail | undefined): { relaxed: boolean; droppedWords: string[] } {
  if (!best || best.matchingWords >= best.maxMatchingWords) return { relaxed: false, droppedWords: [] };
  const words = meiliQueryWords(sent);
  const dropped = Math.min(words.length, best.maxMatchingWords - best.matchingWords);
  return { relaxed: true, droppedWords: dropped ? words.slice(words.length - dropped) : [] };
}
