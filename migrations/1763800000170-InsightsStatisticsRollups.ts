import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups for the statistics reports (issue 16 §4: spend by supplier, orders and invoices per
 * period with approval time, e-order share and lead time, invoice exceptions per reason, ceiling
 * use, the newest off-agreement lines), which read every fact line of a purchasing unit: 1.4–10 s
 * of SQL at 1M + 1M lines. Subtree-aware as migration 105's: every row sums an organisation and
 * every one below it, so a scope reads its tops' rows only. All kept exact by statement-level
 * triggers in the fact writer's transaction, as migrations 91 and 105.
 *
 * The order and invoice reports count and average per document (an order's approval time is its
 * own, not its lines'), so the facts are first summed per document (`…_document`: recomputed from
 * the fact lines of each document a statement touched, since a minimum cannot be taken back by a
 * delta), and the documents are rolled up. A document whose live lines disagree on buyer, month
 * or supplier (`mixed`: no writer makes one, but a late event could) cannot be placed in one
 * rollup row: while one exists the reports answer from the fact lines (insight-query.ts).
 */

/** A document table: its id, the fact table and its id column, the columns of the document row and their expressions over the document's live lines. */
const DOCUMENTS = [
  {
    table: 'insights_order_document',
    fact: 'insights_order_line',
    id: 'order_id',
    live: 'NOT f.cancelled',
    columns: [
      ['buyer_path', 'int[] NOT NULL', 'min(f.buyer_path)'],
      ['month', 'date NOT NULL', "min(date_trunc('month', f.spend_date))::date"],
      ['supplier_id', 'int', 'min(f.supplier_id)'],
      ['free_text_supplier', 'text', 'min(CASE WHEN f.supplier_id IS NULL THEN f.supplier_name END)'],
      ['lines', 'int NOT NULL', 'count(*)'],
      ['amount', 'numeric NOT NULL', 'sum(f.amount)'],
      ['approval_secs', 'numeric NOT NULL', 'extract(epoch FROM min(f.approved_at) - min(f.submitted_at))'],
      ['mixed', 'boolean NOT NULL', "count(DISTINCT (f.buyer_path, date_trunc('month', f.spend_date), f.supplier_id, CASE WHEN f.supplier_id IS NULL THEN f.supplier_name END)) > 1"],
    ],
    // A rollup's measures over document rows.
    measures: [
      ['documents', 'int', '1'],
      ['lines', 'int', 'lines'],
      ['amount', 'numeric', 'amount'],
      ['approval_secs', 'numeric', 'approval_secs'],
    ],
    prefix: 'insights_order',
  },
  {
    table: 'insights_invoice_document',
    fact: 'insights_invoice_line',
    id: 'invoice_id',
    live: 'true',
    columns: [
      ['buyer_path', 'int[] NOT NULL', 'min(f.buyer_path)'],
      ['month', 'date NOT NULL', "min(date_trunc('month', f.spend_date))::date"],
      ['supplier_id', 'int', 'min(f.supplier_id)'],
      ['free_text_supplier', 'text', 'NULL::text'],
      ['lines', 'int NOT NULL', 'count(*)'],
      ['amount', 'numeric NOT NULL', 'sum(f.amount)'],
      ['kind', 'text NOT NULL', 'min(f.kind)'],
      ['with_order', 'boolean NOT NULL', 'bool_or(f.order_id IS NOT NULL)'],
      ['lead_secs', 'numeric', 'extract(epoch FROM min(f.received_at) - min(f.order_submitted_at))'],
      ['mixed', 'boolean NOT NULL', "count(DISTINCT (f.buyer_path, date_trunc('month', f.spend_date), f.supplier_id)) > 1"],
    ],
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
    prefix: 'insights_invoice',
  },
] as const;

/** The grains documents are rolled up at: per month; per month or year and supplier. */
export const DOCUMENT_GRAINS = [
  { suffix: 'tree_document_month', period: 'month', supplier: false },
  { suffix: 'tree_supplier_month', period: 'month', supplier: true },
  { suffix: 'tree_supplier_year', period: 'year', supplier: true },
] as const;

