import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { byKey, requestLoader } from '../../platform/graphql/request-loader';
import { Role } from '../role';
import type { UserEntity } from '../user.entity';
import { UserNotInOrganisationError, MissingRoleError } from './buyer-setup.errors';
import { OrganisationMembersRepository } from './organisation-members.repository';

/** "Is this user one of the organisation's (with this role)?", answered as the result errors the set-up returns. */
@Injectable()
export class OrganisationMembers {
  constructor(private readonly members: OrganisationMembersRepository) {}

  /** Null when the user is a member of the organisation; else the error naming `field`. */
  async member(ctx: RequestContext, organisationId: number, userId: number, field: string): Promise<UserNotInOrganisationError | null> {
    const roles = await this.members.rolesIn(ctx, organisationId, userId);
    return roles ? null : UserNotInOrganisationError.of(userId, organisationId, field);
  }

  /** Null when the user is a member holding `role`; else the error naming `field`. */
  async withRole(ctx: RequestContext, organisationId: number, userId: number, field: string, role: Role): Promise<UserNotInOrganisationError | MissingRoleError | null> {
    const roles = await this.members.rolesIn(ctx, organisationId, userId);
    if (!roles) return UserNotInOrganisationError.of(userId, organisationId, field);
    return roles.includes(role) ? null : MissingRoleError.of(userId, organisationId, role, field);
  }

  async approverRoleHolders(ctx: RequestContext, organisationId: number): Promise<Set<number>> {
    return new Set(await this.members.holdersOf(ctx, organisationId, Role.APPROVER));
  }

  /** A user by id, batched over a request (null when unknown). */
  user(ctx: RequestContext, id: number): Promise<UserEntity | null> {
    return requestLoader<number, UserEntity | null>(ctx, 'buyer-setup.user', async (ids) =>
      byKey(
        ids,
        await this.members.users(ctx, [...ids]),
        (u) => u.id,
        (us) => us[0],
        null,
      ),
    ).load(id);
  }
}
