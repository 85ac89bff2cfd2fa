/**
 * Query text → the PostgreSQL tsqueries a search ranks by. Words reach the tsquery only after
 * normalisation to [a-z0-9], so nothing a user types is ever parsed as tsquery syntax.
 *
 * The text is read as groups (a word, or a phrase of the synonym list), each with its terms: what
 * was typed and its synonyms. Every term word comes back from the word list with its expansions
 * and their kinds (migration SearchRelevanceFields): the word itself, its Norwegian and English
 * stems, compounds containing it, typos, merely similar words. From them each group gets one
 * tsquery per match class, cumulative — exact, + stem, + compound part, + typo, + similar — so
 * the engine can tell how well an item matched each group, and where (the document's weights:
 * A the name's words, B the description's, C UNSPSC titles, attribute values and manufacturer,
 * D the Norwegian stems of name and description).
 *
 * Compound parts come from the catalogue's own words (a word containing the query word or its
 * stem), not from a hunspell dictionary: measured on the judged sets, nb_NO's parts lost relevance
 * instead of the vocabulary's and cost the no-answer target beside it (test/bench/README.md,
 * 2026-12-02 "hunspell decompounding").
 */
import { SYNONYM_SETS } from '../synonyms';

const SAFE_WORD = /^[a-z0-9]+$/;
/** At most this many words of a query are searched. */
const MAX_WORDS = 10;
const MAX_PHRASE = 3;

/** How well a group matched an item, best first: the engine ranks by these. */
export enum MatchClass {
  Exact = 4,
  Stem = 3,
  Part = 2,
  Typo = 1,
  Similar = 0,
}

/** Expansion kinds from torg_expand_words. */
const KIND = { itself: 6, stem: 5, englishStem: 4, contains: 3, typo: 2, similar: 1 } as const;

/** One query word and the index words it may stand for, with their kinds (KIND). */
export interface WordExpansions {
  word: string;
  expansions: string[];
  kinds: number[];
}

/** A word or phrase of the query, and what it may also be written as (synonyms). */
export interface QueryGroup {
  /** As typed (folded), e.g. "copy paper". */
  label: string;
  /** The typed words first, then each synonym's words. */
  terms: string[][];
  /** Terms whose words must stand next to each other, in order (a split spelling: "wall paper" of "wallpaper"). */
  adjacent?: number[];
}

/** One tsquery alternative: a lexeme, where it may match and how good a match it is. */
interface Alternative {
  lexeme: string;
  prefix: boolean;
  /** The document weights it may match in ('ABCD': anywhere). */
  weights: string;
  cls: MatchClass;
}

export interface GroupQueries {
  label: string;
  /** tsquery text per class, index = MatchClass: matching `byClass[c]` means a match of class c or better; null when none. */
  byClass: (string | null)[];
  /** The same restricted to the primary fields: the name, UNSPSC titles, attributes and manufacturer (weights A and C). */
  primaryByClass: (string | null)[];
}

/** Lower case, Norwegian/Danish letters folded the way unaccent folds them, units normalised, split into words. */
export function queryWords(text: string): string[] {
  return [...new Set(foldedWords(text))].slice(0, MAX_WORDS);
}

/**
 * Units as the search reads them, in any text (both engines: the query, and the Meilisearch
 * documents; the PostgreSQL document does the same in SQL, migration SearchRelevanceFields):
 * 27" and 27'' are inches ("27 tommer"), and a number glued to its unit is two words (80g = 80 g).
 */
