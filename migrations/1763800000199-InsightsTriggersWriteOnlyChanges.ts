import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insights triggers write only what changed (issue 16 §6a: about two thirds of PostgreSQL's
 * statement time per 5-line invoice was the spend facts' background, most of it in these triggers).
 *
 * 1. Every statement-level trigger with transition tables on an insights table returns at once
 *    when its event touched no row. One fact writer statement (`INSERT … ON CONFLICT DO UPDATE`
 *    with a `DELETE` in a CTE) fires the INSERT, UPDATE and DELETE triggers of every rollup, two
 *    of three with empty transition tables: each still ran its upserts (and the document sum its
 *    delete and insert, whose own triggers ran theirs). A trigger computes its deltas from its
 *    transition tables only, so with none it would change nothing: skipping is exact.
 * 2. The document sums (migration 170's `insights_{order,invoice}_document`) are upserted, and only
 *    documents whose sum changed are written; a document with no live line left is deleted, and
 *    that statement runs only when one exists (and never for an INSERT event: adding lines leaves
 *    no document without one). They were deleted and inserted again for every document a
 *    statement touched, so the document rollups (170's per month and supplier, 176's over all
 *    time) subtracted and added back every touched document. Those rollups' UPDATE triggers add
 *    the new row and subtract the old one, as their DELETE and INSERT triggers did, so an updated
 *    document keeps them exact (176's comment, "replaced, never edited in place", no longer holds
 *    and is not needed).
 *
 * The functions are rewritten in place from their stored source (a guard put in front of the
 * body, marked so that `down` takes it out again): the rollups' definitions stay in the
 * migrations that made them. Those present when this runs are guarded, which in a new database
 * is every rollup up to migration 198 (a rollup added later runs unguarded until it guards
 * itself: exact either way). The fact tables keep no foreign keys (they never had any:
 * their ids are the source rows', whose own keys hold), so no key check is added per fact line.
 */

const GUARD_MARK = '/* 199: skip an empty statement */';

/** The document sums of migration 170 (a frozen copy of what that migration keeps per document). */
const DOCUMENTS = [
  {
    table: 'insights_order_document',
    fact: 'insights_order_line',
    id: 'order_id',
    live: 'NOT f.cancelled',
    columns: [
      ['buyer_path', 'min(f.buyer_path)'],
      ['month', "min(date_trunc('month', f.spend_date))::date"],
      ['supplier_id', 'min(f.supplier_id)'],
      ['free_text_supplier', 'min(CASE WHEN f.supplier_id IS NULL THEN f.supplier_name END)'],
      ['lines', 'count(*)'],
      ['amount', 'sum(f.amount)'],
      ['approval_secs', 'extract(epoch FROM min(f.approved_at) - min(f.submitted_at))'],
      ['mixed', "count(DISTINCT (f.buyer_path, date_trunc('month', f.spend_date), f.supplier_id, CASE WHEN f.supplier_id IS NULL THEN f.supplier_name END)) > 1"],
    ],
  },
  {
    table: 'insights_invoice_document',
    fact: 'insights_invoice_line',
    id: 'invoice_id',
    live: 'true',
    columns: [
      ['buyer_path', 'min(f.buyer_path)'],
      ['month', "min(date_trunc('month', f.spend_date))::date"],
      ['supplier_id', 'min(f.supplier_id)'],
      ['free_text_supplier', 'NULL::text'],
      ['lines', 'count(*)'],
      ['amount', 'sum(f.amount)'],
      ['kind', 'min(f.kind)'],
      ['with_order', 'bool_or(f.order_id IS NOT NULL)'],
      ['lead_secs', 'extract(epoch FROM min(f.received_at) - min(f.order_submitted_at))'],
      ['mixed', "count(DISTINCT (f.buyer_path, date_trunc('month', f.spend_date), f.supplier_id)) > 1"],
    ],
  },
] as const;

type Event = 'insert' | 'update' | 'delete';
const EVENTS: Event[] = ['insert', 'update', 'delete'];

/** The guard: the transition table that holds the event's rows (an UPDATE's old and new rows are as many). */
const guard = (e: Event) => `${GUARD_MARK} IF NOT EXISTS (SELECT FROM ${e === 'insert' ? 'new_rows' : 'old_rows'}) THEN RETURN NULL; END IF;`;

/** A document sum's body for an event: delete the documents left without a live line, upsert those whose sum changed. */
function documentSum(d: (typeof DOCUMENTS)[number], e: Event): string {
  const stand = e === 'insert' ? `old_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : e === 'delete' ? `new_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : '';
  const touched = `WITH ${stand}touched AS (SELECT ${d.id} FROM new_rows UNION SELECT ${d.id} FROM old_rows)`;
  const columns = d.columns.map(([c]) => c);
  const orphans = `FROM ${d.table} x WHERE x.${d.id} IN (SELECT ${d.id} FROM touched)
                     AND NOT EXISTS (SELECT FROM ${d.fact} f WHERE f.${d.id} = x.${d.id} AND ${d.live})`;
  const remove =
    e === 'insert'
      ? ''
      : `IF EXISTS (${touched} SELECT ${orphans}) THEN
           ${touched} DELETE ${orphans};
         END IF;`;
  return `BEGIN ${guard(e)}
    ${remove}
    ${touched} INSERT INTO ${d.table} AS x (${d.id}, ${columns.join(', ')})
    SELECT f.${d.id}, ${d.columns.map(([, expr]) => expr).join(', ')} FROM ${d.fact} f
     WHERE f.${d.id} IN (SELECT ${d.id} FROM touched) AND ${d.live} GROUP BY f.${d.id}
    ON CONFLICT (${d.id}) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${columns.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')});
    RETURN NULL;
  END`;
}

/** The statement-level triggers with transition tables on insights tables, with their functions' source. */
const STATEMENT_TRIGGERS = `
  SELECT p.proname AS fn, p.prosrc AS src, CASE WHEN t.tgtype & 4 <> 0 THEN 'insert' WHEN t.tgtype & 8 <> 0 THEN 'delete' ELSE 'update' END AS event
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
   WHERE NOT t.tgisinternal AND c.relname LIKE 'insights\\_%' AND t.tgtype & 1 = 0 AND (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL)
   ORDER BY 1`;

const replaceFunction = (fn: string, src: string) => `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$${src}$fn$`;

export class InsightsTriggersWriteOnlyChanges1763800000199 implements MigrationInterface {
  name = 'InsightsTriggersWriteOnlyChanges1763800000199';

  async up(q: QueryRunner): Promise<void> {
    for (const d of DOCUMENTS) for (const e of EVENTS) await q.query(replaceFunction(`${d.table}_sum_on_${e}`, documentSum(d, e)));
    const triggers: { fn: string; src: string; event: Event }[] = await q.query(STATEMENT_TRIGGERS);
    for (const t of triggers) {
      if (t.src.includes(GUARD_MARK)) continue;
      if (!/^\s*BEGIN\b/i.test(t.src)) throw new Error(`${t.fn}: expected a body starting with BEGIN, found ${t.src.slice(0, 40)}`);
      await q.query(replaceFunction(t.fn, t.src.replace(/^\s*BEGIN\b/i, ` BEGIN ${guard(t.event)}`)));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Migration 170's document sums (delete and insert every touched document), then the guards out.
    for (const d of DOCUMENTS) {
      for (const e of EVENTS) {
        const stand = e === 'insert' ? `old_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : e === 'delete' ? `new_rows AS (SELECT * FROM ${d.fact} WHERE false), ` : '';
        const cte = `WITH ${stand}touched AS (SELECT ${d.id} FROM new_rows UNION SELECT ${d.id} FROM old_rows)`;
        await q.query(
          replaceFunction(
            `${d.table}_sum_on_${e}`,
            ` BEGIN ${cte} DELETE FROM ${d.table} x USING touched t WHERE x.${d.id} = t.${d.id};
                ${cte} INSERT INTO ${d.table} (${d.id}, ${d.columns.map(([c]) => c).join(', ')})
                SELECT f.${d.id}, ${d.columns.map(([, expr]) => expr).join(', ')} FROM ${d.fact} f
                 WHERE f.${d.id} IN (SELECT ${d.id} FROM touched) AND ${d.live} GROUP BY f.${d.id}; RETURN NULL; END `,
          ),
        );
      }
    }
    const triggers: { fn: string; src: string; event: Event }[] = await q.query(STATEMENT_TRIGGERS);
    for (const t of triggers) {
      if (t.src.includes(GUARD_MARK)) await q.query(replaceFunction(t.fn, t.src.replace(guard(t.event), '')));
    }
  }
}
