import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spend by supplier over all time (issue 16 §4), per subtree top: the one statistics report that
 * still read many rollup rows after migration 170. Over all time it summed the supplier × year
 * rollup (per top, year and supplier: 18,810 rows and 83 ms of SQL for a purchasing unit of 22
 * tops at 500k + 500k lines). These rollups keep the same measures without the period, so the
 * same report reads one row per top and supplier. Kept exact by statement-level triggers on
 * migration 170's document tables, as that migration's supplier × month and × year rollups (a
 * document's row is replaced, never edited in place, so a delta is exact); the reports read them
 * only when the query has no period at all (statistics-rollups.ts).
 *
 * A frozen copy of migration 170's measures: a later change to that file must not change what
 * this migration made.
 */
const DOCUMENTS = [
  {
    table: 'insights_order_document',
    rollup: 'insights_order_tree_supplier_all',
    measures: [
      ['documents', 'int', '1'],
      ['lines', 'int', 'lines'],
      ['amount', 'numeric', 'amount'],
      ['approval_secs', 'numeric', 'approval_secs'],
    ],
  },
  {
    table: 'insights_invoice_document',
    rollup: 'insights_invoice_tree_supplier_all',
    measures: [
      ['documents', 'int', '1'],
      ['lines', 'int', 'lines'],
      ['amount', 'numeric', 'amount'],
      ['invoices', 'int', "(kind = 'INVOICE')::int"],
      ['credit_notes', 'int', "(kind = 'CREDIT_NOTE')::int"],
      ['with_order_amount', 'numeric', 'CASE WHEN with_order THEN amount ELSE 0 END'],
      ['lead_secs', 'numeric', 'coalesce(lead_secs, 0)'],
      ['lead_count', 'int', '(lead_secs IS NOT NULL)::int'],
    ],
  },
] as const;

const KEYS = ['organisation_id', 'supplier_id', 'free_text_supplier'];

type Event = 'INSERT' | 'UPDATE' | 'DELETE';
const EVENTS: Event[] = ['INSERT', 'UPDATE', 'DELETE'];
const transition = (e: Event) => (e === 'INSERT' ? 'NEW TABLE AS new_rows' : e === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows');
/** A trigger with transition tables names only those of its own event: empty stand-ins for the other side. */
const withStandIns = (e: Event, table: string, sql: string) => {
  const stand = e === 'INSERT' ? `old_rows AS (SELECT * FROM ${table} WHERE false)` : e === 'DELETE' ? `new_rows AS (SELECT * FROM ${table} WHERE false)` : '';
  return stand ? `WITH ${stand} ${sql}` : sql;
};

export class InsightsSupplierAllTimeRollups1763800000176 implements MigrationInterface {
  name = 'InsightsSupplierAllTimeRollups1763800000176';

  async up(q: QueryRunner): Promise<void> {
    for (const d of DOCUMENTS) {
      const measures = d.measures.map(([m]) => m);
      await q.query(`CREATE TABLE ${d.rollup} (
        organisation_id int NOT NULL, -- the subtree's top: this organisation and every one below it
        supplier_id int, free_text_supplier text, -- an order from a supplier outside Torg: the name it was ordered under
        ${d.measures.map(([m, type]) => `${m} ${type} NOT NULL`).join(', ')})`);
      // NULLS NOT DISTINCT: a supplier outside Torg (no id) is one key per name.
      await q.query(`CREATE UNIQUE INDEX ${d.rollup}_key ON ${d.rollup} (${KEYS.join(', ')}) NULLS NOT DISTINCT`);
      const rows = (sign: number, table: string) =>
        `SELECT a.organisation_id, supplier_id, free_text_supplier, ${d.measures.map(([m, , e]) => `${sign} * ${e} AS ${m}`).join(', ')}
           FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id)`;
      const upsert = `INSERT INTO ${d.rollup} AS r (${[...KEYS, ...measures].join(', ')})
        SELECT ${KEYS.join(', ')}, ${measures.map((m) => `sum(${m})`).join(', ')} FROM (${rows(1, 'new_rows')} UNION ALL ${rows(-1, 'old_rows')}) d GROUP BY ${KEYS.join(', ')}
        ON CONFLICT (${KEYS.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')}`;
      for (const e of EVENTS) {
        const fn = `${d.rollup}_rollup_on_${e.toLowerCase()}`;
        await q.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${withStandIns(e, d.table, upsert)}; RETURN NULL; END $$`);
        await q.query(`CREATE TRIGGER ${fn} AFTER ${e} ON ${d.table} REFERENCING ${transition(e)} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
      // Documents summed before this migration.
      await q.query(`INSERT INTO ${d.rollup} (${[...KEYS, ...measures].join(', ')})
        SELECT ${KEYS.join(', ')}, ${measures.map((m) => `sum(${m})`).join(', ')} FROM (${rows(1, d.table)}) d GROUP BY ${KEYS.join(', ')}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const d of DOCUMENTS) {
      for (const e of EVENTS) {
        const fn = `${d.rollup}_rollup_on_${e.toLowerCase()}`;
        await q.query(`DROP TRIGGER ${fn} ON ${d.table}`);
        await q.query(`DROP FUNCTION ${fn}()`);
      }
      await q.query(`DROP TABLE ${d.rollup}`);
    }
  }
}
