import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { isPlatformOperator } from '../platform/auth/platform-operator';
import { TokenService } from '../platform/auth/token.service';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { Role, rolesOf } from './role';
import { inTransaction } from '../platform/database/transaction';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { byKey, requestLoader } from '../platform/graphql/request-loader';
import { actorOf, IdentityActor, mayManageMembers, mayRegisterOrganisations } from './identity-permissions';
import { AuthPayload, CreateOrganisationInput, GrantMembershipInput, Me, OrganisationFilter } from './identity.types';
import { MembershipEntity } from './membership.entity';
import { normaliseOrgNumber, orgNumberProblem } from './org-number';
import { selfAndAncestorsSql } from './organisation-tree';
import { OrganisationEntity, OrganisationKind } from './organisation.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class IdentityService {
  constructor(
    private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  /** Whether a user (not necessarily the caller) is a platform operator, for Me.platformOperator. */
  private operator(email: string): boolean {
    return isPlatformOperator(this.config.platformOperators, email);
  }

  /** Outside production: a token for a seeded user (optionally for one of several organisations). */
  async devLogin(ctx: RequestContext, email: string, organisationId?: number): Promise<AuthPayload> {
    if (!this.tokens.devTokensEnabled) throw unauthenticated('devLogin does not exist here (only in an explicit development run on the embedded database)');
    const user = await ctx.manager.findOneBy(UserEntity, { email: email.trim().toLowerCase() });
    if (!user) throw unauthenticated(`No user with e-mail ${email}`);
    const memberships = await ctx.manager.find(MembershipEntity, { where: { userId: user.id }, order: { organisationId: 'ASC' } });
    const membership = organisationId === undefined ? memberships[0] : memberships.find((m) => m.organisationId === organisationId);
    if (!membership) throw unauthenticated(organisationId === undefined ? `${email} belongs to no organisation` : `${email} is not a member of organisation ${organisationId}`);
    const organisation = await ctx.manager.findOneByOrFail(OrganisationEntity, { id: membership.organisationId });
    return {
      token: this.tokens.signDevToken(user.id, user.email, organisation.id),
      me: { userId: user.id, email: user.email, name: user.name, organisation, roles: membership.roles, platformOperator: this.operator(user.email) },
    };
  }

  async me(ctx: RequestContext): Promise<Me> {
    const caller = ctx.user;
    const user = await ctx.manager.findOneByOrFail(UserEntity, { id: caller.userId });
    const organisation = await ctx.manager.findOneByOrFail(OrganisationEntity, { id: caller.organisationId });
    return { userId: user.id, email: user.email, name: user.name, organisation, roles: rolesOf(caller), platformOperator: this.operator(user.email) };
  }

  async organisation(ctx: RequestContext, id: number): Promise<OrganisationEntity> {
    const org = await requestLoader<number, OrganisationEntity | null>(ctx, 'organisation', async (ids) => {
      const rows = await ctx.manager.findBy(OrganisationEntity, { id: In([...ids]) });
      return byKey(ids, rows, (r) => r.id, (rs) => rs[0], null);
    }).load(id);
    if (!org) throw notFound('Organisation', id);
    return org;
  }

  /** Organisations are a public register (names and numbers); everyone signed in may list them. */
  async organisations(ctx: RequestContext, filter: OrganisationFilter | undefined, first: number, after?: string) {
    const offset = decodeOffset(after);
    const qb = ctx.manager.createQueryBuilder(OrganisationEntity, 'o').orderBy('o.id');
    if (filter?.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter?.parentId !== undefined) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    const [rows, total] = await qb.skip(offset).take(first).getManyAndCount();
    return toConnection(rows, offset, first, total);
  }

  async createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<OrganisationEntity> {
    if (!mayRegisterOrganisations(actorOf(ctx.caller))) throw forbidden('Only a platform operator registers organisations (an ADMIN manages the members of its own organisation)');
    const orgNumber = normaliseOrgNumber(input.orgNumber);
    const problem = orgNumberProblem(orgNumber);
    if (problem) throw badInput(`orgNumber ${input.orgNumber} ${problem}`, { field: 'orgNumber' });
    return inTransaction(this.ds, ctx, async (tx) => {
      if (await tx.manager.existsBy(OrganisationEntity, { orgNumber })) throw conflict(`An organisation with number ${orgNumber} exists already`, { field: 'orgNumber' });
      if (input.parentId != null && !(await tx.manager.existsBy(OrganisationEntity, { id: input.parentId }))) {
        throw badInput(`Parent organisation ${input.parentId} does not exist`, { field: 'parentId' });
      }
      const org = await tx.manager.save(OrganisationEntity, tx.manager.create(OrganisationEntity, { name: input.name.trim(), orgNumber, kind: input.kind, parentId: input.parentId ?? null }));
      await this.audit.record(tx, 'organisation.created', 'organisation', org.id, { name: org.name, orgNumber, kind: org.kind });
      return org;
    });
  }

  async grantMembership(ctx: RequestContext, input: GrantMembershipInput): Promise<Me> {
    const actor = actorOf(ctx.caller);
    if (actor.caller && !actor.operator && !actor.caller.roles.includes(Role.ADMIN)) {
      throw forbidden('This needs the ADMIN role in the organisation or one above it (or a platform operator)');
    }
    return inTransaction(this.ds, ctx, async (tx) => {
      const organisation = await this.organisation(tx, input.organisationId);
      const above: { id: number }[] = await tx.manager.query(selfAndAncestorsSql('$1'), [organisation.id]);
      if (!mayManageMembers(actor, above.map((r) => r.id))) {
        throw forbidden(`An ADMIN grants roles only in its own organisation and those below it; organisation ${organisation.id} is neither (ask a platform operator)`);
      }
      checkRolesFit(organisation.kind, input.roles);
      const email = input.email.trim().toLowerCase();
      let user = await tx.manager.findOneBy(UserEntity, { email });
      if (user) await this.checkMayTakeIn(tx, actor, user);
      if (!user) user = await tx.manager.save(UserEntity, tx.manager.create(UserEntity, { email, name: input.name.trim(), externalSubject: null }));
      await tx.manager.upsert(MembershipEntity, { userId: user.id, organisationId: organisation.id, roles: input.roles }, ['userId', 'organisationId']);
      await this.audit.record(tx, 'membership.granted', 'user', user.id, { organisationId: organisation.id, roles: input.roles });
      return { userId: user.id, email: user.email, name: user.name, organisation, roles: input.roles, platformOperator: this.operator(user.email) };
    });
  }

  /**
   * An ADMIN may add an existing user only if it manages every organisation the user belongs to
   * already: else any ADMIN could pull another organisation's user in, and that user (now in
   * several organisations) would have to choose one on every call.
   */
  private async checkMayTakeIn(tx: RequestContext, actor: IdentityActor, user: UserEntity) {
    const memberships = await tx.manager.find(MembershipEntity, { where: { userId: user.id } });
    for (const m of memberships) {
      const above: { id: number }[] = await tx.manager.query(selfAndAncestorsSql('$1'), [m.organisationId]);
      if (!mayManageMembers(actor, above.map((r) => r.id))) {
        throw forbidden(`${user.email} belongs to organisation ${m.organisationId}, which you do not manage: a platform operator adds them to another organisation`);
      }
    }
  }
}

const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  [OrganisationKind.BUYER]: [Role.REQUESTER, Role.APPROVER, Role.PURCHASER, Role.ADMIN],
  [OrganisationKind.PURCHASING_UNIT]: [Role.PURCHASER, Role.APPROVER, Role.REQUESTER, Role.ADMIN],
  [OrganisationKind.SUPPLIER]: [Role.SUPPLIER_ADMIN, Role.ADMIN],
};

/** Supplier staff cannot order and buyers cannot upload catalogues; any organisation may have an ADMIN for its members. */
export function checkRolesFit(kind: OrganisationKind, roles: Role[]) {
  const wrong = roles.filter((r) => !ROLES_BY_KIND[kind].includes(r));
  if (wrong.length) throw badInput(`Role(s) ${wrong.join(', ')} do not fit an organisation of kind ${kind}`, { field: 'roles' });
}
