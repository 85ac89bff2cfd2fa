import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';

export interface FavouriteRow {
  id: number;
  agreementId: number;
  sellerItemId: string;
  name: string;
  addedAt: Date;
}

export interface TemplateLineRow {
  lineNo: number;
  agreementId: number;
  sellerItemId: string;
  name: string;
  quantity: string;
}

export interface TemplateRow {
  id: number;
  name: string;
  createdAt: Date;
  lines: TemplateLineRow[];
}

/** A template's lines, oldest position first, as JSON (a subquery per template row, so a page limits the templates, not their lines). */
const TEMPLATE_LINES = `(SELECT coalesce(json_agg(json_build_object('lineNo', l.line_no, 'agreementId', l.agreement_id, 'sellerItemId', l.seller_item_id, 'name', l.name, 'quantity', l.quantity::text) ORDER BY l.line_no), '[]')
     FROM order_template_line l WHERE l.template_id = t.id)`;

/** The one home of the SQL on `cart_favourite`, `order_template` and `order_template_line` (a requester's own shortcuts to items). */
@Injectable()
export class TemplateRepository {
  favourites(ctx: RequestContext, organisationId: number, userId: number): Promise<FavouriteRow[]> {
    return ctx.manager.query(
      `SELECT id, agreement_id AS "agreementId", seller_item_id AS "sellerItemId", name, added_at AS "addedAt"
         FROM cart_favourite WHERE organisation_id = $1 AND user_id = $2 ORDER BY name, id`,
      [organisationId, userId],
    );
  }

  /**
   * A page of the user's favourites in their one order (name, then id), from after the key
   * (name, id) of the last one seen: keyset, so favourites added or removed between pages neither
   * repeat nor skip others. Reads `first + 1` rows (the extra one says whether more follow).
   */
  favouritesPage(ctx: RequestContext, organisationId: number, userId: number, first: number, after?: { name: string; id: number }): Promise<FavouriteRow[]> {
    return ctx.manager.query(
      `SELECT id, agreement_id AS "agreementId", seller_item_id AS "sellerItemId", name, added_at AS "addedAt"
         FROM cart_favourite
        WHERE organisation_id = $1 AND user_id = $2 AND ($3::text IS NULL OR (name, id) > ($3::text, $4::int))
        ORDER BY name, id LIMIT $5`,
      [organisationId, userId, after?.name ?? null, after?.id ?? null, first + 1],
    );
  }

  async favouriteCount(ctx: RequestContext, organisationId: number, userId: number): Promise<number> {
    const [{ n }] = await ctx.manager.query('SELECT count(*)::int AS n FROM cart_favourite WHERE organisation_id = $1 AND user_id = $2', [organisationId, userId]);
    return n;
  }

  /** The user's favourites among these items (by agreement and supplier's item number, the favourite's key): each with the item it was asked for. */
  favouritesOf(
    ctx: RequestContext,
    organisationId: number,
    userId: number,
    items: readonly { itemId: string; agreementId: number; sellerItemId: string }[],
  ): Promise<{ itemId: string; favouriteId: number }[]> {
    if (!items.length) return Promise.resolve([]);
    return ctx.manager.query(
      `SELECT k.item_id AS "itemId", f.id AS "favouriteId"
         FROM unnest($3::text[], $4::int[], $5::text[]) AS k(item_id, agreement_id, seller_item_id)
         JOIN cart_favourite f ON f.organisation_id = $1 AND f.user_id = $2 AND f.agreement_id = k.agreement_id AND f.seller_item_id = k.seller_item_id
        ORDER BY k.item_id`,
      [organisationId, userId, items.map((i) => i.itemId), items.map((i) => i.agreementId), items.map((i) => i.sellerItemId)],
    );
  }

