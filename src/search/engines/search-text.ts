/**
 * Building a PostgreSQL tsquery from query words and their expansions. Words reach here only
 * after normalisation to [a-z0-9], so nothing a user types is ever parsed as tsquery syntax.
 */

const SAFE_WORD = /^[a-z0-9]+$/;

/** One query word and the index words it may stand for (typo fixes, compounds, prefixes). */
export interface WordGroup {
  word: string;
  expansions: string[];
}

/**
 * (exp1 | exp2 | word:*) & (…) — every query word must match, each in any of its forms.
 *
 * - A word the index knows (its expansions start with itself) stands for itself, its stem and
 *   the words containing it, as expanded. Only the last word, and only when the index does not
 *   know it, is also a prefix ("kopip" → kopipapir…): that is the word being typed. A prefix
 *   walks every index word it starts and rechecks every row, which made a common complete word
 *   ("standard") cost twice what its expansions do.
 * - Short numbers ("2" in "1-phenyl-2-propanone", "80" in "80 g") match exactly: as prefixes
 *   they would match nearly every item. PostgreSQL's parser reads a number after a hyphen as
 *   signed ("-2", "-14" in "12-14"), so the signed form is an alternative too. Longer numbers
 *   (item numbers, GTINs, UNSPSC codes) match as prefixes.
 */
export function buildTsQuery(groups: WordGroup[]): string | null {
  const parts = groups
    .map((g, i) => {
      const alternatives = new Set<string>();
      const known = g.expansions[0] === g.word;
      const last = i === groups.length - 1;
      if (/^\d{1,4}$/.test(g.word)) alternatives.add(g.word).add(`'-${g.word}'`);
      else if (/^\d+$/.test(g.word) || (last && !known && SAFE_WORD.test(g.word))) alternatives.add(`${g.word}:*`);
      else if (SAFE_WORD.test(g.word)) alternatives.add(g.word);
      for (const e of g.expansions) if (SAFE_WORD.test(e)) alternatives.add(e);
      return alternatives.size ? `(${[...alternatives].join(' | ')})` : null;
    })
    .filter((p): p is string => p !== null);
  return parts.length ? parts.join(' & ') : null;
}

/** Lower case, Norwegian/Danish letters folded the way unaccent folds them, split into words. */
export function queryWords(text: string): string[] {
  const folded = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return [...new Set(folded.split(/[^a-z0-9]+/).filter((w) => w.length > 0))].slice(0, 10);
}
