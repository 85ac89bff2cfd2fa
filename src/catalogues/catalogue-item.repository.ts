import { Injectable } from '@nestjs/common';
import { unspscPrefix } from '../classification/unspsc-code';
import { RequestContext } from '../platform/context/request-context';
import { copyRows } from '../platform/database/copy-rows';
import { ECO_LABEL_SQL } from './eco-label';
import type { CheaperItem, CheaperNeed, ItemReference, PurchasableItem } from './purchasable-item';
import { CHANGED_FIELDS_SQL, COPY_ITEMS_SQL, ITEM_COLUMNS, ITEM_OUTPUT_SQL, itemRow, UPSERT_ITEMS_SQL, upsertParams } from './catalogue-item-fields';
import type { CatalogueItemInput } from './catalogue-line';

/** One row of the review: an item added, removed or changed against the version in force. */
export interface ItemChangeRow {
  seller_item_id: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  name: string | null;
  old_price: string | null;
  new_price: string | null;
  pct: string | null;
  fields: string[];
}

/** An item whose price a version raises, with the base a price clause measures it from. */
export interface PriceIncreaseRow {
  sellerItemId: string;
  name: string;
  oldPrice: string;
  newPrice: string;
  basePrice: string;
}

export interface ItemChangeSummary {
  added: number;
  removed: number;
  changed: number;
  priceChanges: number;
  averagePct: number | null;
  total: number;
}

/** Items of version $1 against version $2 (-1: none), by seller item id. */
const DIFF_SQL = `
  WITH n AS (SELECT * FROM catalogue_item WHERE version_id = $1),
       o AS (SELECT * FROM catalogue_item WHERE version_id = $2),
       d AS (
         SELECT coalesce(n.seller_item_id, o.seller_item_id) AS seller_item_id,
                CASE WHEN o.id IS NULL THEN 'ADDED' WHEN n.id IS NULL THEN 'REMOVED' ELSE 'CHANGED' END AS change,
                coalesce(n.name, o.name) AS name, o.price AS old_price, n.price AS new_price,
                CASE WHEN o.price IS NOT NULL AND n.price IS NOT NULL AND o.price <> n.price THEN round((n.price - o.price) / o.price * 100, 2) END AS pct,
                array_remove(${CHANGED_FIELDS_SQL}, NULL) AS fields
           FROM n FULL JOIN o ON o.seller_item_id = n.seller_item_id)
  SELECT * FROM d WHERE change <> 'CHANGED' OR cardinality(fields) > 0`;

/** An item with its version's agreement and supplier, as ordering snapshots it. */
const PURCHASABLE_SQL = `ci.id::text AS "itemId", v.id AS "versionId", v.agreement_id AS "agreementId", v.supplier_id AS "supplierId",
  ci.seller_item_id AS "sellerItemId", ci.name, ci.unspsc_code AS "unspscCode", ci.price::text AS price, ci.currency,
  ci.vat_rate::text AS "vatRate", ci.unit_code AS "unitCode", ci.gtin, ci.orderable,
  to_char(ci.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(ci.valid_to, 'YYYY-MM-DD') AS "validTo",
  ${ECO_LABEL_SQL('ci.attr_facets')} AS "ecoLabelled"`;

/**
 * The item `ci` can be ordered on the date in parameter `day`: orderable by itself and within its
 * own validity. The rule of purchaseRefusal (purchasable-item.ts) and of the search engines.
 */
const AVAILABLE_ON = (day: string) => `ci.orderable AND (ci.valid_from IS NULL OR ci.valid_from <= ${day}::date) AND (ci.valid_to IS NULL OR ci.valid_to >= ${day}::date)`;

/** The one home of the SQL on `catalogue_item`. */
@Injectable()
export class CatalogueItemRepository {
  /** Bulk insert with COPY (full catalogues: the upload's hot path). */
  async insert(tx: RequestContext, versionId: number, items: CatalogueItemInput[]): Promise<void> {
    if (!items.length) return;
    await copyRows(
      tx.manager,
      'catalogue_item',
      ['version_id', ...ITEM_COLUMNS],
      items.map((i) => itemRow(versionId, i)),
    );
  }

  /** Inserts, or replaces by seller item id (UBL Update). */
  async upsert(tx: RequestContext, versionId: number, items: CatalogueItemInput[]): Promise<void> {
    if (!items.length) return;
    await tx.manager.query(UPSERT_ITEMS_SQL, upsertParams(versionId, items));
  }

  /** Every item of one version into another (an Update starts from the version in force). */
  async copyVersion(tx: RequestContext, toVersionId: number, fromVersionId: number): Promise<void> {
    await tx.manager.query(COPY_ITEMS_SQL, [toVersionId, fromVersionId]);
  }

  /** Deletes the item with this seller item id (or, without one, this GTIN); false when there was none. */
  async delete(tx: RequestContext, versionId: number, sellerItemId: string, gtin: string | null): Promise<boolean> {
    const res = await tx.manager.query("DELETE FROM catalogue_item WHERE version_id = $1 AND (seller_item_id = $2 OR ($2 = '' AND gtin = $3)) RETURNING id", [versionId, sellerItemId, gtin]);
    return !!res[1] || (Array.isArray(res[0]) && res[0].length > 0);
  }

