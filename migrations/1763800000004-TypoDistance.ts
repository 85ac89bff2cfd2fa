import { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPUTE_EXPANSIONS_SQL } from './1763800000001-SearchWordExpansion';

/**
 * Typos by edit distance, not only by shared trigrams. A swap of two letters in the middle of a
 * long word ("niirdazole" for "niridazole", "sadnstone" for "sandstone") breaks four trigrams,
 * so its trigram similarity (≈ 0.45) falls below what keeps unrelated long words out (0.55).
 * Candidates now come from the trigram index at a looser 0.3 and are accepted when they are
 * within the typo budget Meilisearch also uses — one typo from 5 letters, two from 9, a swap of
 * neighbouring letters counting as one — or similar enough as before (compounds). Typos are
 * looked for only when the word is not in the index: a known word means what it says, and
 * broad typo expansions of common words made searches both noisier and slower. Every word also
 * brings its Norwegian stem, which the stored document holds for names and descriptions.
 *
 * torg_typos(a, b): the optimal-string-alignment distance capped at 3 (Levenshtein from
 * fuzzystrmatch, with one adjacent transposition counted as one edit).
 */
export class TypoDistance1763800000004 implements MigrationInterface {
  name = 'TypoDistance1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS fuzzystrmatch');
    await q.query(`
      CREATE FUNCTION torg_typos(a text, b text) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE
          WHEN d = 2 AND length(a) = length(b) AND EXISTS (
            SELECT 1 FROM generate_series(1, length(a) - 1) AS i
             WHERE overlay(a PLACING substr(a, i + 1, 1) || substr(a, i, 1) FROM i FOR 2) = b) THEN 1
          ELSE d END
          FROM (SELECT public.levenshtein_less_equal(a, b, 2) AS d) x
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION torg_compute_expansions(words text[], per_word int)
      RETURNS TABLE (word text, expansions text[])
      LANGUAGE sql STABLE
      SET enable_seqscan = off
      SET pg_trgm.word_similarity_threshold = 0.3
      AS $$
        SELECT q.word, ARRAY(
          SELECT c.word FROM (
            -- the word itself first (the engine reads "known" from it), then its stem
            SELECT w.word, 4 AS kind, 1.0::real AS sim, 0 AS typos FROM search_word w WHERE w.word = q.word
            UNION ALL
            -- the Norwegian stem, which the stored document holds for names and descriptions ("kontorstoler" → "kontorstol")
            SELECT st.stem, 3, 1.0, 0 FROM (SELECT (ts_lexize('norwegian_stem', q.word))[1] AS stem) st
             WHERE st.stem <> q.word AND length(st.stem) >= 4
            UNION ALL
            SELECT w.word, 2, word_similarity(q.word, w.word), 0 FROM search_word w
             WHERE length(q.word) >= 3 AND w.word LIKE '%' || q.word || '%'
            UNION ALL
            -- typos, only for words the index does not know (a known word means what it says:
            -- "standard" does not also search "stand"): the whole word, or its end, since
            -- compounds put the part searched for last ("hanskr" → "nitrilhansker")
            SELECT w.word, 1, word_similarity(q.word, w.word),
                   least(torg_typos(q.word, w.word), torg_typos(q.word, right(w.word, length(q.word))),
                         torg_typos(q.word, right(w.word, length(q.word) + 1)), torg_typos(q.word, right(w.word, length(q.word) - 1)))
              FROM search_word w
             WHERE length(q.word) >= 4 AND NOT q.known AND q.word <% w.word
          ) c
          WHERE c.kind > 1
             OR c.typos <= q.budget
             -- longer words share more trigrams by chance ("kopipapir" ~ "torkepapir"): ask more of them
             OR c.sim >= CASE WHEN length(q.word) >= 7 THEN 0.55 ELSE 0.4 END
          GROUP BY c.word
          ORDER BY max(c.kind) DESC, least(min(c.typos), q.budget + 1), max(c.sim) DESC, length(c.word), c.word
          LIMIT per_word)
        FROM (SELECT u AS word, CASE WHEN length(u) >= 9 THEN 2 WHEN length(u) >= 5 THEN 1 ELSE 0 END AS budget,
                     EXISTS (SELECT 1 FROM search_word k WHERE k.word = u) AS known
                FROM unnest(words) AS u) q
      $$`);
    // Remembered expansions were computed by the old rule.
    await q.query('DELETE FROM search_word_expansion');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(COMPUTE_EXPANSIONS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query('DROP FUNCTION IF EXISTS torg_typos(text, text)');
    await q.query('DELETE FROM search_word_expansion');
  }
}