type Event = 'INSERT' | 'UPDATE' | 'DELETE';
const EVENTS: Event[] = ['INSERT', 'UPDATE', 'DELETE'];
const transition = (e: Event) => (e === 'INSERT' ? 'NEW TABLE AS new_rows' : e === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows');
/** A trigger with transition tables names only those of its own event: empty stand-ins for the other side. */
const withStandIns = (e: Event, table: string, sql: string) => {
  const stand = e === 'INSERT' ? `old_rows AS (SELECT * FROM ${table} WHERE false)` : e === 'DELETE' ? `new_rows AS (SELECT * FROM ${table} WHERE false)` : '';
  return stand ? `WITH ${stand} ${sql}` : sql;
};

/** Adds signed contributions (`rows`: keys then measures, as `d`) to a rollup keyed by `keys`, one upsert. */
const upsert = (rollup: string, keys: string[], measures: string[], rows: string) => `
  INSERT INTO ${rollup} AS r (${[...keys, ...measures].join(', ')})
  SELECT ${keys.join(', ')}, ${measures.map((m) => `sum(${m})`).join(', ')} FROM (${rows}) d GROUP BY ${keys.join(', ')}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')}`;

/** A rollup's statement-level triggers: `body(event)` is the function's SQL for that event. */
async function triggers(q: QueryRunner, table: string, name: string, body: (e: Event) => string): Promise<void> {
  for (const e of EVENTS) {
    const fn = `${name}_on_${e.toLowerCase()}`;
    await q.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body(e)}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER ${fn} AFTER ${e} ON ${table} REFERENCING ${transition(e)} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
  }
}

async function dropTriggers(q: QueryRunner, table: string, name: string): Promise<void> {
  for (const e of EVENTS) {
    await q.query(`DROP TRIGGER ${name}_on_${e.toLowerCase()} ON ${table}`);
    await q.query(`DROP FUNCTION ${name}_on_${e.toLowerCase()}()`);
  }
}

/** Each organisation's path: itself first, then those above it (as migration 105's). */
const PATHS = `WITH RECURSIVE up AS (SELECT id AS org, id, parent_id, 0 AS depth FROM organisation
                 UNION ALL SELECT up.org, o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
               SELECT org, array_agg(id ORDER BY depth) AS path FROM up GROUP BY org`;

const LEAKING = `loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE')`;

export class InsightsStatisticsRollups1763800000170 implements MigrationInterface {
  name = 'InsightsStatisticsRollups1763800000170';