  /** Which of these seller item ids the version holds. */
  async present(tx: RequestContext, versionId: number, sellerItemIds: string[]): Promise<Set<string>> {
    const rows: { seller_item_id: string }[] = await tx.manager.query('SELECT seller_item_id FROM catalogue_item WHERE version_id = $1 AND seller_item_id = ANY($2)', [versionId, sellerItemIds]);
    return new Set(rows.map((r) => r.seller_item_id));
  }

  async count(ctx: RequestContext, versionId: number): Promise<number> {
    const [{ n }] = await ctx.manager.query('SELECT count(*)::int AS n FROM catalogue_item WHERE version_id = $1', [versionId]);
    return n;
  }

  /** A page of the version's items as the API shows them, in file order. */
  page(ctx: RequestContext, versionId: number, offset: number, limit: number): Promise<Record<string, unknown>[]> {
    return ctx.manager.query(`SELECT ${ITEM_OUTPUT_SQL} FROM catalogue_item WHERE version_id = $1 ORDER BY line_no, id OFFSET $2 LIMIT $3`, [versionId, offset, limit]);
  }

  async changeSummary(ctx: RequestContext, versionId: number, againstId: number | null): Promise<ItemChangeSummary> {
    const [summary] = await ctx.manager.query(
      `SELECT count(*) FILTER (WHERE change = 'ADDED')::int AS added, count(*) FILTER (WHERE change = 'REMOVED')::int AS removed,
              count(*) FILTER (WHERE change = 'CHANGED')::int AS changed, count(pct)::int AS "priceChanges", round(avg(pct), 2)::float AS "averagePct", count(*)::int AS total
         FROM (${DIFF_SQL}) x`,
      [versionId, againstId ?? -1],
    );
    return summary;
  }

  /** A page of the changes, largest price changes first. */
  changes(ctx: RequestContext, versionId: number, againstId: number | null, offset: number, limit: number): Promise<ItemChangeRow[]> {
    return ctx.manager.query(`${DIFF_SQL} ORDER BY abs(pct) DESC NULLS LAST, change, seller_item_id OFFSET $3 LIMIT $4`, [versionId, againstId ?? -1, offset, limit]);
  }

