import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, notFound } from '../../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../../platform/graphql/connection';
import { Money } from '../../platform/money/money';
import { Role } from '../role';
import type { ApprovalLimitEntity, ApproverRightEntity } from './approval-authority.entity';
import { ApprovalAuthorityRepository } from './approval-authority.repository';
import { ApprovalAuthority, ApprovalDecision, ApprovalRouteView, RevokeApproverRightInput, SetApproverRightInput, SetPersonalLimitInput } from './approval-authority.types';
import { approvalRoute, ApprovalRoute, AuthorisedApprover, AuthorityFacts, mayApprove, RequisitionFacts } from './approval-route';
import { BuyerSetupAccess } from './buyer-setup-access';
import { CostCentreInactiveError, MissingRoleError, UserNotInOrganisationError } from './buyer-setup.errors';
import { CostCentreRepository } from './cost-centre.repository';
import { BUDGET_CURRENCY } from './cost-centres.service';
import { DelegationsService } from './delegations.service';
import { OrganisationMembers } from './organisation-members';
import { osloToday } from '../../platform/time/oslo-date';

/** A requisition as ordering asks about it: in the requester's organisation, on one of its cost centres. */
export interface RequisitionQuestion {
  organisationId: number;
  requesterUserId: number;
  costCentreId: number;
  /** Excluding VAT, in NOK. */
  amount: Money;
  /** Oslo date (YYYY-MM-DD); today by default. */
  date?: string;
}

/**
 * Personal limits and approver rights, and the answer to "who approves this requisition?"
 * (approval-route.ts) from what the organisation has set up. Ordering (issue 15 §4) calls
 * `route` at submit and `mayApprove` when someone approves.
 */
