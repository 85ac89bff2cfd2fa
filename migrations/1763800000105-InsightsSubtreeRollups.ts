import { MigrationInterface, QueryRunner } from 'typeorm';
import { FACTS, MEASURES } from './1763800000091-InsightsRollups';

/**
 * The subtree rollups: each row sums an organisation and every organisation below it, per
 * period (and UNSPSC segment). A caller's scope is always whole subtrees (a buyer's tree, a
 * purchasing unit's participants' trees, an organisation filter's subtree), so a report not
 * grouped by organisation reads the rows of the scope's few tops instead of those of each of
 * its organisations: 21 instead of 200 organisations for the bench's purchasing unit. The year
 * grain answers reports over whole years (or all time) by segment or year with 12 times fewer rows.
 */
export const GRAINS = [
  { suffix: 'tree_month', period: 'month', segment: false },
  { suffix: 'tree_segment_month', period: 'month', segment: true },
  { suffix: 'tree_segment_year', period: 'year', segment: true },
] as const;

type Grain = (typeof GRAINS)[number];

const measureColumns = MEASURES.map(([m]) => `${m} ${m.endsWith('lines') || m === 'leak_alternatives' ? 'int' : 'numeric'} NOT NULL`).join(',\n    ');
const keysOf = (g: Grain) => ['organisation_id', g.period, ...(g.segment ? ['segment'] : [])];

const rollupTable = (name: string, g: Grain) => `
  CREATE TABLE ${name} (
    organisation_id  int NOT NULL, -- the subtree's top: this organisation and every one below it
    ${g.period} date NOT NULL,     -- first day of the ${g.period}
    ${g.segment ? "segment text NOT NULL, -- two digits; '' for lines without a code" : ''}
    ${measureColumns},
    PRIMARY KEY (${keysOf(g).join(', ')})
  )`;

/** A fact row's contributions: one per organisation on its buyer's path (itself and those above it). */
const contributions = (g: Grain, sign: number, table: string, live: string) =>
  `SELECT a.organisation_id, date_trunc('${g.period}', spend_date)::date AS ${g.period}${g.segment ? ", coalesce(left(unspsc_code, 2), '') AS segment" : ''},
          ${MEASURES.map(([m, e]) => `${sign} * ${e.replace(/live/g, live)} AS ${m}`).join(', ')}
     FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id)`;

/** Adds the deltas of a statement's changed fact rows (new rows +1, old rows −1) to a subtree rollup, one statement. */
const applyDelta = (rollup: string, g: Grain, live: string) => `
      INSERT INTO ${rollup} AS r (${[...keysOf(g), ...MEASURES.map(([m]) => m)].join(', ')})
      SELECT ${keysOf(g).join(', ')}, ${MEASURES.map(([m]) => `sum(${m})`).join(', ')}
        FROM (${contributions(g, 1, 'new_rows', live)} UNION ALL ${contributions(g, -1, 'old_rows', live)}) d
       GROUP BY ${keysOf(g).join(', ')}
      ON CONFLICT (${keysOf(g).join(', ')})
      DO UPDATE SET ${MEASURES.map(([m]) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')};`;

/** Each organisation's path: itself first, then those above it (depth-bounded against a cycle in parent links). */
const PATHS = `WITH RECURSIVE up AS (SELECT id AS org, id, parent_id, 0 AS depth FROM organisation
                 UNION ALL SELECT up.org, o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
               SELECT org, array_agg(id ORDER BY depth) AS path FROM up GROUP BY org`;

/**
 * Subtree rollups (issue 16 §6 c: loyalty and leakage by segment for a purchasing unit read
 * 330,000 rows of the per-organisation rollup at 1M lines). Each fact line carries its buyer's
 * path (`buyer_path`: the organisation, then those above it, written by SpendFactWriter from
 * identity) and adds to the row of every organisation on it; statement-level triggers keep the
 * rollups exact as migration 91's do. An organisation's parent is set when it is created and
 * never changes (identity has no operation that moves one), so a path stays true.
 */
export class InsightsSubtreeRollups1763800000105 implements MigrationInterface {
  name = 'InsightsSubtreeRollups1763800000105';

  async up(q: QueryRunner): Promise<void> {
    for (const { fact, live, prefix } of FACTS) {
      await q.query(`ALTER TABLE ${fact} ADD COLUMN buyer_path int[]`);
      // Only buyer_path changes: migration 91's rollups read no path, so their triggers sit this out.
      await q.query(`ALTER TABLE ${fact} DISABLE TRIGGER USER`);
      await q.query(`UPDATE ${fact} f SET buyer_path = p.path FROM (${PATHS}) p WHERE p.org = f.buyer_organisation_id`);
      await q.query(`UPDATE ${fact} SET buyer_path = ARRAY[buyer_organisation_id] WHERE buyer_path IS NULL`);
      await q.query(`ALTER TABLE ${fact} ENABLE TRIGGER USER`);
      await q.query(`ALTER TABLE ${fact} ALTER COLUMN buyer_path SET NOT NULL`);
      await q.query(`ALTER TABLE ${fact} ADD CONSTRAINT ${fact}_buyer_path_starts_with_buyer CHECK (buyer_path[1] = buyer_organisation_id)`);
      for (const g of GRAINS) await q.query(rollupTable(`${prefix}_${g.suffix}`, g));
      // A trigger with transition tables names only those of its own event: empty stand-ins for the other side.
      const body = (event: 'INSERT' | 'UPDATE' | 'DELETE') => {
        const stand = event === 'INSERT' ? `old_rows AS (SELECT * FROM ${fact} WHERE false)` : event === 'DELETE' ? `new_rows AS (SELECT * FROM ${fact} WHERE false)` : '';
        const wrap = (sql: string) => (stand ? sql.replace('INSERT INTO', `WITH ${stand} INSERT INTO`) : sql);
        return GRAINS.map((g) => wrap(applyDelta(`${prefix}_${g.suffix}`, g, live))).join('\n');
      };
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        const fn = `${prefix}_tree_rollup_on_${event.toLowerCase()}`;
        await q.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body(event)} RETURN NULL; END $$`);
        const transition = event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(`CREATE TRIGGER ${fn} AFTER ${event} ON ${fact} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
      // Facts written before these rollups existed.
      for (const g of GRAINS) {
        await q.query(
          `INSERT INTO ${prefix}_${g.suffix} SELECT ${keysOf(g).join(', ')}, ${MEASURES.map(([m]) => `sum(${m})`).join(', ')}
             FROM (${contributions(g, 1, fact, live)}) d GROUP BY ${keysOf(g).join(', ')}`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { fact, prefix } of FACTS) {
      for (const event of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER ${prefix}_tree_rollup_on_${event} ON ${fact}`);
        await q.query(`DROP FUNCTION ${prefix}_tree_rollup_on_${event}()`);
      }
      await q.query(`DROP TABLE ${GRAINS.map((g) => `${prefix}_${g.suffix}`).join(', ')}`);
      await q.query(`ALTER TABLE ${fact} DROP COLUMN buyer_path`);
    }
  }
}