  async up(q: QueryRunner): Promise<void> {
    // Documents and their rollups (spend, orders and invoices per period and supplier).
    for (const d of DOCUMENTS) {
      await q.query(`CREATE TABLE ${d.table} (${d.id} int PRIMARY KEY, ${d.columns.map(([c, type]) => `${c} ${type}`).join(', ')})`);
      await q.query(`CREATE INDEX ${d.table}_mixed ON ${d.table} (${d.id}) WHERE mixed`);
      for (const g of DOCUMENT_GRAINS) {
        const rollup = `${d.prefix}_${g.suffix}`;
        const keys = ['organisation_id', g.period, ...(g.supplier ? ['supplier_id', 'free_text_supplier'] : [])];
        await q.query(`CREATE TABLE ${rollup} (
          organisation_id int NOT NULL, -- the subtree's top: this organisation and every one below it
          ${g.period} date NOT NULL,
          ${g.supplier ? 'supplier_id int, free_text_supplier text, -- an order from a supplier outside Torg: the name it was ordered under' : ''}
          ${d.measures.map(([m, type]) => `${m} ${type} NOT NULL`).join(', ')})`);
        // NULLS NOT DISTINCT: a supplier outside Torg (no id) is one key per name.
        await q.query(`CREATE UNIQUE INDEX ${rollup}_key ON ${rollup} (${keys.join(', ')})${g.supplier ? ' NULLS NOT DISTINCT' : ''}`);
        const rows = (sign: number, table: string) =>
          `SELECT a.organisation_id, date_trunc('${g.period}', month)::date AS ${g.period}${g.supplier ? ', supplier_id, free_text_supplier' : ''},
                  ${d.measures.map(([m, , e]) => `${sign} * ${e} AS ${m}`).join(', ')}
             FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id)`;
        const measures = d.measures.map(([m]) => m);
        await triggers(q, d.table, `${rollup}_rollup`, (e) => withStandIns(e, d.table, upsert(rollup, keys, measures, `${rows(1, 'new_rows')} UNION ALL ${rows(-1, 'old_rows')}`)));
      }
      // The fact lines' trigger: each document a statement touched is summed again from its live lines.
      const recompute = (e: Event) => {
        const stand = e === 'INSERT' ? `old_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : e === 'DELETE' ? `new_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : '';
        const cte = `WITH ${stand}touched AS (SELECT ${d.id} FROM new_rows UNION SELECT ${d.id} FROM old_rows)`;
        return `${cte} DELETE FROM ${d.table} x USING touched t WHERE x.${d.id} = t.${d.id};
                ${cte} INSERT INTO ${d.table} (${d.id}, ${d.columns.map(([c]) => c).join(', ')})
                SELECT f.${d.id}, ${d.columns.map(([, , e]) => e).join(', ')} FROM ${d.fact} f
                 WHERE f.${d.id} IN (SELECT ${d.id} FROM touched) AND ${d.live} GROUP BY f.${d.id}`;
      };
      await triggers(q, d.fact, `${d.table}_sum`, recompute);
      // Facts written before these rollups (the document rollups fill through their triggers).
      await q.query(
        `INSERT INTO ${d.table} (${d.id}, ${d.columns.map(([c]) => c).join(', ')}) SELECT f.${d.id}, ${d.columns.map(([, , e]) => e).join(', ')} FROM ${d.fact} f WHERE ${d.live} GROUP BY f.${d.id}`,
      );
    }

    // Ceiling use: ordered spend per agreement, month and subtree.
    await q.query(`CREATE TABLE insights_order_tree_agreement_month (
      organisation_id int NOT NULL, month date NOT NULL, agreement_id int NOT NULL, lines int NOT NULL, amount numeric NOT NULL,
      PRIMARY KEY (organisation_id, month, agreement_id))`);
    const agreementRows = (sign: number, table: string) =>
      `SELECT a.organisation_id, date_trunc('month', spend_date)::date AS month, agreement_id, ${sign} * (NOT cancelled)::int AS lines, ${sign} * (NOT cancelled)::int * amount AS amount
         FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id) WHERE agreement_id IS NOT NULL`;
    await triggers(q, 'insights_order_line', 'insights_order_tree_agreement_month_rollup', (e) =>
      withStandIns(
        e,
        'insights_order_line',
        upsert('insights_order_tree_agreement_month', ['organisation_id', 'month', 'agreement_id'], ['lines', 'amount'], `${agreementRows(1, 'new_rows')} UNION ALL ${agreementRows(-1, 'old_rows')}`),
      ),
    );
    await q.query(
      `INSERT INTO insights_order_tree_agreement_month SELECT organisation_id, month, agreement_id, sum(lines), sum(amount) FROM (${agreementRows(1, 'insights_order_line')}) d GROUP BY 1, 2, 3`,
    );

    // The newest off-agreement lines: each live leaking line under every organisation on its buyer's path, newest first by the key.
    for (const [fact, id, live] of [
      ['insights_order_line', 'order_line_id', 'NOT cancelled'],
      ['insights_invoice_line', 'invoice_line_id', 'true'],
    ] as const) {
      const index = fact.replace('_line', '_leak_tree');
      await q.query(`CREATE TABLE ${index} (organisation_id int NOT NULL, spend_date date NOT NULL, line_id int NOT NULL, PRIMARY KEY (organisation_id, spend_date, line_id))`);
      const entries = (table: string) => `SELECT a.organisation_id, spend_date, ${id} FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id) WHERE ${LEAKING} AND ${live}`;
      await triggers(q, fact, `${index}_keep`, (e) => {
        const remove = `DELETE FROM ${index} x USING (SELECT a.organisation_id, spend_date, ${id} FROM old_rows CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id)) o
                         WHERE x.organisation_id = o.organisation_id AND x.spend_date = o.spend_date AND x.line_id = o.${id}`;
        const add = `INSERT INTO ${index} ${entries('new_rows')} ON CONFLICT DO NOTHING`;
        return [e !== 'INSERT' ? remove : '', e !== 'DELETE' ? add : ''].filter(Boolean).join('; ');
      });
      await q.query(`INSERT INTO ${index} ${entries(fact)}`);
    }

    // Invoice exceptions per month and reason: the invoice's match fact gets its buyer's path too.
    await q.query('ALTER TABLE insights_invoice ADD COLUMN buyer_path int[]');
    await q.query(`UPDATE insights_invoice f SET buyer_path = p.path FROM (${PATHS}) p WHERE p.org = f.buyer_organisation_id`);
    await q.query('UPDATE insights_invoice SET buyer_path = ARRAY[buyer_organisation_id] WHERE buyer_path IS NULL');
    await q.query('ALTER TABLE insights_invoice ALTER COLUMN buyer_path SET NOT NULL');
    await q.query('ALTER TABLE insights_invoice ADD CONSTRAINT insights_invoice_buyer_path_starts_with_buyer CHECK (buyer_path[1] = buyer_organisation_id)');
    await q.query(`CREATE TABLE insights_invoice_exception_tree_month (
      organisation_id int NOT NULL, month date NOT NULL,
      reason text NOT NULL, -- '' for every invoice received, else a reason code
      invoices int NOT NULL, -- received (reason ''), or given this reason
      exceptions int NOT NULL, -- of those received, how many went to exception (reason '' only)
      PRIMARY KEY (organisation_id, month, reason))`);
    const exceptionRows = (sign: number, table: string) =>
      `SELECT a.organisation_id, date_trunc('month', received_date)::date AS month, r.reason, ${sign} AS invoices, ${sign} * CASE WHEN r.reason = '' THEN ever_exception::int ELSE 0 END AS exceptions
         FROM ${table} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id) CROSS JOIN LATERAL unnest(ARRAY[''] || reason_codes) AS r(reason)`;
    await triggers(q, 'insights_invoice', 'insights_invoice_exception_tree_month_rollup', (e) =>
      withStandIns(
        e,
        'insights_invoice',
        upsert(
          'insights_invoice_exception_tree_month',
          ['organisation_id', 'month', 'reason'],
          ['invoices', 'exceptions'],
          `${exceptionRows(1, 'new_rows')} UNION ALL ${exceptionRows(-1, 'old_rows')}`,
        ),
      ),
    );
    await q.query(
      `INSERT INTO insights_invoice_exception_tree_month SELECT organisation_id, month, reason, sum(invoices), sum(exceptions) FROM (${exceptionRows(1, 'insights_invoice')}) d GROUP BY 1, 2, 3`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await dropTriggers(q, 'insights_invoice', 'insights_invoice_exception_tree_month_rollup');
    await q.query('DROP TABLE insights_invoice_exception_tree_month');
    await q.query('ALTER TABLE insights_invoice DROP COLUMN buyer_path');
    for (const fact of ['insights_order_line', 'insights_invoice_line']) {
      const index = fact.replace('_line', '_leak_tree');
      await dropTriggers(q, fact, `${index}_keep`);
      await q.query(`DROP TABLE ${index}`);
    }
    await dropTriggers(q, 'insights_order_line', 'insights_order_tree_agreement_month_rollup');
    await q.query('DROP TABLE insights_order_tree_agreement_month');
    for (const d of DOCUMENTS) {
      await dropTriggers(q, d.fact, `${d.table}_sum`);
      for (const g of DOCUMENT_GRAINS) {
        await dropTriggers(q, d.table, `${d.prefix}_${g.suffix}_rollup`);
        await q.query(`DROP TABLE ${d.prefix}_${g.suffix}`);
      }
      await q.query(`DROP TABLE ${d.table}`);
    }
  }
}
