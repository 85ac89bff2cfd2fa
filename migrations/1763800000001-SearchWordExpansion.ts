import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * torg_expand_words(words, per_word): for each query word, the index words it may stand for —
 * itself, words containing it (compounds and prefixes: "stol" → "kontorstol") and words with a
 * similar part (typos: "hanskr" → "nitrilhansker"). The function pins the planner to the
 * trigram index (the word list looks small enough for sequential scans, which are far slower for
 * similarity) and carries its own similarity threshold, so callers need no session settings.
 *
 * Typo look-ups cost milliseconds even with the trigram index, and query words repeat a lot, so
 * results are remembered in search_word_expansion (shared by every replica, emptied whenever
 * the word list gains words).
 */
/** The first version of the expansion function (migration 1763800000004 replaces it; its down() restores this). */
export const COMPUTE_EXPANSIONS_SQL = `
      CREATE FUNCTION torg_compute_expansions(words text[], per_word int)
      RETURNS TABLE (word text, expansions text[])
      LANGUAGE sql STABLE
      SET enable_seqscan = off
      SET pg_trgm.word_similarity_threshold = 0.4
      AS $$
        SELECT q.word, ARRAY(
          SELECT c.word FROM (
            SELECT w.word, 3 AS kind, 1.0::real AS sim FROM search_word w WHERE w.word = q.word
            UNION ALL
            SELECT w.word, 2, word_similarity(q.word, w.word) FROM search_word w
             WHERE length(q.word) >= 3 AND w.word LIKE '%' || q.word || '%'
            UNION ALL
            SELECT w.word, 1, word_similarity(q.word, w.word) FROM search_word w
             WHERE length(q.word) >= 4 AND q.word <% w.word
          ) c
          -- longer words share more trigrams by chance ("kopipapir" ~ "torkepapir"): ask more of them
          WHERE c.kind > 1 OR c.sim >= CASE WHEN length(q.word) >= 7 THEN 0.55 ELSE 0.4 END
          GROUP BY c.word
          ORDER BY max(c.kind) DESC, max(c.sim) DESC, length(c.word), c.word
          LIMIT per_word)
        FROM unnest(words) AS q(word)
      $$`;

export class SearchWordExpansion1763800000001 implements MigrationInterface {
  name = 'SearchWordExpansion1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE search_word_expansion (word text PRIMARY KEY, expansions text[] NOT NULL)`);
    await q.query(COMPUTE_EXPANSIONS_SQL);
    await q.query(`
      CREATE FUNCTION torg_expand_words(words text[], per_word int)
      RETURNS TABLE (word text, expansions text[])
      LANGUAGE plpgsql VOLATILE
      AS $$
      #variable_conflict use_column
      DECLARE
        missing text[];
      BEGIN
        SELECT array_agg(q) INTO missing FROM unnest(words) AS q
         WHERE NOT EXISTS (SELECT 1 FROM search_word_expansion e WHERE e.word = q);
        IF missing IS NOT NULL THEN
          INSERT INTO search_word_expansion (word, expansions)
          SELECT c.word, c.expansions FROM torg_compute_expansions(missing, per_word) c
          ON CONFLICT (word) DO NOTHING;
        END IF;
        RETURN QUERY SELECT e.word, e.expansions FROM search_word_expansion e WHERE e.word = ANY(words);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS torg_expand_words(text[], int)');
    await q.query('DROP FUNCTION IF EXISTS torg_compute_expansions(text[], int)');
    await q.query('DROP TABLE IF EXISTS search_word_expansion');
  }
}
