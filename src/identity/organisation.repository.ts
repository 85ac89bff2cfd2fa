import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { OrganisationKind } from './organisation-kind';
import { OrganisationEntity } from './organisation.entity';
import { selfAndAncestorsSql } from './organisation-tree';
import { preparedQueryIn } from '../platform/database/prepared-query';

/** An organisation row as OrganisationEntity's properties. */
const ORGANISATION_COLUMNS = `id, name, org_number AS "orgNumber", kind, parent_id AS "parentId", created_at AS "createdAt"`;
const asOrganisation = (row: OrganisationEntity) => Object.assign(new OrganisationEntity(), row);

/** The one home of the SQL on `organisation`. */
@Injectable()
export class OrganisationRepository {
  // The two reads every request of a sender makes (the invoice intake: its supplier and buyer) in
  // plain SQL: TypeORM's find cost the service more than the statement costs PostgreSQL.
  async byIds(ctx: RequestContext, ids: number[]): Promise<OrganisationEntity[]> {
    const rows: OrganisationEntity[] = await preparedQueryIn(ctx.manager, `SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE id = ANY($1::int[])`, [ids]);
    return rows.map(asOrganisation);
  }

  async byOrgNumber(ctx: RequestContext, orgNumber: string): Promise<OrganisationEntity | null> {
    const rows: OrganisationEntity[] = await preparedQueryIn(ctx.manager, `SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE org_number = $1`, [orgNumber]);
    return rows.length ? asOrganisation(rows[0]) : null;
  }

  /** The organisation with this id and the one with this number (either, both or the same one) in one statement. */
  async byIdOrOrgNumber(ctx: RequestContext, id: number, orgNumber: string): Promise<OrganisationEntity[]> {
    const rows: OrganisationEntity[] = await preparedQueryIn(ctx.manager, `SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE id = $1 OR org_number = $2`, [id, orgNumber]);
    return rows.map(asOrganisation);
  }

  exists(ctx: RequestContext, id: number): Promise<boolean> {
    return ctx.manager.existsBy(OrganisationEntity, { id });
  }

  existsWithOrgNumber(ctx: RequestContext, orgNumber: string): Promise<boolean> {
    return ctx.manager.existsBy(OrganisationEntity, { orgNumber });
  }

  create(ctx: RequestContext, fields: { name: string; orgNumber: string; kind: OrganisationKind; parentId: number | null }): Promise<OrganisationEntity> {
    return ctx.manager.save(OrganisationEntity, ctx.manager.create(OrganisationEntity, fields));
  }

  page(ctx: RequestContext, filter: { kind?: OrganisationKind; parentId?: number | null } | undefined, offset: number, limit: number): Promise<[OrganisationEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(OrganisationEntity, 'o').orderBy('o.id');
    if (filter?.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter?.parentId !== undefined) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    return qb.skip(offset).take(limit).getManyAndCount();
  }

  /**
   * A page of the organisations among `ids` whose name contains `search` or whose number starts
   * with it (case-insensitive; LIKE wildcards typed are taken literally), by name. Empty search: all of them.
   */
  pageAmong(ctx: RequestContext, ids: readonly number[], search: string, offset: number, limit: number): Promise<[OrganisationEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(OrganisationEntity, 'o').where('o.id = ANY(:ids)', { ids: [...ids] });
    if (search) {
      const literal = search.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere("(o.name ILIKE :contains ESCAPE '\\' OR o.org_number LIKE :prefix ESCAPE '\\')", { contains: `%${literal}%`, prefix: `${literal.replace(/\s/g, '')}%` });
    }
    return qb.orderBy('o.name').addOrderBy('o.id').skip(offset).take(limit).getManyAndCount();
  }

  /** The organisation's id and the ids of every organisation above it, nearest first. */
  async selfAndAncestorIds(ctx: RequestContext, id: number): Promise<number[]> {
    const rows: { id: number }[] = await preparedQueryIn(ctx.manager, selfAndAncestorsSql('$1'), [id]);
    return rows.map((r) => r.id);
  }

  /** These organisations and every organisation below them (depth-bounded against a cycle in parent links). */
  async selfAndDescendantIds(ctx: RequestContext, ids: readonly number[]): Promise<number[]> {
    const rows: { id: number }[] = await ctx.manager.query(
      `WITH RECURSIVE down AS (SELECT id, 0 AS depth FROM organisation WHERE id = ANY($1)
         UNION ALL SELECT o.id, down.depth + 1 FROM organisation o JOIN down ON o.parent_id = down.id WHERE down.depth < 20)
       SELECT DISTINCT id FROM down ORDER BY id`,
      [[...ids]],
    );
    return rows.map((r) => r.id);
  }

  /** These organisations and every organisation below them, each with its parent. */
  subtreeRows(ctx: RequestContext, ids: readonly number[]): Promise<{ id: number; parentId: number | null }[]> {
    return ctx.manager.query(
      `WITH RECURSIVE down AS (SELECT id, parent_id, 0 AS depth FROM organisation WHERE id = ANY($1)
         UNION ALL SELECT o.id, o.parent_id, down.depth + 1 FROM organisation o JOIN down ON o.parent_id = down.id WHERE down.depth < 20)
       SELECT DISTINCT id, parent_id AS "parentId" FROM down ORDER BY id`,
      [[...ids]],
    );
  }

  /** The name of an organisation the user (by e-mail) is a member of, if any. */
  async firstMembershipName(ctx: RequestContext, email: string): Promise<string | undefined> {
    const [member] = await ctx.manager.query('SELECT o.name FROM membership m JOIN app_user u ON u.id = m.user_id JOIN organisation o ON o.id = m.organisation_id WHERE u.email = $1 LIMIT 1', [email]);
    return member?.name;
  }
}