export const normaliseUnits = (text: string): string => text.replace(/(\d)\s*(["”″]|'')/g, '$1 tommer ').replace(/(\d)(\p{L})/gu, '$1 $2');

function foldedWords(text: string): string[] {
  return normaliseUnits(fold(text))
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function fold(text: string) {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A phrase as the search reads it: folded words joined by one space ("" when it has no word). */
export const foldedPhrase = (text: string) => foldedWords(text).join(' ');

/** The most words a synonym phrase may have: longer phrases are never read as one group. */
export const MAX_SYNONYM_WORDS = MAX_PHRASE;

/** An organisation's synonym group (search_synonym_group): folded phrases; one-way: only the first searches for the others. */
export interface SynonymGroup {
  terms: string[];
  oneWay: boolean;
}

/** Phrase (folded words joined by a space) → the other phrases it also searches for. */
function synonymIndex(sets: readonly (readonly string[])[], extra: readonly SynonymGroup[] = []): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (from: string, to: string[]) => index.set(from, [...new Set([...(index.get(from) ?? []), ...to.filter((o) => o !== from)])]);
  for (const set of sets) {
    const phrases = set.map(foldedPhrase).filter((p) => p.length > 0);
    for (const p of phrases) add(p, phrases);
  }
  for (const g of extra) {
    const phrases = g.terms.map(foldedPhrase).filter((p) => p.length > 0);
    if (g.oneWay) add(phrases[0], phrases.slice(1));
    else for (const p of phrases) add(p, phrases);
  }
  return index;
}
const SYNONYMS = synonymIndex(SYNONYM_SETS);

/** An organisation's own groups alone (for an engine that holds the maintained list itself: Meilisearch). */
export const organisationSynonyms = (groups: readonly SynonymGroup[]): Map<string, string[]> => synonymIndex([], groups);

/** The maintained list with an organisation's own groups added (the maintained list alone when there are none). */
export const synonymsWith = (groups: readonly SynonymGroup[] | undefined): Map<string, string[]> => (groups?.length ? synonymIndex(SYNONYM_SETS, groups) : SYNONYMS);

/** The query's groups: the longest synonym phrase at each position, else the single word. */
export function queryGroups(text: string, synonyms: Map<string, string[]> = SYNONYMS): QueryGroup[] {
  const words = queryWords(text);
  const groups: QueryGroup[] = [];
  for (let i = 0; i < words.length;) {
    let len = Math.min(MAX_PHRASE, words.length - i);
    while (len > 1 && !synonyms.has(words.slice(i, i + len).join(' '))) len--;
    const label = words.slice(i, i + len).join(' ');
    groups.push({ label, terms: [words.slice(i, i + len), ...(synonyms.get(label) ?? []).map((p) => p.split(' '))] });
    i += len;
  }
  return groups;
}

/** Joined and split spellings are looked for in words of at least this length (parts: MIN_PART). */
const MIN_COMPOUND = 7;
const MIN_PART = 3;
const LETTERS = /^[a-z]+$/;
const single = (g: QueryGroup) => (g.terms[0].length === 1 && LETTERS.test(g.terms[0][0]) ? g.terms[0][0] : null);

/** Where a word may be split in two, each part at least MIN_PART letters. */
const splits = (w: string): [string, string][] => (w.length < MIN_COMPOUND ? [] : Array.from({ length: w.length - 2 * MIN_PART + 1 }, (_, i) => [w.slice(0, i + MIN_PART), w.slice(i + MIN_PART)]));

/**
 * The words that would make a joined or split spelling of the query ("wall paper" → "wallpaper",
 * "wallpaper" → "wall" + "paper"): each pair of neighbouring single words joined, and every
 * split of a single word into two. The engine asks which of them the index knows.
 */
export function compoundCandidates(groups: QueryGroup[]): string[] {
  const out = new Set<string>();
  groups.forEach((g, i) => {
    const w = single(g);
    if (!w) return;
    for (const [a, b] of splits(w)) out.add(a).add(b);
    const next = groups[i + 1] && single(groups[i + 1]);
    if (next && (w + next).length >= MIN_COMPOUND) out.add(w + next);
  });
  return [...out];
}

/**
 * The groups with the joined and split spellings the index knows (`known`): a word that is two
 * index words gets them as another term (both must match, next to each other and in order:
 * "wallpaper" finds "Wall paper", "oransjefarget" not "Farget … oransje"), and two
 * neighbouring words that are one index word become one group with it as another term ("wall
 * paper" finds "Wallpaper"; the group is then given up as one when the search relaxes).
 */
export function withCompoundSpellings(groups: QueryGroup[], known: ReadonlySet<string>): QueryGroup[] {
  const out: QueryGroup[] = [];
  for (let i = 0; i < groups.length; i++) {
    const w = single(groups[i]);
    const next = w && groups[i + 1] ? single(groups[i + 1]) : null;
    if (w && next && (w + next).length >= MIN_COMPOUND && known.has(w + next)) {
      out.push({ label: `${groups[i].label} ${groups[i + 1].label}`, terms: [[w, next], [w + next]] });
      i++;
      continue;
    }
    const parts = w ? splits(w).filter(([a, b]) => known.has(a) && known.has(b)) : [];
    const n = groups[i].terms.length;
    out.push(parts.length ? { ...groups[i], terms: [...groups[i].terms, ...parts], adjacent: parts.map((_, k) => n + k) } : groups[i]);
  }
  return out;
}

/** Every distinct word the groups' terms use: what the word list is asked to expand. */
export const termWords = (groups: QueryGroup[]) => [...new Set(groups.flatMap((g) => g.terms.flat()))];

/** A word's alternatives: exact forms, then its expansions by kind. */
function alternatives(word: string, found: WordExpansions | undefined, typed: boolean, lastTyped: boolean): Alternative[] {
  const alts: Alternative[] = [];
  const all = 'ABCD';
  const expansions = found?.expansions ?? [];
  const kinds = found?.kinds ?? [];
  const known = expansions[0] === word;
  // Short numbers ("2" in "1-phenyl-2-propanone", "80" in "80 g") match exactly: as prefixes they
  // would match nearly every item. PostgreSQL reads a number after a hyphen as signed ("-2"), so
  // that form is an alternative too. Longer numbers (item numbers, GTINs, codes) match as prefixes.
  if (/^\d{1,4}$/.test(word)) alts.push({ lexeme: word, prefix: false, weights: all, cls: MatchClass.Exact }, { lexeme: `'-${word}'`, prefix: false, weights: all, cls: MatchClass.Exact });
  else if (/^\d+$/.test(word)) alts.push({ lexeme: word, prefix: true, weights: all, cls: MatchClass.Exact });
  else if (SAFE_WORD.test(word)) {
    // The word as written; in the stems (D) it is only a stem of some other form ("skrivebord" of "skrivebordet").
    alts.push({ lexeme: word, prefix: false, weights: 'ABC', cls: MatchClass.Exact }, { lexeme: word, prefix: false, weights: 'D', cls: MatchClass.Stem });
    // The last word typed, when the index does not know it, is also a prefix: the word being typed ("kopip").
    if (lastTyped && !known) alts.push({ lexeme: word, prefix: true, weights: 'AB', cls: MatchClass.Part });
  }
  expansions.forEach((e, i) => {
    if (!SAFE_WORD.test(e) || e === word) return;
    const kind = kinds[i];
    // A synonym is a word someone chose: its stems and compounds count, its typo neighbours do not.
    if (!typed && kind <= KIND.typo) return;
    // Typos and parts match in names and descriptions only: a near miss of a manufacturer's name
    // ("kontorstl" ~ "Kontorland") says nothing about the product.
    if (kind === KIND.itself) alts.push({ lexeme: e, prefix: false, weights: 'ABC', cls: MatchClass.Exact }, { lexeme: e, prefix: false, weights: 'D', cls: MatchClass.Stem });
    // The Norwegian stem may equal a word as written, or the English stem of a title word ("scissor").
    else if (kind === KIND.stem) alts.push({ lexeme: e, prefix: false, weights: all, cls: MatchClass.Stem });
    else if (kind === KIND.englishStem) alts.push({ lexeme: e, prefix: false, weights: 'C', cls: MatchClass.Stem });
    else if (kind === KIND.contains) alts.push({ lexeme: e, prefix: false, weights: 'AB', cls: MatchClass.Part });
    else if (kind === KIND.typo) alts.push({ lexeme: e, prefix: false, weights: 'AB', cls: MatchClass.Typo });
    else alts.push({ lexeme: e, prefix: false, weights: 'AB', cls: MatchClass.Similar });
  });
  return alts;
}

/** Document weights as bits (A = 1 … D = 8) and back, sorted: merging and restricting them is then a bitwise operation. */
const WEIGHT_BITS = new Map<string, number>();
const weightBits = (weights: string) => {
  let bits = WEIGHT_BITS.get(weights);
  if (bits === undefined) {
    bits = [...weights].reduce((b, w) => b | (1 << ('ABCD'.indexOf(w) & 3)), 0);
    WEIGHT_BITS.set(weights, bits);
  }
  return bits;
};
const BITS_WEIGHTS = Array.from({ length: 16 }, (_, b) => [...'ABCD'].filter((_, i) => b & (1 << i)).join(''));

function render(a: Alternative, only?: string): string | null {
  const weights = only ? BITS_WEIGHTS[weightBits(a.weights) & weightBits(only)] : a.weights;
  if (!weights) return null;
  const suffix = (a.prefix ? '*' : '') + (weights === 'ABCD' ? '' : weights);
  return suffix ? `${a.lexeme}:${suffix}` : a.lexeme;
}

/** One alternative per lexeme (and prefix), its weights united: "stol:ABC | stol:D" is "stol". */
function merged(alts: Alternative[]): Alternative[] {
  const byKey = new Map<string, { a: Alternative; bits: number; cls: MatchClass }>();
  for (const a of alts) {
    const key = a.prefix ? `${a.lexeme}*` : a.lexeme;
    const seen = byKey.get(key);
    if (seen) {
      seen.bits |= weightBits(a.weights);
      seen.cls = Math.max(seen.cls, a.cls);
    } else byKey.set(key, { a, bits: weightBits(a.weights), cls: a.cls });
  }
  return [...byKey.values()].map(({ a, bits, cls }) => ({ ...a, weights: BITS_WEIGHTS[bits], cls }));
}

/** OR of the alternatives of class ≥ min (restricted to the weights `only`), AND over a term's words, OR over terms. */
function groupQuery(terms: Alternative[][][], min: MatchClass, only?: string, adjacent: readonly number[] = []): string | null {
  const termQueries = terms
    .map((words, ti) => {
      const parts = words.map((alts) => [...new Set(merged(alts.filter((a) => a.cls >= min)).map((a) => render(a, only)))].filter((s): s is string => s !== null));
      if (!parts.length || parts.some((p) => !p.length)) return null;
      return parts.map((p) => (p.length === 1 ? p[0] : `(${p.join(' | ')})`)).join(adjacent.includes(ti) ? ' <-> ' : ' & ');
    })
    .filter((q): q is string => q !== null);
  if (!termQueries.length) return null;
  return termQueries.length === 1 ? `(${termQueries[0]})` : `(${termQueries.map((q) => `(${q})`).join(' | ')})`;
}

/** Each group's tsquery per match class; a group nothing can match is null (it then matches no item). */
export function buildGroupQueries(groups: QueryGroup[], expansions: Map<string, WordExpansions>): GroupQueries[] {
  return groups.map((g, gi) => {
    const terms = g.terms.map((words, ti) => words.map((w, wi) => alternatives(w, expansions.get(w), ti === 0, ti === 0 && gi === groups.length - 1 && wi === words.length - 1)));
    const byClass = [MatchClass.Similar, MatchClass.Typo, MatchClass.Part, MatchClass.Stem, MatchClass.Exact].map((c) => groupQuery(terms, c, undefined, g.adjacent));
    const primaryByClass = [MatchClass.Similar, MatchClass.Typo, MatchClass.Part, MatchClass.Stem, MatchClass.Exact].map((c) => groupQuery(terms, c, 'AC', g.adjacent));
    return { label: g.label, byClass, primaryByClass };
  });
}

/** Any group matching: what highlights. */
export function anyGroupQuery(queries: GroupQueries[]): string | null {
  const parts = queries.map((q) => q.byClass[MatchClass.Similar]).filter((q): q is string => q !== null);
  return parts.length ? parts.join(' | ') : null;
}

/** One alternative of a tsquery's OR-list as search-text writes it: a lexeme (or a quoted signed number), prefix star and weights. */
const LIST_TERM = /^([a-z0-9]+|'-?[0-9]+')(?::(\*?)([ABCD]*))?$/;

/**
 * The same boolean tsquery without the alternatives another alternative of their OR-list already
 * matches: "chro | chro:* | chrome:A | chromium" is "chro:*" (a prefix matches every word it
 * starts, in the weights it names). The query word typed as a prefix comes with its
 * expansions, each starting with it, and a row that matches none of them (nearly every row a
 * whole partition is read for) was tested against every one; the planner, too, estimates each
 * alternative apart and took a dozen of them for many rows, reading whole partitions where the
 * text index finds the few rows the prefix matches. For tests only (`@@`): ts_rank and
 * ts_headline count each alternative, so their queries stay as built.
 */
export function withoutSubsumed(query: string): string {
  return query.replace(/\(([^()]*)\)/g, (whole, list: string) => {
    const parts = list.split(' | ');
    const terms = parts.map((t) => LIST_TERM.exec(t));
    if (parts.length < 2 || terms.some((t) => !t)) return whole;
    const parsed = terms.map((t) => ({ lexeme: t![1], prefix: t![2] === '*', bits: weightBits(t![3] || 'ABCD') }));
    // b matches every row a matches: b is a prefix of a's lexeme (or a's lexeme itself) in at least a's weights.
    const covers = (b: (typeof parsed)[number], a: (typeof parsed)[number]) => b.prefix && !b.lexeme.startsWith("'") && a.lexeme.startsWith(b.lexeme) && (a.bits & b.bits) === a.bits;
    const kept = parts.filter((_, i) => !parsed.some((b, j) => j !== i && covers(b, parsed[i]) && (!covers(parsed[i], b) || j < i)));
    return kept.length === 1 ? `(${kept[0]})` : `(${kept.join(' | ')})`;
  });
}
