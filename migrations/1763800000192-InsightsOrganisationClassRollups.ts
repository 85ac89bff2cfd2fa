import { MigrationInterface, QueryRunner } from 'typeorm';
import { FACTS, MEASURES } from './1763800000091-InsightsRollups';

/**
 * The rollup's keys: the buyer organisation, the UNSPSC class (six digits; '' for a line without a
 * code), the month. As migration 198's, the class comes before the month in the primary key and in
 * collation "C", so a code filter's `LIKE '44%'` is a range of one organisation's rows.
 */
const KEYS = ['buyer_organisation_id', 'unspsc_class', 'month'];
const measureColumns = MEASURES.map(([m]) => `${m} ${m.endsWith('lines') || m === 'leak_alternatives' ? 'int' : 'numeric'} NOT NULL`).join(',\n    ');

/** A fact row's contribution: to its own buyer only (not its path: these rows are per organisation). */
const contributions = (sign: number, table: string, live: string) =>
  `SELECT buyer_organisation_id, coalesce(left(unspsc_code, 6), '') AS unspsc_class, date_trunc('month', spend_date)::date AS month,
          ${MEASURES.map(([m, e]) => `${sign} * ${e.replace(/live/g, live)} AS ${m}`).join(', ')}
     FROM ${table}`;

/**
 * Adds the deltas of a statement's changed fact rows (new rows +1, old rows −1), one statement: an
 * UPDATE that moves a row to another organisation, class or month, or changes its amount or
 * loyalty, takes it out of its old key and adds it to its new one; an INSERT … ON CONFLICT DO
 * UPDATE fires the INSERT trigger for the rows it inserted and the UPDATE trigger for those it
 * updated, each with its own transition tables, so an upsert is counted once either way.
 */
const applyDelta = (rollup: string, live: string) => `
      INSERT INTO ${rollup} AS r (${[...KEYS, ...MEASURES.map(([m]) => m)].join(', ')})
      SELECT ${KEYS.join(', ')}, ${MEASURES.map(([m]) => `sum(${m})`).join(', ')}
        FROM (${contributions(1, 'new_rows', live)} UNION ALL ${contributions(-1, 'old_rows', live)}) d
       GROUP BY ${KEYS.join(', ')}
      ON CONFLICT (${KEYS.join(', ')})
      DO UPDATE SET ${MEASURES.map(([m]) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')};`;

/** The rollup table of a fact table's prefix, and its trigger functions (one per event). */
export const organisationClassRollup = (prefix: string) => `${prefix}_class_month`;
export const organisationClassTrigger = (prefix: string, event: 'insert' | 'update' | 'delete') => `${prefix}_org_class_rollup_on_${event}`;

/**
 * Per-organisation rollups per month and UNSPSC class (issue 16 §4): a report grouped by
 * organisation and by family or class ("each school's spend by class") could not use migration
 * 198's class rollups, which sum a subtree under its top and so have no row per organisation, nor
 * migration 91's per-organisation rollups, which keep the segment only: it read every fact line
 * of the scope. These sit beside migration 91's (`insights_{order,invoice}_segment_month`), keyed by
 * the buyer, and are kept exact the same way, by statement-level triggers with transition tables in
 * the fact writer's transaction. A new table rather than the buyer added to 198's key: those rows
 * are per subtree top (a fact line counts for every organisation on its path), and keying them by
 * buyer as well would multiply the rows the subtree reads aggregate by the buyers below each top.
 * Six digits answer class, family and segment and a code filter down to a class (insight-query.ts,
 * rollupFor); a commodity stays with the fact lines.
 */
export class InsightsOrganisationClassRollups1763800000192 implements MigrationInterface {
  name = 'InsightsOrganisationClassRollups1763800000192';

  async up(q: QueryRunner): Promise<void> {
    for (const { fact, live, prefix } of FACTS) {
      const rollup = organisationClassRollup(prefix);
      await q.query(`
        CREATE TABLE ${rollup} (
          buyer_organisation_id int NOT NULL,
          unspsc_class text COLLATE "C" NOT NULL, -- six digits; '' for lines without a code
          month date NOT NULL,                    -- first day of the month
          ${measureColumns},
          PRIMARY KEY (${KEYS.join(', ')})
        )`);
      // A trigger with transition tables names only those of its own event: empty stand-ins for the other side.
      const body = (event: 'INSERT' | 'UPDATE' | 'DELETE') => {
        const stand = event === 'INSERT' ? `old_rows AS (SELECT * FROM ${fact} WHERE false)` : event === 'DELETE' ? `new_rows AS (SELECT * FROM ${fact} WHERE false)` : '';
        const sql = applyDelta(rollup, live);
        return stand ? sql.replace('INSERT INTO', `WITH ${stand} INSERT INTO`) : sql;
      };
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        const fn = organisationClassTrigger(prefix, event.toLowerCase() as 'insert');
        await q.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body(event)} RETURN NULL; END $$`);
        const transition = event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(`CREATE TRIGGER ${fn} AFTER ${event} ON ${fact} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
      // Facts written before this rollup existed.
      await q.query(
        `INSERT INTO ${rollup} SELECT ${KEYS.join(', ')}, ${MEASURES.map(([m]) => `sum(${m})`).join(', ')}
           FROM (${contributions(1, fact, live)}) d GROUP BY ${KEYS.join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { fact, prefix } of FACTS) {
      for (const event of ['insert', 'update', 'delete'] as const) {
        await q.query(`DROP TRIGGER ${organisationClassTrigger(prefix, event)} ON ${fact}`);
        await q.query(`DROP FUNCTION ${organisationClassTrigger(prefix, event)}()`);
      }
      await q.query(`DROP TABLE ${organisationClassRollup(prefix)}`);
    }
  }
}
