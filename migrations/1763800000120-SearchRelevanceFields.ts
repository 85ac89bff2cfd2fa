import { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPUTE_EXPANSIONS_SQL } from './1763800000001-SearchWordExpansion';

/**
 * The search document gets fields of its own, so a search can rank by where and how a word
 * matched (issue 17): A the name's words (units normalised) and the item numbers, B the
 * description's words, C what classifies the item — the English UNSPSC titles of its class and
 * commodity (English stems: "gloves" finds "Medical exam … gloves"), its attribute values
 * ("svanemerket", "tco", the size "m") and its manufacturer — and D the Norwegian stems of name
 * and description. Words and stems apart, so a search can tell an exact word from a stem
 * ("skrivebord" is only the stem of "skrivebordet"). Typos and compound parts are looked for in
 * A and B only: before, manufacturer and description shared weights, so a typo of a product
 * word matched a supplier's name on all its items ("kontorstl" ~ "Kontorland").
 *
 * Units in names are normalised as the query is (search-text.ts): 27" reads "27 tommer", and a
 * number glued to its unit is split (80g → 80 g).
 *
 * torg_expand_words also says what kind of match each expansion is (kinds, beside expansions):
 * 6 the word itself, 5 its Norwegian stem, 4 its English stem, 3 a word containing it or its stem
 * (compounds: "stoler" → stem "stol" → "kontorstol"), 2 a typo within the typo budget (of the
 * whole word or of a compound's end), 1 only similar. The engine ranks by these kinds.
 */

const NAME_WORDS = `regexp_replace(regexp_replace(torg_unaccent(name), '([0-9])[[:space:]]*(["”″]|'''')', '\\1 tommer ', 'g'), '([0-9])([[:alpha:]])', '\\1 \\2', 'g')`;
/**
 * The attribute facets are "name=value" (lower case); only the values are words of the item. A
 * column of its own, written by the projection: array_to_string is not immutable, so a generated
 * column cannot call it.
 */
const ATTRIBUTE_TEXT_SQL = (facets: string) => `regexp_replace(array_to_string(${facets}, E'\\n'), '^[^=\\n]*=', '', 'gn')`;

export const SEARCH_DOC_SQL = `
  setweight(to_tsvector('simple'::regconfig, ${NAME_WORDS}) ||
            -- item numbers also split at punctuation: the parser reads "KL-100" as "kl" and "-100"
            to_tsvector('simple'::regconfig, lower(seller_item_id) || ' ' || regexp_replace(lower(seller_item_id), '[^a-z0-9]+', ' ', 'g') || ' ' || coalesce(gtin, '') || ' ' || unspsc_code), 'A') ||
  setweight(to_tsvector('simple'::regconfig, torg_unaccent(coalesce(description, ''))), 'B') ||
  setweight(to_tsvector('english'::regconfig, coalesce(category_text, '')) ||
            to_tsvector('simple'::regconfig, torg_unaccent(coalesce(attribute_text, '') || ' ' || coalesce(manufacturer, ''))), 'C') ||
  setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(name || ' ' || coalesce(description, ''))), 'D')`;

const OLD_DOC_SQL = `
  setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(name)), 'A') ||
  setweight(to_tsvector('simple'::regconfig, lower(seller_item_id) || ' ' || regexp_replace(lower(seller_item_id), '[^a-z0-9]+', ' ', 'g') || ' ' || coalesce(gtin, '') || ' ' || unspsc_code), 'A') ||
  setweight(to_tsvector('simple'::regconfig, torg_unaccent(name)), 'B') ||
  setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(coalesce(manufacturer, '') || ' ' || coalesce(description, ''))), 'C') ||
  setweight(to_tsvector('simple'::regconfig, torg_unaccent(coalesce(manufacturer, '') || ' ' || coalesce(description, ''))), 'D')`;

/** The English titles searched for an item: its class and its commodity (segment and family titles are too broad). */
export const CATEGORY_TEXT_SQL = (code: string) => `(SELECT string_agg(u.title, ' ' ORDER BY u.code) FROM unspsc_node u
   WHERE u.code IN (${code}, substr(${code}, 1, 6) || '00') AND u.code NOT LIKE '____0000')`;

