import { organisationSynonyms, queryGroups, SynonymGroup } from './search-text';

/** At most this many rewritten queries beside the typed one (each is a query of its own in Meilisearch). */
export const MAX_SYNONYM_VARIANTS = 8;

/**
 * The query text rewritten with an organisation's own synonyms, for Meilisearch: its synonyms
 * are settings of the whole index (the maintained list is there), so the groups of one
 * organisation are applied by searching each rewrite beside the typed text (a multi-search,
 * merged by meili-merge.ts). One phrase replaced at a time, in query order; none when no group applies.
 */
export function synonymVariants(text: string, groups: readonly SynonymGroup[] | undefined): string[] {
  if (!groups?.length) return [];
  const parsed = queryGroups(text, organisationSynonyms(groups));
  const variants: string[] = [];
  parsed.forEach((g, i) => {
    for (const term of g.terms.slice(1)) {
      const words = parsed.map((o, j) => (j === i ? term.join(' ') : o.label));
      variants.push(words.join(' '));
    }
  });
  return [...new Set(variants)].slice(0, MAX_SYNONYM_VARIANTS);
}
