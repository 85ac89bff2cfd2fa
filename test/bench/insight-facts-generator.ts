import type { Client } from 'pg';

/** What the generated world holds: the organisation trees and their suppliers. */
export interface InsightWorld {
  municipalities: number[];
  /** Every buyer organisation (municipalities and their units). */
  buyers: number[];
  suppliers: number[];
}

/**
 * Generates the insight benchmark's world straight into the fact tables, set-based (INSERT …
 * SELECT generate_series): `municipalities` buyer trees of 1 + `unitsEach` organisations (all
 * taking part in the demo purchasing unit's agreement 2025-001, so its purchaser sees them),
 * `supplierCount` suppliers, `orderLines` order-line facts (5 lines an order) and as many
 * invoice-line facts (4 lines an invoice) over 36 months and 10,000 UNSPSC codes in 56 segments.
 * Spend is skewed (a few organisations buy much more than most); 70 % of ordered lines are on
 * agreement, 18 % off agreement (60 % of those with a cheaper alternative), 12 % not covered;
 * 85 % of invoices have an order, 3 % are credit notes, 20 % went to exception.
 */
export async function generateInsightFacts(pg: Client, o: { municipalities: number; unitsEach: number; supplierCount: number; orderLines: number; invoiceLines: number }): Promise<InsightWorld> {
  const [{ id: agreementId }] = (await pg.query(`SELECT id FROM agreement WHERE reference = '2025-001'`)).rows;
  const municipalities: number[] = (
    await pg.query(`INSERT INTO organisation (name, org_number, kind) SELECT 'Bench kommune ' || i, '7' || lpad(i::text, 8, '0'), 'BUYER' FROM generate_series(1, $1) i RETURNING id`, [
      o.municipalities,
    ])
  ).rows.map((r) => r.id);
  await pg.query(
    `INSERT INTO organisation (name, org_number, kind, parent_id)
     SELECT 'Bench enhet ' || m || '-' || u, '8' || lpad((m * 1000 + u)::text, 8, '0'), 'BUYER', m FROM unnest($1::int[]) m, generate_series(1, $2) u`,
    [municipalities, o.unitsEach],
  );
  await pg.query('INSERT INTO agreement_participant (agreement_id, organisation_id, valid_from) SELECT a.id, unnest($2::int[]), a.valid_from FROM agreement a WHERE a.id = $1', [
    agreementId,
    municipalities,
  ]);
  const buyerRows: { id: number; parent_id: number | null }[] = (await pg.query(`SELECT id, parent_id FROM organisation WHERE id = ANY($1) OR parent_id = ANY($1) ORDER BY id`, [municipalities])).rows;
  const buyers = buyerRows.map((r) => r.id);
  // Each buyer's path as SpendFactWriter writes it (itself, then the municipality above a unit): the trees here are two levels deep.
  const parents = buyerRows.map((r) => r.parent_id);
  const path = (index: string) => `ARRAY[($2::int[])[${index}]] || CASE WHEN ($5::int[])[${index}] IS NULL THEN '{}'::int[] ELSE ARRAY[($5::int[])[${index}]] END`;
  const suppliers: number[] = (
    await pg.query(`INSERT INTO organisation (name, org_number, kind) SELECT 'Bench leverandør ' || i, '6' || lpad(i::text, 8, '0'), 'SUPPLIER' FROM generate_series(1, $1) i RETURNING id`, [
      o.supplierCount,
    ])
  ).rows.map((r) => r.id);

  // The demo world's own orders and invoices have facts already: the generated ids start after theirs.
  const base: { orderLine: string; order: string; invoiceLine: string; invoice: string } = (
    await pg.query(
      `SELECT (SELECT coalesce(max(order_line_id), 0) FROM insights_order_line)::text AS "orderLine", (SELECT coalesce(max(order_id), 0) FROM insights_order_line)::text AS "order",
              (SELECT coalesce(max(invoice_line_id), 0) FROM insights_invoice_line)::text AS "invoiceLine", (SELECT coalesce(max(invoice_id), 0) FROM insights_invoice_line)::text AS invoice`,
    )
  ).rows[0];

  // 10,000 codes: 56 segments (10–65), families, classes and commodities below them.
  const codes = `(SELECT array_agg((10 + i % 56)::text || (10 + (i / 56) % 9 * 10)::text || (10 + (i / 504) % 20 * 4)::text || lpad((1 + (i * 7) % 97)::text, 2, '0') ORDER BY i)
                    FROM generate_series(0, 9999) i)`;
  // A skewed pick among n: the 5 % largest organisations take about a fifth of the spend.
  const pick = (key: string, n: string) => `1 + floor(${n} * power(((${key}) * 7919 % 10007) / 10007.0, 1.7))::int`;
  await pg.query(
    `WITH c AS (SELECT ${codes} AS codes), l AS (
       SELECT g, (g - 1) / 5 + 1 AS o, ${pick('((g - 1) / 5 + 1)', 'array_length($2::int[], 1)')} AS b, (g * 37) % 100 AS r, 1 + g % 20 AS qty, round(10 + (g * 13 % 2000) / 7.0, 2) AS price,
              now() - (((((g - 1) / 5 + 1) * 104729) % (36 * 30 * 1440)) * interval '1 minute') AS approved
         FROM generate_series(1, $1::bigint) g)
     INSERT INTO insights_order_line (order_line_id, order_id, order_no, buyer_organisation_id, buyer_path, supplier_id, supplier_name, currency, submitted_at, approved_at, spend_date,
            unspsc_code, quantity, unit_code, unit_price, amount, loyalty, supplier_loyalty, agreement_id, covering_agreement_ids, justification_code, justification_text,
            alternative_item_id, alternative_agreement_id, alternative_name, alternative_unit_price, alternative_level, potential_saving, cancelled, recorded_at)
     SELECT g + $6::bigint, o + $7::bigint, 'PO-' || o, ($2::int[])[b], ${path('b')}, ($3::int[])[(1 + (o * 31) % array_length($3::int[], 1))::int], 'Bench leverandør', 'NOK',
            approved - (o % 72) * interval '1 hour', approved, (approved AT TIME ZONE 'Europe/Oslo')::date,
            c.codes[(1 + (g * 7) % 10000)::int], qty, 'EA', price, round(qty * price, 2),
            CASE WHEN r < 70 THEN 'ON_AGREEMENT' WHEN r < 88 THEN 'OFF_AGREEMENT' ELSE 'NOT_COVERED' END,
            CASE WHEN r < 70 THEN 'LOYAL' WHEN r < 79 THEN 'AGREEMENT_SUPPLIER_OUTSIDE' ELSE 'OTHER_SUPPLIER' END,
            CASE WHEN r < 70 THEN $4::int END, CASE WHEN r BETWEEN 70 AND 87 THEN ARRAY[$4::int] ELSE '{}' END,
            CASE WHEN r BETWEEN 70 AND 87 THEN 'URGENT_NEED' END, CASE WHEN r BETWEEN 70 AND 87 THEN 'Trengte det i dag' END,
            CASE WHEN r BETWEEN 70 AND 80 THEN g END, CASE WHEN r BETWEEN 70 AND 80 THEN $4::int END, CASE WHEN r BETWEEN 70 AND 80 THEN 'Alternativ vare' END,
            CASE WHEN r BETWEEN 70 AND 80 THEN round(price * 0.8, 2) END, CASE WHEN r BETWEEN 70 AND 80 THEN 'COMMODITY' END,
            CASE WHEN r BETWEEN 70 AND 80 THEN round(qty * price, 2) - round(qty * round(price * 0.8, 2), 2) ELSE 0 END,
            o % 50 = 0, now()
       FROM l, c`,
    [o.orderLines, buyers, suppliers, agreementId, parents, base.orderLine, base.order],
  );
  await pg.query(
    `WITH c AS (SELECT ${codes} AS codes), l AS (
       SELECT g, (g - 1) / 4 + 1 AS inv, ${pick('((g - 1) / 4 + 1)', 'array_length($2::int[], 1)')} AS b, (g * 41) % 100 AS r, 1 + g % 20 AS qty, round(10 + (g * 17 % 2000) / 7.0, 2) AS price,
              (now() - (((((g - 1) / 4 + 1) * 104723) % (36 * 30 * 1440)) * interval '1 minute')) AS received
         FROM generate_series(1, $1::bigint) g),
     f AS (SELECT *, inv % 20 <> 0 AND inv % 20 <> 7 AND inv % 20 <> 13 AS with_order, inv % 33 = 0 AS credit FROM l)
     INSERT INTO insights_invoice_line (invoice_line_id, invoice_id, kind, invoice_number, buyer_organisation_id, buyer_path, supplier_id, invoice_agreement_id, order_id, order_line_id,
            currency, issue_date, spend_date, received_at, approved_at, order_submitted_at, unspsc_code, quantity, unit_code, amount, loyalty, supplier_loyalty, agreement_id,
            alternative_unit_price, alternative_level, potential_saving, recorded_at)
     SELECT g + $6::bigint, inv + $7::bigint, CASE WHEN credit THEN 'CREDIT_NOTE' ELSE 'INVOICE' END, 'F-' || inv, ($2::int[])[b], ${path('b')},
            ($3::int[])[(1 + (inv * 31) % array_length($3::int[], 1))::int], $4::int, CASE WHEN with_order THEN inv + $8::bigint END, CASE WHEN with_order THEN g + $9::bigint END,
            'NOK', (received AT TIME ZONE 'Europe/Oslo')::date - 1, (received AT TIME ZONE 'Europe/Oslo')::date - 1, received, received + interval '2 days',
            CASE WHEN with_order THEN received - (inv % 30) * interval '1 day' END, c.codes[(1 + (g * 11) % 10000)::int], qty, 'EA',
            CASE WHEN credit THEN -1 ELSE 1 END * round(qty * price, 2),
            CASE WHEN NOT with_order THEN 'OFF_CATALOGUE' WHEN r < 72 THEN 'ON_AGREEMENT' WHEN r < 90 THEN 'OFF_AGREEMENT' ELSE 'NOT_COVERED' END,
            CASE WHEN with_order AND r < 72 THEN 'LOYAL' WHEN r < 85 THEN 'AGREEMENT_SUPPLIER_OUTSIDE' ELSE 'OTHER_SUPPLIER' END,
            CASE WHEN with_order AND r < 72 THEN $4::int END,
            CASE WHEN r BETWEEN 72 AND 80 THEN round(price * 0.8, 2) END, CASE WHEN r BETWEEN 72 AND 80 THEN 'CLASS' END,
            CASE WHEN r BETWEEN 72 AND 80 THEN CASE WHEN credit THEN -1 ELSE 1 END * (round(qty * price, 2) - round(qty * round(price * 0.8, 2), 2)) ELSE 0 END, now()
       FROM f, c`,
    [o.invoiceLines, buyers, suppliers, agreementId, parents, base.invoiceLine, base.invoice, base.order, base.orderLine],
  );
  await pg.query(
    `INSERT INTO insights_invoice (invoice_id, buyer_organisation_id, buyer_path, supplier_id, received_at, received_date, match_status, reason_codes, ever_exception, matched_recorded_at)
     SELECT invoice_id, min(buyer_organisation_id), min(buyer_path), min(supplier_id), min(received_at), (min(received_at) AT TIME ZONE 'Europe/Oslo')::date,
            CASE WHEN invoice_id % 10 = 8 THEN 'EXCEPTION' WHEN invoice_id % 10 = 9 THEN 'WAITING' ELSE 'MATCHED' END,
            CASE WHEN invoice_id % 10 < 8 THEN '{}'::text[] WHEN invoice_id % 4 = 0 THEN ARRAY['PRICE_VARIANCE'] WHEN invoice_id % 4 = 1 THEN ARRAY['QUANTITY_VARIANCE']
                 WHEN invoice_id % 4 = 2 THEN ARRAY['NOT_RECEIVED'] ELSE ARRAY['NO_ORDER_LINE', 'PRICE_VARIANCE'] END,
            invoice_id % 10 >= 8, now()
       FROM insights_invoice_line WHERE invoice_id > $1 GROUP BY invoice_id`,
    [base.invoice],
  );
  // The rollups too: the triggers filled them, and without statistics the planner guesses their size.
  const insights = (await pg.query(`SELECT string_agg(tablename, ', ') AS t FROM pg_tables WHERE tablename LIKE 'insights\\_%'`)).rows[0].t;
  await pg.query(`VACUUM ANALYZE organisation, agreement_participant, ${insights}`);
  return { municipalities, buyers, suppliers };
}
