import { foldedPhrase, MAX_SYNONYM_WORDS } from '../engines/search-text';

/** At least two terms make a group; more than this many is a list, not synonyms. */
export const MAX_TERMS = 20;
/** Longest term as written (a phrase of at most MAX_SYNONYM_WORDS words). */
export const MAX_TERM_LENGTH = 60;
/** An organisation's own groups: beyond this the list is no longer something a person keeps. */
export const MAX_GROUPS_PER_ORGANISATION = 500;

export type SynonymProblemCode = 'TOO_FEW_TERMS' | 'TOO_MANY_TERMS' | 'EMPTY_TERM' | 'TERM_TOO_LONG' | 'TOO_MANY_WORDS' | 'REPEATED_TERM';

export interface SynonymProblem {
  code: SynonymProblemCode;
  /** The term's position in the input (0-based), when one term is at fault. */
  termIndex: number | null;
  message: string;
}

/** The group as stored: terms as written (trimmed), folded as the search reads them, and its repeat key. */
export interface CheckedSynonymGroup {
  terms: string[];
  folded: string[];
  oneWay: boolean;
  key: string;
}

/**
 * Checks a synonym group as a purchaser wrote it: the first problem found, or the group ready to
 * store. A term is at most MAX_SYNONYM_WORDS words, since the search reads longer phrases as
 * separate words and the group would never apply.
 */
export function checkSynonymGroup(terms: readonly string[], oneWay: boolean): SynonymProblem | CheckedSynonymGroup {
  if (terms.length < 2) return { code: 'TOO_FEW_TERMS', termIndex: null, message: `A synonym group needs at least two terms; ${terms.length} given` };
  if (terms.length > MAX_TERMS) return { code: 'TOO_MANY_TERMS', termIndex: null, message: `A synonym group has at most ${MAX_TERMS} terms; ${terms.length} given` };
  const written = terms.map((t) => t.trim().replace(/\s+/g, ' '));
  const folded: string[] = [];
  for (const [i, term] of written.entries()) {
    const phrase = foldedPhrase(term);
    if (!phrase) return { code: 'EMPTY_TERM', termIndex: i, message: `terms[${i}] has no letters or digits ("${term}")` };
    if (term.length > MAX_TERM_LENGTH) return { code: 'TERM_TOO_LONG', termIndex: i, message: `terms[${i}] is ${term.length} characters; at most ${MAX_TERM_LENGTH}` };
    const words = phrase.split(' ').length;
    if (words > MAX_SYNONYM_WORDS) return { code: 'TOO_MANY_WORDS', termIndex: i, message: `terms[${i}] ("${term}") has ${words} words; a search reads at most ${MAX_SYNONYM_WORDS} as one phrase` };
    const earlier = folded.indexOf(phrase);
    if (earlier >= 0) return { code: 'REPEATED_TERM', termIndex: i, message: `terms[${i}] ("${term}") is terms[${earlier}] again (letter case, accents and punctuation are ignored)` };
    folded.push(phrase);
  }
  // A repeat is the same direction and the same terms in any order, except a one-way group's source.
  const key = oneWay ? `>${folded[0]}|${[...folded.slice(1)].sort().join('|')}` : `=${[...folded].sort().join('|')}`;
  return { terms: written, folded, oneWay, key };
}

export const isSynonymProblem = (r: SynonymProblem | CheckedSynonymGroup): r is SynonymProblem => 'code' in r;
