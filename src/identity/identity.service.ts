import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
import { AuthPayload, CreateOrganisationInput, DevUser, GrantMembershipInput, Me, OrganisationFilter } from './identity.types';
import { normaliseOrgNumber, orgNumberProblem } from './org-number';
import { OrganisationKind } from './organisation-kind';
import type { OrganisationEntity } from './organisation.entity';
import { subtreeTops } from './organisation-tree';
import { OrganisationRepository } from './organisation.repository';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

/** At most this many users on the development sign-in page. */
const DEV_USERS_LIMIT = 200;

@Injectable()
export class IdentityService {
  constructor(
    private readonly ds: DataSource,
    private readonly organisationRows: OrganisationRepository,
    private readonly userRows: UserRepository,
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
    const user = await this.userRows.byEmail(ctx, email.trim().toLowerCase());
    if (!user) throw unauthenticated(`No user with e-mail ${email}`);
    const memberships = await this.userRows.memberships(ctx, user.id);
    const membership = organisationId === undefined ? memberships[0] : memberships.find((m) => m.organisationId === organisationId);
    if (!membership) throw unauthenticated(organisationId === undefined ? `${email} belongs to no organisation` : `${email} is not a member of organisation ${organisationId}`);
    const organisation = await this.organisation(ctx, membership.organisationId);
    return {
      token: this.tokens.signDevToken(user.id, user.email, organisation.id),
      me: { userId: user.id, email: user.email, name: user.name, organisation, roles: membership.roles, platformOperator: this.operator(user.email) },
    };
  }

  /** Outside production: whom devLogin can sign in as (the development sign-in page lists them). */
  async devUsers(ctx: RequestContext): Promise<DevUser[]> {
    if (!this.tokens.devTokensEnabled) throw unauthenticated('devUsers does not exist here (only in an explicit development run on the embedded database)');
    return this.userRows.members(ctx, DEV_USERS_LIMIT);
  }

  async me(ctx: RequestContext): Promise<Me> {
    if (ctx.user.machineClientId !== undefined) throw forbidden('me describes a person; a machine client asks currentMachineClient');
    const caller = ctx.person;
    const user = await this.userRows.byId(ctx, caller.userId);
    const organisation = await this.organisation(ctx, caller.organisationId);
    return { userId: user.id, email: user.email, name: user.name, organisation, roles: rolesOf(caller), platformOperator: this.operator(user.email) };
  }

  async organisation(ctx: RequestContext, id: number): Promise<OrganisationEntity> {
    const org = await this.find(ctx, id);
    if (!org) throw notFound('Organisation', id);
    return org;
  }

  /** The organisation, or null (batched over a request). */
  find(ctx: RequestContext, id: number): Promise<OrganisationEntity | null> {
    return this.organisationLoader(ctx).load(id);
  }

  private organisationLoader(ctx: RequestContext) {
    return requestLoader<number, OrganisationEntity | null>(ctx, 'organisation', async (ids) => {
      const rows = await this.organisationRows.byIds(ctx, [...ids]);
      return byKey(
        ids,
        rows,
        (r) => r.id,
        (rs) => rs[0],
        null,
      );
    });
  }

  /** Users by id, for naming and notifying them (e-mail and name only: nothing of their memberships). */
  async users(ctx: RequestContext, ids: readonly number[]): Promise<{ id: number; email: string; name: string }[]> {
    return (await this.userRows.byIds(ctx, ids)).map((u) => ({ id: u.id, email: u.email, name: u.name }));
  }

  /** The members of an organisation holding `role` there, for notifying them (e-mail and name only). */
  async membersWithRole(ctx: RequestContext, organisationId: number, role: Role): Promise<{ id: number; email: string; name: string }[]> {
    return (await this.userRows.withRole(ctx, organisationId, role)).map((u) => ({ id: u.id, email: u.email, name: u.name }));
  }

  /** The organisation's id and the ids of every organisation above it (a school takes part in its municipality's agreements). */
  selfAndAncestorIds(ctx: RequestContext, id: number): Promise<number[]> {
    return this.organisationRows.selfAndAncestorIds(ctx, id);
  }

  /** These organisations' ids and those of every organisation below them (a municipality's schools). */
  selfAndDescendantIds(ctx: RequestContext, ids: readonly number[]): Promise<number[]> {
    return ids.length ? this.organisationRows.selfAndDescendantIds(ctx, ids) : Promise.resolve([]);
  }

  /**
   * These organisations' subtrees as one set (`ids`, ascending) and its tops (`subtreeTops`): a
   * sum kept per subtree (insights' subtree rollups) is summed over the tops alone.
   */
  async subtrees(ctx: RequestContext, roots: readonly number[]): Promise<{ ids: number[]; tops: number[] }> {
    const rows = roots.length ? await this.organisationRows.subtreeRows(ctx, roots) : [];
    return { ids: rows.map((r) => r.id), tops: subtreeTops(rows) };
  }