  /** Items under each UNSPSC node among the published versions of the given agreements. */
  async countsUnder(ctx: RequestContext, codes: string[], agreementIds: number[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(codes.map((c) => [c, 0]));
    if (!codes.length || !agreementIds.length) return counts;
    const rows: { code: string; n: number }[] = await ctx.manager.query(
      `SELECT p.code, count(ci.id)::int AS n
         FROM unnest($1::text[], $2::text[]) AS p(code, prefix)
         JOIN catalogue_item ci ON ci.unspsc_code LIKE p.prefix || '%'
         JOIN catalogue_version cv ON cv.id = ci.version_id AND cv.status = 'PUBLISHED' AND cv.agreement_id = ANY($3)
        GROUP BY p.code`,
      [codes, codes.map(unspscPrefix), agreementIds],
    );
    for (const r of rows) counts.set(r.code, r.n);
    return counts;
  }

  /**
   * The item, if it belongs to a PUBLISHED version (draft, rejected and superseded versions sell
   * nothing) and, with `availableOn` (YYYY-MM-DD), if it can be ordered that day.
   */
  async published(ctx: RequestContext, itemId: string, availableOn?: string): Promise<PurchasableItem | null> {
    const [row] = await ctx.manager.query(
      `SELECT ${PURCHASABLE_SQL} FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED'
        WHERE ci.id = $1 ${availableOn ? `AND ${AVAILABLE_ON('$2')}` : ''}`,
      availableOn ? [itemId, availableOn] : [itemId],
    );
    return row ?? null;
  }

  /** The agreement and supplier's item number of each of these items that exists (any version): the key favourites and templates name items by. */
  keys(ctx: RequestContext, itemIds: readonly string[]): Promise<{ itemId: string; agreementId: number; sellerItemId: string }[]> {
    return ctx.manager.query(
      `SELECT ci.id::text AS "itemId", v.agreement_id AS "agreementId", ci.seller_item_id AS "sellerItemId"
         FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id
        WHERE ci.id = ANY($1::bigint[])`,
      [itemIds],
    );
  }

  /** For each reference: whether its version is still in force, and the same seller item in the agreement's version in force. */
  async now(ctx: RequestContext, refs: readonly ItemReference[]): Promise<{ k: number; versionInForce: boolean; current: PurchasableItem | null }[]> {
    if (!refs.length) return [];
    const rows: ({ k: number; versionInForce: boolean } & Partial<PurchasableItem>)[] = await ctx.manager.query(
      `SELECT r.k, (cur.id = r.version_id) IS TRUE AS "versionInForce", ${PURCHASABLE_SQL.replace(/\bv\./g, 'cur.')}
         FROM unnest($1::int[], $2::int[], $3::text[]) WITH ORDINALITY AS r(version_id, agreement_id, seller_item_id, k)
         LEFT JOIN catalogue_version cur ON cur.agreement_id = r.agreement_id AND cur.status = 'PUBLISHED'
         LEFT JOIN catalogue_item ci ON ci.version_id = cur.id AND ci.seller_item_id = r.seller_item_id
        ORDER BY r.k`,
      [refs.map((r) => r.versionId), refs.map((r) => r.agreementId), refs.map((r) => r.sellerItemId)],
    );
    return rows.map(({ k, versionInForce, ...item }) => ({ k: Number(k), versionInForce, current: item.itemId ? (item as PurchasableItem) : null }));
  }

  /** The cheapest items under a UNSPSC prefix among the versions in force of these agreements (cheapest first). */
  cheapestUnder(ctx: RequestContext, agreementIds: readonly number[], prefix: string, limit: number, availableOn: string): Promise<PurchasableItem[]> {
    if (!agreementIds.length) return Promise.resolve([]);
    return ctx.manager.query(
      `SELECT ${PURCHASABLE_SQL} FROM catalogue_item ci
         JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' AND v.agreement_id = ANY($1)
        WHERE ci.unspsc_code LIKE $2 AND ${AVAILABLE_ON('$4')} ORDER BY ci.price, ci.id LIMIT $3`,
      [[...agreementIds], `${prefix}%`, limit, availableOn],
    );
  }

  /**
   * For each need, the cheapest item of the same unit and currency in the versions in force of
   * these agreements: in the same commodity when there is one, else in the same class. One
   * statement for all needs (insights' leakage, written once per fact).
   */
  cheapestPerNeed(ctx: RequestContext, agreementIds: readonly number[], needs: readonly CheaperNeed[]): Promise<CheaperItem[]> {
    if (!agreementIds.length || !needs.length) return Promise.resolve([]);
    return ctx.manager.query(
      `SELECT n.key, alt.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS n(key, code, unit, currency)
       CROSS JOIN LATERAL (
         SELECT ci.id::text AS "itemId", v.agreement_id AS "agreementId", ci.name, ci.price::text AS price,
                CASE WHEN ci.unspsc_code = n.code THEN 'COMMODITY' ELSE 'CLASS' END AS level
           FROM catalogue_item ci
           JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' AND v.agreement_id = ANY($1)
          WHERE ci.unspsc_code LIKE left(n.code, 6) || '%' AND ci.unit_code = n.unit AND ci.currency = n.currency
          ORDER BY ci.unspsc_code = n.code DESC, ci.price, ci.id LIMIT 1) alt`,
      [[...agreementIds], needs.map((n) => n.key), needs.map((n) => n.unspscCode), needs.map((n) => n.unitCode), needs.map((n) => n.currency)],
    );
  }

  /**
   * Every UNSPSC code an item uses, with item writes held off until `tx` ends (uploads do not lock
   * the codes they use), so the answer stays true for the rest of the transaction.
   */
  async codesInUseHeld(tx: RequestContext): Promise<string[]> {
    await tx.manager.query('LOCK TABLE catalogue_item IN SHARE MODE');
    const rows: { code: string }[] = await tx.manager.query('SELECT DISTINCT unspsc_code AS code FROM catalogue_item');
    return rows.map((r) => r.code);
  }

  /**
   * The items whose price version $1 raises against version $2, with each one's base price for
   * a price clause: with `anchorDate`, its price in the agreement's latest version published by
   * the end of that day (Norway), else its first published price (it came later); without one,
   * the price in $2. One statement; the UNIQUE (version_id, seller_item_id) index serves the
   * look-ups.
   */
  priceIncreases(ctx: RequestContext, versionId: number, againstId: number, agreementId: number, anchorDate: string | null): Promise<PriceIncreaseRow[]> {
    return ctx.manager.query(
      `WITH n AS (SELECT seller_item_id, name, price FROM catalogue_item WHERE version_id = $1),
            o AS (SELECT seller_item_id, price FROM catalogue_item WHERE version_id = $2),
            h AS (SELECT id, published_at FROM catalogue_version WHERE agreement_id = $3 AND published_at IS NOT NULL)
       SELECT n.seller_item_id AS "sellerItemId", n.name, o.price::text AS "oldPrice", n.price::text AS "newPrice",
              CASE WHEN $4::date IS NULL THEN o.price ELSE coalesce(
                (SELECT ci.price FROM h JOIN catalogue_item ci ON ci.version_id = h.id AND ci.seller_item_id = n.seller_item_id
                  WHERE h.published_at < ($4::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo' ORDER BY h.published_at DESC LIMIT 1),
                (SELECT ci.price FROM h JOIN catalogue_item ci ON ci.version_id = h.id AND ci.seller_item_id = n.seller_item_id
                  ORDER BY h.published_at LIMIT 1),
                o.price) END::text AS "basePrice"
         FROM n JOIN o ON o.seller_item_id = n.seller_item_id
        WHERE n.price > o.price`,
      [versionId, againstId, agreementId, anchorDate],
    );
  }
}
