import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Synonym groups an organisation adds to the maintained list (src/search/synonyms.ts), issue 17
 * §2: they apply to searches by its own users and those of the organisations below it. `terms`
 * as the purchaser wrote them (shown back), `folded` as the search reads them (lower case,
 * Norwegian letters folded, words joined by one space). A both-way group makes every term search
 * for the others; a one-way group makes only its first term search for the rest. `key` says
 * which group is a repeat of another (its direction, then the folded terms sorted, the one-way
 * group's source first), so an organisation cannot hold the same group twice.
 */
export class SearchSynonymGroups1763800000155 implements MigrationInterface {
  name = 'SearchSynonymGroups1763800000155';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_synonym_group (
        id                    serial PRIMARY KEY,
        organisation_id       int NOT NULL REFERENCES organisation(id),
        terms                 text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
        folded                text[] NOT NULL CHECK (cardinality(folded) = cardinality(terms)),
        one_way               boolean NOT NULL,
        key                   text NOT NULL,
        created_by_user_id    int REFERENCES app_user(id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_synonym_group`);
  }
}
