import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generation numbers for what a search looks up per word (issue 17): `words` counts changes of the
 * word list (search_word) and of the expansions computed from it (search_word_expansion, emptied
 * whenever they may be wrong), `synonyms` changes of the organisations' synonym groups. Each
 * service instance keeps expansions and synonym groups in memory under the generation it read them
 * at; every search reads both numbers in the statement it sends first anyway, so a change made
 * through one instance is seen by every instance at its next search, with no extra round trip.
 *
 * Statement triggers bump them in the transaction that makes the change (so the new number and the
 * new rows become visible together), whatever code path makes it — the indexer, a rebuild, a
 * migration that empties the expansions after changing their function. A statement that changes no
 * row (the indexer's `INSERT … ON CONFLICT DO NOTHING` when a version brings no new word) bumps
 * nothing: the transition table is empty. Filling search_word_expansion (a search caching a word's
 * expansions) changes no generation.
 */
const BUMP = `
  CREATE FUNCTION torg_search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE search_generation SET generation = generation + 1 WHERE kind = TG_ARGV[0];
    RETURN NULL;
  END $$`;
/** The same when the statement changed rows (its transition table `changed` is not empty). */
const BUMP_IF_CHANGED = `
  CREATE FUNCTION torg_search_generation_bump_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
      UPDATE search_generation SET generation = generation + 1 WHERE kind = TG_ARGV[0];
    END IF;
    RETURN NULL;
  END $$`;

/** [table, kind, events with rows (a transition table each; PostgreSQL allows one event per such trigger)]. */
const WATCHED: [string, string, ('INSERT' | 'UPDATE' | 'DELETE')[]][] = [
  ['search_word', 'words', ['INSERT', 'UPDATE', 'DELETE']],
  ['search_word_expansion', 'words', ['UPDATE', 'DELETE']],
  ['search_synonym_group', 'synonyms', ['INSERT', 'UPDATE', 'DELETE']],
];

export class SearchGenerations1763800000165 implements MigrationInterface {
  name = 'SearchGenerations1763800000165';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_generation (kind text PRIMARY KEY CHECK (kind IN ('words', 'synonyms')), generation int NOT NULL)`);
    await q.query(`INSERT INTO search_generation (kind, generation) VALUES ('words', 1), ('synonyms', 1)`);
    await q.query(BUMP);
    await q.query(BUMP_IF_CHANGED);
    for (const [table, kind, events] of WATCHED) {
      for (const event of events) {
        await q.query(
          `CREATE TRIGGER ${table}_generation_${event.toLowerCase()} AFTER ${event} ON ${table}
           REFERENCING ${event === 'DELETE' ? 'OLD' : 'NEW'} TABLE AS changed
           FOR EACH STATEMENT EXECUTE FUNCTION torg_search_generation_bump_if_changed('${kind}')`,
        );
      }
      await q.query(`CREATE TRIGGER ${table}_generation_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION torg_search_generation_bump('${kind}')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, , events] of WATCHED) {
      for (const event of events) await q.query(`DROP TRIGGER ${table}_generation_${event.toLowerCase()} ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_generation_truncate ON ${table}`);
    }
    await q.query('DROP FUNCTION torg_search_generation_bump_if_changed()');
    await q.query('DROP FUNCTION torg_search_generation_bump()');
    await q.query('DROP TABLE search_generation');
  }
}
