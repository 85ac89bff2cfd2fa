import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { CheckedSynonymGroup } from './synonym-group-rules';

export interface SynonymGroupRow {
  id: number;
  organisationId: number;
  terms: string[];
  folded: string[];
  oneWay: boolean;
  createdAt: Date;
}

const COLUMNS = `id, organisation_id AS "organisationId", terms, folded, one_way AS "oneWay", created_at AS "createdAt"`;

/** The one home of the SQL on `search_synonym_group`. */
@Injectable()
export class SearchSynonymRepository {
  /** A new group, or the id of the organisation's group with the same key (nothing written then). */
  async insert(tx: RequestContext, organisationId: number, group: CheckedSynonymGroup, createdByUserId: number | null): Promise<{ row: SynonymGroupRow } | { existingId: number }> {
    const rows: SynonymGroupRow[] = await tx.manager.query(
      `INSERT INTO search_synonym_group (organisation_id, terms, folded, one_way, key, created_by_user_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organisation_id, key) DO NOTHING RETURNING ${COLUMNS}`,
      [organisationId, group.terms, group.folded, group.oneWay, group.key, createdByUserId],
    );
    if (rows.length) return { row: rows[0] };
    const [existing] = await tx.manager.query(`SELECT id FROM search_synonym_group WHERE organisation_id = $1 AND key = $2`, [organisationId, group.key]);
    return { existingId: existing.id };
  }

  async count(ctx: RequestContext, organisationId: number): Promise<number> {
    const [{ n }] = await ctx.manager.query(`SELECT count(*)::int AS n FROM search_synonym_group WHERE organisation_id = $1`, [organisationId]);
    return n;
  }

  /** Removes a group; false when there was none with that id (removed meanwhile). */
  async delete(tx: RequestContext, id: number): Promise<boolean> {
    // As a SELECT over the DELETE, so the driver hands back rows (a bare DELETE … RETURNING comes as [rows, count]).
    const [{ n }]: { n: number }[] = await tx.manager.query(`WITH d AS (DELETE FROM search_synonym_group WHERE id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [id]);
    return n > 0;
  }

  find(ctx: RequestContext, id: number): Promise<SynonymGroupRow | null> {
    return ctx.manager.query(`SELECT ${COLUMNS} FROM search_synonym_group WHERE id = $1`, [id]).then((r: SynonymGroupRow[]) => r[0] ?? null);
  }

  /** One organisation's groups, oldest first, and how many there are. */
  async page(ctx: RequestContext, organisationId: number, offset: number, limit: number): Promise<[SynonymGroupRow[], number]> {
    const rows: (SynonymGroupRow & { total: number })[] = await ctx.manager.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM search_synonym_group WHERE organisation_id = $1 ORDER BY id OFFSET $2 LIMIT $3`,
      [organisationId, offset, limit],
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.count(ctx, organisationId) : 0);
    return [rows.map(({ total: _total, ...r }) => r), total];
  }

  /**
   * The groups of these organisations (a searcher's own and those above it), as the search applies
   * them, and the generation of all organisations' groups (search_generation) they were read at.
   */
  async forOrganisations(ctx: RequestContext, organisationIds: readonly number[]): Promise<{ groups: { terms: string[]; oneWay: boolean }[]; generation: number }> {
    const [row] = await ctx.manager.query(
      `SELECT (SELECT generation FROM search_generation WHERE kind = 'synonyms') AS generation,
              coalesce((SELECT json_agg(json_build_object('terms', folded, 'oneWay', one_way) ORDER BY id) FROM search_synonym_group WHERE organisation_id = ANY($1::int[])), '[]') AS groups`,
      [[...organisationIds]],
    );
    return row;
  }
}
