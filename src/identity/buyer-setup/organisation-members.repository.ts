import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { MembershipEntity } from '../membership.entity';
import { Role } from '../role';
import { UserEntity } from '../user.entity';

/** Reads of membership and app_user that the buyer set-up needs (who belongs to an organisation, with which roles). */
@Injectable()
export class OrganisationMembersRepository {
  /** The user's roles in the organisation, or null when they are no member of it. */
  async rolesIn(ctx: RequestContext, organisationId: number, userId: number): Promise<Role[] | null> {
    const m = await ctx.manager.findOneBy(MembershipEntity, { organisationId, userId });
    return m ? m.roles : null;
  }

  /** Ids of the organisation's members who hold `role`. */
  async holdersOf(ctx: RequestContext, organisationId: number, role: Role): Promise<number[]> {
    const rows: { user_id: number }[] = await ctx.manager.query('SELECT user_id FROM membership WHERE organisation_id = $1 AND $2 = ANY(roles)', [organisationId, role]);
    return rows.map((r) => r.user_id);
  }

  users(ctx: RequestContext, ids: number[]): Promise<UserEntity[]> {
    return ctx.manager.findBy(UserEntity, { id: In(ids) });
  }
}
