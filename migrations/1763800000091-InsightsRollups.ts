import { MigrationInterface, QueryRunner } from 'typeorm';

/** The measures a rollup keeps, as each fact line contributes them (`live` is 0 for a cancelled order's line). */
export const MEASURES: [string, string][] = [
  ['lines', 'live'],
  ['amount', 'live * amount'],
  ['on_agreement', `live * CASE WHEN loyalty = 'ON_AGREEMENT' THEN amount ELSE 0 END`],
  ['off_agreement', `live * CASE WHEN loyalty = 'OFF_AGREEMENT' THEN amount ELSE 0 END`],
  ['off_catalogue', `live * CASE WHEN loyalty = 'OFF_CATALOGUE' THEN amount ELSE 0 END`],
  ['not_covered', `live * CASE WHEN loyalty = 'NOT_COVERED' THEN amount ELSE 0 END`],
  ['supplier_loyal', `live * CASE WHEN supplier_loyalty = 'LOYAL' THEN amount ELSE 0 END`],
  ['supplier_outside', `live * CASE WHEN supplier_loyalty = 'AGREEMENT_SUPPLIER_OUTSIDE' THEN amount ELSE 0 END`],
  ['other_supplier', `live * CASE WHEN supplier_loyalty = 'OTHER_SUPPLIER' THEN amount ELSE 0 END`],
  ['leak_lines', `live * CASE WHEN loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') THEN 1 ELSE 0 END`],
  ['leak_amount', `live * CASE WHEN loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') THEN amount ELSE 0 END`],
  ['leak_alternatives', `live * CASE WHEN loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') AND alternative_item_id IS NOT NULL THEN 1 ELSE 0 END`],
  ['potential_saving', `live * CASE WHEN loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') THEN potential_saving ELSE 0 END`],
];

/** A fact table and its two rollups: per month and organisation, and per month, organisation and UNSPSC segment. */
export const FACTS = [
  { fact: 'insights_order_line', live: '(NOT cancelled)::int', prefix: 'insights_order' },
  { fact: 'insights_invoice_line', live: '1', prefix: 'insights_invoice' },
];

const rollupTable = (name: string, segment: boolean) => `
  CREATE TABLE ${name} (
    month                  date NOT NULL,
    buyer_organisation_id  int NOT NULL,
    ${segment ? "segment text NOT NULL, -- two digits; '' for lines without a code" : ''}
    ${MEASURES.map(([m]) => `${m} ${m.endsWith('lines') || m === 'leak_alternatives' ? 'int' : 'numeric'} NOT NULL`).join(',\n    ')},
    PRIMARY KEY (buyer_organisation_id, month${segment ? ', segment' : ''})
  )`;

/** Adds the deltas of a statement's changed fact rows (new rows +1, old rows −1) to a rollup, one statement. */
const applyDelta = (rollup: string, segment: boolean, live: string) => {
  const keys = ['month', 'buyer_organisation_id', ...(segment ? ['segment'] : [])];
  const row = (sign: number, table: string) =>
    `SELECT date_trunc('month', spend_date)::date AS month, buyer_organisation_id${segment ? ", coalesce(left(unspsc_code, 2), '') AS segment" : ''},
            ${MEASURES.map(([m, e]) => `${sign} * ${e.replace(/live/g, live)} AS ${m}`).join(', ')} FROM ${table}`;
  return `
      INSERT INTO ${rollup} AS r (${[...keys, ...MEASURES.map(([m]) => m)].join(', ')})
      SELECT ${keys.join(', ')}, ${MEASURES.map(([m]) => `sum(${m})`).join(', ')}
        FROM (${row(1, 'new_rows')} UNION ALL ${row(-1, 'old_rows')}) d
       GROUP BY ${keys.join(', ')}
      ON CONFLICT (${['buyer_organisation_id', 'month', ...(segment ? ['segment'] : [])].join(', ')})
      DO UPDATE SET ${MEASURES.map(([m]) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')};`;
};

/**
 * Rollups of insights' facts (issue 16 §4: "rollup tables if plain aggregates are too slow"):
 * per month and organisation, and per month, organisation and UNSPSC segment, with the loyalty
 * and leakage measures pivoted into columns. Kept exact by statement-level triggers on the fact
 * tables (transition tables: one set-based upsert per statement, whatever it changed), in the
 * same transaction as the facts. Reports grouped by period, organisation or segment without
 * finer filters read these instead of a million lines (insight-query.ts decides).
 */
export class InsightsRollups1763800000091 implements MigrationInterface {
  name = 'InsightsRollups1763800000091';

  async up(q: QueryRunner): Promise<void> {
    for (const { fact, live, prefix } of FACTS) {
      await q.query(rollupTable(`${prefix}_month`, false));
      await q.query(rollupTable(`${prefix}_segment_month`, true));
      // A trigger with transition tables names only those of its own event: empty stand-ins for the other side.
      const body = (event: 'INSERT' | 'UPDATE' | 'DELETE') => {
        const stand = event === 'INSERT' ? `old_rows AS (SELECT * FROM ${fact} WHERE false)` : event === 'DELETE' ? `new_rows AS (SELECT * FROM ${fact} WHERE false)` : '';
        const wrap = (sql: string) => (stand ? sql.replace('INSERT INTO', `WITH ${stand} INSERT INTO`) : sql);
        return `${wrap(applyDelta(`${prefix}_month`, false, live))}\n${wrap(applyDelta(`${prefix}_segment_month`, true, live))}`;
      };
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        const fn = `${prefix}_rollup_on_${event.toLowerCase()}`;
        await q.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body(event)} RETURN NULL; END $$`);
        const transition = event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(`CREATE TRIGGER ${fn} AFTER ${event} ON ${fact} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
      // Facts written before the rollups existed.
      await q.query(
        `INSERT INTO ${prefix}_month SELECT date_trunc('month', spend_date)::date, buyer_organisation_id, ${MEASURES.map(([, e]) => `sum(${e.replace(/live/g, live)})`).join(', ')} FROM ${fact} GROUP BY 1, 2`,
      );
      await q.query(
        `INSERT INTO ${prefix}_segment_month SELECT date_trunc('month', spend_date)::date, buyer_organisation_id, coalesce(left(unspsc_code, 2), ''), ${MEASURES.map(([, e]) => `sum(${e.replace(/live/g, live)})`).join(', ')} FROM ${fact} GROUP BY 1, 2, 3`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { fact, prefix } of FACTS) {
      for (const event of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER ${prefix}_rollup_on_${event} ON ${fact}`);
        await q.query(`DROP FUNCTION ${prefix}_rollup_on_${event}()`);
      }
      await q.query(`DROP TABLE ${prefix}_month, ${prefix}_segment_month`);
    }
  }
}