  /**
   * The organisation with this id and the one with this organisation number (null: none), read
   * together: the invoice intake's sender and buyer in one round trip instead of two.
   */
  async findWithOrgNumber(ctx: RequestContext, id: number, orgNumber: string | null): Promise<{ organisation: OrganisationEntity | null; byNumber: OrganisationEntity | null }> {
    if (orgNumber === null) return { organisation: await this.find(ctx, id), byNumber: null };
    const wanted = normaliseOrgNumber(orgNumber);
    // org_number is char(9): the database compares it blank-padded, so the row's is trimmed to compare it here.
    const rows = await this.organisationRows.byIdOrOrgNumber(ctx, id, wanted);
    for (const r of rows) this.organisationLoader(ctx).prime(r.id, r);
    return { organisation: rows.find((r) => r.id === id) ?? null, byNumber: rows.find((r) => r.orgNumber.trim() === wanted) ?? null };
  }

  async byOrgNumber(ctx: RequestContext, orgNumber: string): Promise<OrganisationEntity | null> {
    const found = await this.organisationRows.byOrgNumber(ctx, normaliseOrgNumber(orgNumber));
    // Known for the rest of the request (or transaction): find() of its id reads nothing again.
    if (found) this.organisationLoader(ctx).prime(found.id, found);
    return found;
  }

  /** The name of an organisation the user is a member of, if any. */
  firstMembershipName(ctx: RequestContext, email: string): Promise<string | undefined> {
    return this.organisationRows.firstMembershipName(ctx, email.trim().toLowerCase());
  }

  /** Organisations are a public register (names and numbers); everyone signed in may list them. */
  async organisations(ctx: RequestContext, filter: OrganisationFilter | undefined, first: number, after?: string) {
    const offset = decodeOffset(after);
    const [rows, total] = await this.organisationRows.page(ctx, filter, offset, first);
    return toConnection(rows, offset, first, total);
  }

  /** A page of the organisations among `ids` matching `search` (name contains, or number starts with), by name. */
  async organisationsAmong(ctx: RequestContext, ids: readonly number[], search: string, first: number, after?: string) {
    const offset = decodeOffset(after);
    const [rows, total] = ids.length ? await this.organisationRows.pageAmong(ctx, ids, search, offset, first) : [[], 0];
    return toConnection(rows, offset, first, total);
  }

  async createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<OrganisationEntity> {
    if (!mayRegisterOrganisations(actorOf(ctx.caller))) throw forbidden('Only a platform operator registers organisations (an ADMIN manages the members of its own organisation)');
    const orgNumber = normaliseOrgNumber(input.orgNumber);
    const problem = orgNumberProblem(orgNumber);
    if (problem) throw badInput(`orgNumber ${input.orgNumber} ${problem}`, { field: 'orgNumber' });
    return inTransaction(this.ds, ctx, async (tx) => {
      if (await this.organisationRows.existsWithOrgNumber(tx, orgNumber)) throw conflict(`An organisation with number ${orgNumber} exists already`, { field: 'orgNumber' });
      if (input.parentId != null && !(await this.organisationRows.exists(tx, input.parentId))) {
        throw badInput(`Parent organisation ${input.parentId} does not exist`, { field: 'parentId' });
      }
      const org = await this.organisationRows.create(tx, { name: input.name.trim(), orgNumber, kind: input.kind, parentId: input.parentId ?? null });
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
      if (!mayManageMembers(actor, await this.selfAndAncestorIds(tx, organisation.id))) {
        throw forbidden(`An ADMIN grants roles only in its own organisation and those below it; organisation ${organisation.id} is neither (ask a platform operator)`);
      }
      checkRolesFit(organisation.kind, input.roles);
      const email = input.email.trim().toLowerCase();
      let user = await this.userRows.byEmail(tx, email);
      if (user) await this.checkMayTakeIn(tx, actor, user);
      if (!user) user = await this.userRows.create(tx, email, input.name.trim());
      await this.userRows.setRoles(tx, user.id, organisation.id, input.roles);
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
    for (const m of await this.userRows.memberships(tx, user.id)) {
      if (!mayManageMembers(actor, await this.selfAndAncestorIds(tx, m.organisationId))) {
        throw forbidden(`${user.email} belongs to organisation ${m.organisationId}, which you do not manage: a platform operator adds them to another organisation`);
      }
    }
  }
}

const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  [OrganisationKind.BUYER]: [Role.REQUESTER, Role.APPROVER, Role.PURCHASER, Role.ACCOUNTS_PAYABLE, Role.ADMIN],
  [OrganisationKind.PURCHASING_UNIT]: [Role.PURCHASER, Role.APPROVER, Role.REQUESTER, Role.ACCOUNTS_PAYABLE, Role.ADMIN],
  [OrganisationKind.SUPPLIER]: [Role.SUPPLIER_ADMIN, Role.ADMIN],
};

/** Supplier staff cannot order and buyers cannot upload catalogues; any organisation may have an ADMIN for its members. */
export function checkRolesFit(kind: OrganisationKind, roles: Role[]) {
  const wrong = roles.filter((r) => !ROLES_BY_KIND[kind].includes(r));
  if (wrong.length) throw badInput(`Role(s) ${wrong.join(', ')} do not fit an organisation of kind ${kind}`, { field: 'roles' });
}