const EXPANSIONS_SQL = `
  CREATE FUNCTION torg_compute_expansions(words text[], per_word int)
  RETURNS TABLE (word text, expansions text[], kinds smallint[])
  LANGUAGE sql STABLE
  SET enable_seqscan = off
  SET pg_trgm.word_similarity_threshold = 0.3
  AS $$
    SELECT q.word, coalesce(array_agg(x.word ORDER BY x.ord) FILTER (WHERE x.word IS NOT NULL), '{}'),
           coalesce(array_agg(x.kind ORDER BY x.ord) FILTER (WHERE x.word IS NOT NULL), '{}')
      FROM (SELECT u AS word, CASE WHEN length(u) >= 9 THEN 2 WHEN length(u) >= 5 THEN 1 ELSE 0 END AS budget,
                   EXISTS (SELECT 1 FROM search_word k WHERE k.word = u) AS known,
                   (ts_lexize('norwegian_stem', u))[1] AS stem,
                   (ts_lexize('english_stem', u))[1] AS en
              FROM unnest(words) AS u) q
     LEFT JOIN LATERAL (
       WITH c AS (
         -- the word itself first, when the index knows it (the engine reads "known" from it)
         SELECT w.word, 6 AS kind, 1.0::real AS sim, 0 AS typos FROM search_word w WHERE w.word = q.word
         UNION ALL
         -- the Norwegian stem, which the document holds for names and descriptions ("kontorstoler" → "kontorstol")
         SELECT q.stem, 5, 1.0, 0 WHERE q.stem <> q.word AND length(q.stem) >= 4
         UNION ALL
         -- the English stem, for the UNSPSC titles ("gloves" → "glove")
         SELECT q.en, 4, 1.0, 0 WHERE q.en <> q.word AND length(q.en) >= 3
         UNION ALL
         -- compounds containing the word or its stem ("stoler" → "stol" → "kontorstol")
         SELECT w.word, 3, word_similarity(q.word, w.word), 0 FROM search_word w
          WHERE length(q.word) >= 3 AND w.word LIKE '%' || q.word || '%' AND w.word <> q.word
         UNION ALL
         SELECT w.word, 3, word_similarity(q.stem, w.word), 0 FROM search_word w
          WHERE length(q.stem) >= 4 AND q.stem <> q.word AND w.word LIKE '%' || q.stem || '%' AND w.word <> q.stem
         UNION ALL
         -- typos, only for words the index does not know (a known word means what it says): the
         -- whole word, or its end, since compounds put the part searched for last ("hanskr" → "nitrilhansker")
         SELECT w.word, 2, word_similarity(q.word, w.word),
                least(torg_typos(q.word, w.word), torg_typos(q.word, right(w.word, length(q.word))),
                      torg_typos(q.word, right(w.word, length(q.word) + 1)), torg_typos(q.word, right(w.word, length(q.word) - 1)))
           FROM search_word w
          WHERE length(q.word) >= 4 AND NOT q.known AND q.word <% w.word)
       SELECT c.word, row_number() OVER (ORDER BY max(c.kind) DESC, least(min(c.typos), q.budget + 1), max(c.sim) DESC, length(c.word), c.word) AS ord,
              (CASE WHEN max(c.kind) = 2 AND min(c.typos) > q.budget THEN 1 ELSE max(c.kind) END)::smallint AS kind
         FROM c
        WHERE c.kind > 2
           OR c.typos <= q.budget
           -- longer words share more trigrams by chance ("kopipapir" ~ "torkepapir"): ask more of them
           OR c.sim >= CASE WHEN length(q.word) >= 7 THEN 0.55 ELSE 0.4 END
        GROUP BY c.word
        ORDER BY 2
        LIMIT per_word) x ON true
     GROUP BY q.word
  $$`;

export class SearchRelevanceFields1763800000120 implements MigrationInterface {
  name = 'SearchRelevanceFields1763800000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item ADD COLUMN category_text text, ADD COLUMN attribute_text text');
    await q.query(`UPDATE search_item s SET category_text = ${CATEGORY_TEXT_SQL('s.unspsc_code')}, attribute_text = ${ATTRIBUTE_TEXT_SQL('s.attr_facets')}`);
    await q.query('ALTER TABLE search_item DROP COLUMN doc');
    await q.query(`ALTER TABLE search_item ADD COLUMN doc tsvector GENERATED ALWAYS AS (${SEARCH_DOC_SQL}) STORED`);
    await q.query('CREATE INDEX search_item_version_doc ON search_item USING gin (doc)');

    await q.query('DROP FUNCTION torg_expand_words(text[], int)');
    await q.query('DROP FUNCTION torg_compute_expansions(text[], int)');
    await q.query('TRUNCATE search_word_expansion');
    await q.query(`ALTER TABLE search_word_expansion ADD COLUMN kinds smallint[] NOT NULL`);
    await q.query(EXPANSIONS_SQL);
    await q.query(`
      CREATE FUNCTION torg_expand_words(words text[], per_word int)
      RETURNS TABLE (word text, expansions text[], kinds smallint[])
      LANGUAGE plpgsql VOLATILE
      AS $$
      #variable_conflict use_column
      DECLARE
        missing text[];
      BEGIN
        SELECT array_agg(q) INTO missing FROM unnest(words) AS q
         WHERE NOT EXISTS (SELECT 1 FROM search_word_expansion e WHERE e.word = q);
        IF missing IS NOT NULL THEN
          INSERT INTO search_word_expansion (word, expansions, kinds)
          SELECT c.word, c.expansions, c.kinds FROM torg_compute_expansions(missing, per_word) c
          ON CONFLICT (word) DO NOTHING;
        END IF;
        RETURN QUERY SELECT e.word, e.expansions, e.kinds FROM search_word_expansion e WHERE e.word = ANY(words);
      END $$`);
    // The word list now holds every field's words (attribute values and English title stems too).
    await q.query('TRUNCATE search_word');
    await q.query(`
      INSERT INTO search_word (word)
      SELECT x.word FROM ts_stat('SELECT doc FROM search_item') AS x
       WHERE length(x.word) >= 3 AND x.word ~ '^[a-z0-9]*[a-z][a-z0-9]*$' ORDER BY x.word`);
    await q.query('ANALYZE search_item');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item DROP COLUMN doc');
    await q.query(`ALTER TABLE search_item ADD COLUMN doc tsvector GENERATED ALWAYS AS (${OLD_DOC_SQL}) STORED`);
    await q.query('CREATE INDEX search_item_version_doc ON search_item USING gin (doc)');
    await q.query('ALTER TABLE search_item DROP COLUMN category_text, DROP COLUMN attribute_text');
    await q.query('DROP FUNCTION torg_expand_words(text[], int)');
    await q.query('DROP FUNCTION torg_compute_expansions(text[], int)');
    await q.query('TRUNCATE search_word_expansion');
    await q.query('ALTER TABLE search_word_expansion DROP COLUMN kinds');
    // The previous functions: migration 1's expansion (run migration 4's up() again for its typo rule).
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
}
