import { Injectable } from '@nestjs/common';
import type { ClassifiedItem } from '../classification/suggestions/classified-items';
import type { UnspscSuggestion } from '../classification/suggestions/unspsc-suggester';
import { RequestContext } from '../platform/context/request-context';
import type { CatalogueItemInput } from './catalogue-line';

/** A line of a draft version that waits for its UNSPSC code. */
export interface AwaitingLine {
  lineNo: number;
  sellerItemId: string;
  name: string;
  /** The code the file gave (outside the scope), or null when it gave none. */
  givenCode: string | null;
  reason: string;
  /** The validated line, its code left empty. */
  item: CatalogueItemInput;
  suggestions: UnspscSuggestion[];
}

const BATCH = 2000;
const PUBLISHED_PAGE = 5000;

/** The one home of the SQL on `catalogue_line_awaiting_unspsc` (and the read of published items for suggestions). */
@Injectable()
export class AwaitingUnspscRepository {
  async insert(tx: RequestContext, versionId: number, lines: AwaitingLine[]): Promise<void> {
    for (let i = 0; i < lines.length; i += BATCH) {
      const b = lines.slice(i, i + BATCH);
      await tx.manager.query(
        `INSERT INTO catalogue_line_awaiting_unspsc (version_id, line_no, seller_item_id, name, given_code, reason, item, suggestions)
         SELECT $1, l, s, n, g, r, i, sg FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[]) AS x(l, s, n, g, r, i, sg)`,
        [
          versionId,
          b.map((l) => l.lineNo),
          b.map((l) => l.sellerItemId),
          b.map((l) => l.name),
          b.map((l) => l.givenCode),
          b.map((l) => l.reason),
          b.map((l) => JSON.stringify(l.item)),
          b.map((l) => JSON.stringify(l.suggestions)),
        ],
      );
    }
  }

  async count(ctx: RequestContext, versionId: number): Promise<number> {
    const [{ n }] = await ctx.manager.query('SELECT count(*)::int AS n FROM catalogue_line_awaiting_unspsc WHERE version_id = $1', [versionId]);
    return n;
  }

  /** A page of the version's waiting lines, in file order. */
  page(ctx: RequestContext, versionId: number, offset: number, limit: number): Promise<AwaitingLine[]> {
    return ctx.manager.query(
      `SELECT line_no AS "lineNo", seller_item_id AS "sellerItemId", name, given_code AS "givenCode", reason, item, suggestions
         FROM catalogue_line_awaiting_unspsc WHERE version_id = $1 ORDER BY line_no OFFSET $2 LIMIT $3`,
      [versionId, offset, limit],
    );
  }

  /** These lines of the version, locked until the transaction ends. */
  lock(tx: RequestContext, versionId: number, lineNos: number[]): Promise<AwaitingLine[]> {
    return tx.manager.query(
      `SELECT line_no AS "lineNo", seller_item_id AS "sellerItemId", name, given_code AS "givenCode", reason, item, suggestions
         FROM catalogue_line_awaiting_unspsc WHERE version_id = $1 AND line_no = ANY($2::int[]) ORDER BY line_no FOR UPDATE`,
      [versionId, lineNos],
    );
  }

  async remove(tx: RequestContext, versionId: number, lineNos: number[]): Promise<void> {
    await tx.manager.query('DELETE FROM catalogue_line_awaiting_unspsc WHERE version_id = $1 AND line_no = ANY($2::int[])', [versionId, lineNos]);
  }

  /** The versions in force now (the item vocabulary counts their items). */
  async publishedVersions(ctx: RequestContext): Promise<number[]> {
    const rows: { id: number }[] = await ctx.manager.query(`SELECT id FROM catalogue_version WHERE status = 'PUBLISHED' ORDER BY id`);
    return rows.map((r) => r.id);
  }

  /**
   * Every item of one version, a page at a time (keyset on the unique (version, seller item id)
   * index). A published version's items never change (a change is a new version), so pages read
   * in separate statements add up to the version.
   */
  async forEachItemOf(ctx: RequestContext, versionId: number, onBatch: (items: ClassifiedItem[]) => void | Promise<void>): Promise<void> {
    let after = '';
    for (;;) {
      const rows: (ClassifiedItem & { sellerItemId: string })[] = await ctx.manager.query(
        `SELECT seller_item_id AS "sellerItemId", name, description, manufacturer, unspsc_code AS code
           FROM catalogue_item WHERE version_id = $1 AND seller_item_id > $2 ORDER BY seller_item_id LIMIT $3`,
        [versionId, after, PUBLISHED_PAGE],
      );
      if (!rows.length) break;
      await onBatch(rows);
      after = rows[rows.length - 1].sellerItemId;
      if (rows.length < PUBLISHED_PAGE) break;
    }
  }
}