@Injectable()
export class ApprovalAuthorityService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: ApprovalAuthorityRepository,
    private readonly costCentres: CostCentreRepository,
    private readonly delegations: DelegationsService,
    private readonly access: BuyerSetupAccess,
    private readonly members: OrganisationMembers,
    private readonly audit: AuditService,
  ) {}

  /** One user's authority (the caller's own by default) in an organisation the caller may read. */
  async authority(ctx: RequestContext, organisationId: number | undefined, userId: number | undefined): Promise<ApprovalAuthority> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    return this.view(ctx, org.id, userId ?? ctx.person.userId);
  }

  /** Everyone in the organisation with a personal limit or an approver right, by user id. */
  async list(ctx: RequestContext, organisationId: number | undefined, first: number, after?: string): Promise<Connection<ApprovalAuthority>> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    const offset = decodeOffset(after);
    const [userIds, total] = await this.rows.page(ctx, org.id, offset, first);
    const [limits, rights] = userIds.length ? await Promise.all([this.rows.limits(ctx, org.id, userIds), this.rows.rights(ctx, org.id, userIds)]) : [[], []];
    const views = userIds.map((userId) =>
      toView(
        org.id,
        userId,
        limits.find((l) => l.userId === userId) ?? null,
        rights.filter((r) => r.userId === userId),
      ),
    );
    return toConnection(views, offset, first, total);
  }

  async setPersonalLimit(ctx: RequestContext, input: SetPersonalLimitInput): Promise<ApprovalAuthority | UserNotInOrganisationError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, this.access.organisationOf(tx, input.organisationId), 'manage');
      const before = await this.rows.limit(tx, org.id, input.userId);
      if (input.amount != null) {
        const notMember = await this.members.member(tx, org.id, input.userId, 'userId');
        if (notMember) return notMember;
        await this.rows.setLimit(tx, org.id, input.userId, input.amount, BUDGET_CURRENCY);
      } else if (before) {
        await this.rows.removeLimit(tx, org.id, input.userId);
      }
      if (before || input.amount != null) {
        await this.audit.record(tx, 'approval-limit.set', 'user', input.userId, { organisationId: org.id, from: before?.amount ?? null, to: input.amount ?? null, currency: BUDGET_CURRENCY });
      }
      return this.view(tx, org.id, input.userId);
    });
  }

  async setApproverRight(ctx: RequestContext, input: SetApproverRightInput): Promise<ApprovalAuthority | UserNotInOrganisationError | MissingRoleError> {
    if (!Money.of(input.maxAmount, BUDGET_CURRENCY).isPositive()) throw badInput('maxAmount must be more than 0 (revoke the right instead)', { field: 'maxAmount' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, this.access.organisationOf(tx, input.organisationId), 'manage');
      const costCentreId = await this.costCentreOf(tx, org.id, input.costCentreId);
      const refused = await this.members.withRole(tx, org.id, input.userId, 'userId', Role.APPROVER);
      if (refused) return refused;
      const before = await this.rows.right(tx, org.id, input.userId, costCentreId);
      await this.rows.setRight(tx, org.id, input.userId, costCentreId, input.maxAmount, BUDGET_CURRENCY);
      await this.audit.record(tx, 'approver-right.set', 'user', input.userId, {
        organisationId: org.id,
        costCentreId,
        from: before?.maxAmount ?? null,
        to: input.maxAmount,
        currency: BUDGET_CURRENCY,
      });
      return this.view(tx, org.id, input.userId);
    });
  }

  /** Takes a right away; revoking one the user does not have changes nothing (and records nothing). */
  async revokeApproverRight(ctx: RequestContext, input: RevokeApproverRightInput): Promise<ApprovalAuthority> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, this.access.organisationOf(tx, input.organisationId), 'manage');
      const costCentreId = await this.costCentreOf(tx, org.id, input.costCentreId);
      const right = await this.rows.right(tx, org.id, input.userId, costCentreId);
      if (right) {
        await this.rows.removeRight(tx, right.id);
        await this.audit.record(tx, 'approver-right.revoked', 'user', input.userId, { organisationId: org.id, costCentreId, maxAmount: right.maxAmount, currency: right.currency });
      }
      return this.view(tx, org.id, input.userId);
    });
  }

  /** For the caller as requester: where a requisition of `amount` on the cost centre (of the caller's organisation) would go today. */
  async routeForCaller(ctx: RequestContext, costCentreId: number, amountText: string): Promise<ApprovalRouteView | CostCentreInactiveError> {
    const caller = ctx.person;
    const amount = Money.of(amountText, BUDGET_CURRENCY);
    const route = await this.route(ctx, { organisationId: caller.organisationId, requesterUserId: caller.userId, costCentreId, amount });
    if (route instanceof CostCentreInactiveError) return route;
    return {
      decision: ApprovalDecision[route.decision],
      costCentreId,
      amount,
      currency: BUDGET_CURRENCY,
      personalLimit: route.personalLimit,
      approvers: route.decision === 'NEEDS_APPROVAL' ? route.approvers.map((a) => ({ userId: a.userId, onBehalfOfUserId: a.onBehalfOf, maxAmount: a.maxAmount })) : [],
    };
  }

  /**
   * Where the requisition goes: approved at once within the requester's personal limit, else to
   * the approvers (and substitutes) with authority on the cost centre for the amount. The cost
   * centre must be the organisation's (else NOT_FOUND) and active.
   */
  async route(ctx: RequestContext, q: RequisitionQuestion): Promise<ApprovalRoute | CostCentreInactiveError> {
    const { requisition, facts, inactive } = await this.facts(ctx, q);
    return inactive ?? approvalRoute(requisition, facts);
  }

  /** Whether `userId` may approve the requisition, and on whose behalf (null: not). */
  async mayApprove(ctx: RequestContext, userId: number, q: RequisitionQuestion): Promise<AuthorisedApprover | null> {
    const { requisition, facts } = await this.facts(ctx, q);
    return mayApprove(userId, requisition, facts);
  }

  private async facts(ctx: RequestContext, q: RequisitionQuestion): Promise<{ requisition: RequisitionFacts; facts: AuthorityFacts; inactive: CostCentreInactiveError | null }> {
    if (q.amount.currency !== BUDGET_CURRENCY) throw badInput(`Amounts are in ${BUDGET_CURRENCY}, not ${q.amount.currency}`, { field: 'amount' });
    if (q.amount.isNegative()) throw badInput('amount must not be negative', { field: 'amount' });
    const costCentre = await this.costCentres.find(ctx, q.costCentreId);
    if (!costCentre || costCentre.organisationId !== q.organisationId) throw notFound('Cost centre', q.costCentreId);
    const date = q.date ?? osloToday();
    const [limit, rights, delegations, approverRoleHolders] = await Promise.all([
      this.rows.limit(ctx, q.organisationId, q.requesterUserId),
      this.rows.rights(ctx, q.organisationId),
      this.delegations.inForce(ctx, q.organisationId, date),
      this.members.approverRoleHolders(ctx, q.organisationId),
    ]);
    return {
      requisition: { requesterUserId: q.requesterUserId, costCentreId: costCentre.id, amount: q.amount, date },
      facts: {
        personalLimit: limit ? Money.of(limit.amount, limit.currency) : null,
        rights: rights.map((r) => ({ userId: r.userId, costCentreId: r.costCentreId, maxAmount: Money.of(r.maxAmount, r.currency) })),
        delegations,
        approverRoleHolders,
      },
      inactive: costCentre.active ? null : CostCentreInactiveError.of(costCentre.id, costCentre.code),
    };
  }

  /** The cost centre id if it is the organisation's (NOT_FOUND otherwise), or null for "all". */
  private async costCentreOf(ctx: RequestContext, organisationId: number, costCentreId: number | null | undefined): Promise<number | null> {
    if (costCentreId == null) return null;
    const costCentre = await this.costCentres.find(ctx, costCentreId);
    if (!costCentre || costCentre.organisationId !== organisationId) throw notFound('Cost centre', costCentreId);
    return costCentre.id;
  }

  private async view(ctx: RequestContext, organisationId: number, userId: number): Promise<ApprovalAuthority> {
    const [limit, rights] = await Promise.all([this.rows.limit(ctx, organisationId, userId), this.rows.rights(ctx, organisationId, [userId])]);
    return toView(organisationId, userId, limit, rights);
  }
}

function toView(organisationId: number, userId: number, limit: ApprovalLimitEntity | null, rights: ApproverRightEntity[]): ApprovalAuthority {
  return {
    organisationId,
    userId,
    personalLimit: limit?.amount ?? null,
    currency: limit?.currency ?? BUDGET_CURRENCY,
    approverRights: rights.map((r) => ({ id: r.id, costCentreId: r.costCentreId, maxAmount: r.maxAmount, currency: r.currency })),
  };
}