  /** Adds a favourite (once per item); its id either way. */
  async addFavourite(tx: RequestContext, organisationId: number, userId: number, item: { agreementId: number; sellerItemId: string; name: string }): Promise<number> {
    const [row] = await tx.manager.query(
      `INSERT INTO cart_favourite (organisation_id, user_id, agreement_id, seller_item_id, name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, user_id, agreement_id, seller_item_id) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [organisationId, userId, item.agreementId, item.sellerItemId, item.name],
    );
    return row.id;
  }

  /** Removes one of the user's favourites; false when they have none with this id. */
  async removeFavourite(tx: RequestContext, organisationId: number, userId: number, id: number): Promise<boolean> {
    const rows = await tx.manager.query('WITH d AS (DELETE FROM cart_favourite WHERE id = $1 AND organisation_id = $2 AND user_id = $3 RETURNING id) SELECT id FROM d', [id, organisationId, userId]);
    return rows.length > 0;
  }

  async templates(ctx: RequestContext, organisationId: number, userId: number, id?: number): Promise<TemplateRow[]> {
    return ctx.manager.query(
      `SELECT t.id, t.name, t.created_at AS "createdAt", ${TEMPLATE_LINES} AS lines
         FROM order_template t
        WHERE t.organisation_id = $1 AND t.user_id = $2 AND ($3::int IS NULL OR t.id = $3)
        ORDER BY t.name, t.id`,
      [organisationId, userId, id ?? null],
    );
  }

  /** A page of the user's templates (name, then id), keyset from after (name, id) as favouritesPage; `first + 1` rows. */
  templatesPage(ctx: RequestContext, organisationId: number, userId: number, first: number, after?: { name: string; id: number }): Promise<TemplateRow[]> {
    return ctx.manager.query(
      `SELECT t.id, t.name, t.created_at AS "createdAt", ${TEMPLATE_LINES} AS lines
         FROM order_template t
        WHERE t.organisation_id = $1 AND t.user_id = $2 AND ($3::text IS NULL OR (t.name, t.id) > ($3::text, $4::int))
        ORDER BY t.name, t.id LIMIT $5`,
      [organisationId, userId, after?.name ?? null, after?.id ?? null, first + 1],
    );
  }

  async templateCount(ctx: RequestContext, organisationId: number, userId: number): Promise<number> {
    const [{ n }] = await ctx.manager.query('SELECT count(*)::int AS n FROM order_template WHERE organisation_id = $1 AND user_id = $2', [organisationId, userId]);
    return n;
  }

  async templateNameTaken(tx: RequestContext, organisationId: number, userId: number, name: string): Promise<boolean> {
    const rows = await tx.manager.query('SELECT 1 FROM order_template WHERE organisation_id = $1 AND user_id = $2 AND name = $3', [organisationId, userId, name]);
    return rows.length > 0;
  }

  async createTemplate(tx: RequestContext, organisationId: number, userId: number, name: string, lines: Omit<TemplateLineRow, 'lineNo'>[]): Promise<number> {
    const [{ id }] = await tx.manager.query('INSERT INTO order_template (organisation_id, user_id, name) VALUES ($1, $2, $3) RETURNING id', [organisationId, userId, name]);
    await tx.manager.query(
      `INSERT INTO order_template_line (template_id, line_no, agreement_id, seller_item_id, name, quantity)
       SELECT $1, n, a, s, nm, q FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[]) WITH ORDINALITY AS u(a, s, nm, q, n)`,
      [id, lines.map((l) => l.agreementId), lines.map((l) => l.sellerItemId), lines.map((l) => l.name), lines.map((l) => l.quantity)],
    );
    return id;
  }

  async deleteTemplate(tx: RequestContext, organisationId: number, userId: number, id: number): Promise<boolean> {
    const rows = await tx.manager.query('WITH d AS (DELETE FROM order_template WHERE id = $1 AND organisation_id = $2 AND user_id = $3 RETURNING id) SELECT id FROM d', [id, organisationId, userId]);
    return rows.length > 0;
  }
}
