import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a bought item was eco-labelled (issue 17 §2), recorded where the line is bought so a
 * later catalogue version that drops the label does not rewrite history: a cart line's and an
 * order line's snapshot (`cart_line`, `purchase_order_line`), and insights' ordered and invoiced
 * fact lines (`insights_order_line`, `insights_invoice_line`). Null is "unknown": a free-text
 * line, an invoice line on no order line. The rollup tables and their triggers are untouched: the
 * eco-labelled spend report reads the fact lines through their (buyer, date) index.
 *
 * Lines bought before this are filled in from the item row they snapshot (a published version's
 * rows are never changed) with the rule of `src/catalogues/eco-label.ts`, written out here as it
 * stands today so the migration does not change with the code.
 */
const LABEL_NAMES = `ARRAY['ecolabel', 'eco-label', 'eco_label', 'miljømerke', 'miljomerke', 'miljømerking']::text[]`;
const NO_LABEL = `ARRAY['', '-', 'nei', 'no', 'ingen', 'none']::text[]`;
const ECO_LABELLED = `EXISTS (SELECT 1 FROM unnest(ci.attr_facets) f WHERE split_part(f, '=', 1) = ANY(${LABEL_NAMES}) AND btrim(substr(f, strpos(f, '=') + 1)) <> ALL(${NO_LABEL}))`;

export class EcoLabelledLines1763800000177 implements MigrationInterface {
  name = 'EcoLabelledLines1763800000177';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['cart_line', 'purchase_order_line', 'insights_order_line', 'insights_invoice_line']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN eco_labelled boolean`);
    }
    for (const table of ['cart_line', 'purchase_order_line']) {
      await q.query(`UPDATE ${table} l SET eco_labelled = ${ECO_LABELLED} FROM catalogue_item ci WHERE ci.id = l.catalogue_item_id`);
    }
    // Only eco_labelled changes: no rollup sums it, so their statement triggers sit this out.
    for (const fact of ['insights_order_line', 'insights_invoice_line']) await q.query(`ALTER TABLE ${fact} DISABLE TRIGGER USER`);
    await q.query(`UPDATE insights_order_line f SET eco_labelled = l.eco_labelled FROM purchase_order_line l WHERE l.id = f.order_line_id AND l.eco_labelled IS NOT NULL`);
    await q.query(`UPDATE insights_invoice_line f SET eco_labelled = l.eco_labelled FROM purchase_order_line l WHERE l.id = f.order_line_id AND l.eco_labelled IS NOT NULL`);
    for (const fact of ['insights_order_line', 'insights_invoice_line']) await q.query(`ALTER TABLE ${fact} ENABLE TRIGGER USER`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['insights_invoice_line', 'insights_order_line', 'purchase_order_line', 'cart_line']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN eco_labelled`);
    }
  }
}
