import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { Role } from './role';
import { MembershipEntity } from './membership.entity';
import { UserEntity } from './user.entity';

/** The one home of the SQL on `app_user` and `membership`. */
@Injectable()
export class UserRepository {
  byId(ctx: RequestContext, id: number): Promise<UserEntity> {
    return ctx.manager.findOneByOrFail(UserEntity, { id });
  }

  /** The users with these ids (missing ids are left out). */
  byIds(ctx: RequestContext, ids: readonly number[]): Promise<UserEntity[]> {
    return ids.length ? ctx.manager.findBy(UserEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  /** The members of an organisation who hold `role` there, by id. */
  withRole(ctx: RequestContext, organisationId: number, role: Role): Promise<UserEntity[]> {
    return ctx.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(MembershipEntity, 'm', 'm.user_id = u.id')
      .where('m.organisation_id = :organisationId AND :role = ANY(m.roles)', { organisationId, role })
      .orderBy('u.id')
      .getMany();
  }

  byEmail(ctx: RequestContext, email: string): Promise<UserEntity | null> {
    return ctx.manager.findOneBy(UserEntity, { email });
  }

  create(ctx: RequestContext, email: string, name: string): Promise<UserEntity> {
    return ctx.manager.save(UserEntity, ctx.manager.create(UserEntity, { email, name, externalSubject: null }));
  }

  /** The user's memberships, by organisation id. */
  memberships(ctx: RequestContext, userId: number): Promise<MembershipEntity[]> {
    return ctx.manager.find(MembershipEntity, { where: { userId }, order: { organisationId: 'ASC' } });
  }

  /** Every membership with its user and organisation, for the development sign-in page (at most `limit`). */
  members(ctx: RequestContext, limit: number): Promise<{ email: string; name: string; organisationId: number; organisationName: string; roles: Role[] }[]> {
    return ctx.manager.query(
      `SELECT u.email, u.name, o.id AS "organisationId", o.name AS "organisationName", m.roles
         FROM membership m JOIN app_user u ON u.id = m.user_id JOIN organisation o ON o.id = m.organisation_id
        ORDER BY o.name, u.name, u.email LIMIT $1`,
      [limit],
    );
  }

  async setRoles(ctx: RequestContext, userId: number, organisationId: number, roles: Role[]): Promise<void> {
    await ctx.manager.upsert(MembershipEntity, { userId, organisationId, roles }, ['userId', 'organisationId']);
  }
}
