import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, notFound } from '../../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../../platform/graphql/connection';
import { Role } from '../role';
import type { DelegationFact } from './approval-route';
import { BuyerSetupAccess } from './buyer-setup-access';
import { MissingRoleError, UserNotInOrganisationError } from './buyer-setup.errors';
import { conflictingDelegation, delegationProblem, delegationStatus } from './delegation-rules';
import type { DelegationEntity } from './delegation.entity';
import { DelegationRepository } from './delegation.repository';
import { CreateDelegationInput, DelegationOverlapError, DelegationStatus, InvalidDelegationError } from './delegation.types';
import { OrganisationMembers } from './organisation-members';
import { osloToday } from '../../platform/time/oslo-date';

type DelegationResult = DelegationEntity | UserNotInOrganisationError | MissingRoleError | InvalidDelegationError | DelegationOverlapError;

/**
 * Approvers' substitutes. An approver names their own (or an ADMIN names one for them); both
 * hold the APPROVER role in the organisation; periods are Oslo dates. Ordering (issue 15 §4)
 * asks `inForce` (through ApprovalAuthorityService) and records approvals made through a
 * delegation as "on behalf of" the principal.
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: DelegationRepository,
    private readonly access: BuyerSetupAccess,
    private readonly members: OrganisationMembers,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, organisationId: number | undefined, includeEnded: boolean, first: number, after?: string): Promise<Connection<DelegationEntity>> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    const offset = decodeOffset(after);
    const [rows, total] = await this.rows.page(ctx, org.id, includeEnded, osloToday(), offset, first);
    return toConnection(rows, offset, first, total);
  }

  /** Who may approve for `principalUserId` on `date` (today by default): the principal, then their substitutes in force. */
  async whoMayApproveFor(ctx: RequestContext, organisationId: number | undefined, principalUserId: number, date?: string): Promise<number[]> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    const substitutes = (await this.inForce(ctx, org.id, date ?? osloToday())).filter((d) => d.principalUserId === principalUserId).map((d) => d.substituteUserId);
    return [principalUserId, ...substitutes];
  }

  /** The delegations of the organisation in force on `date` (no caller check: for services that checked already). */
  async inForce(ctx: RequestContext, organisationId: number, date: string): Promise<DelegationFact[]> {
    const rows = await this.rows.inForce(ctx, organisationId, date);
    return rows.map((d) => ({ principalUserId: d.principalUserId, substituteUserId: d.substituteUserId, validFrom: d.validFrom, validTo: d.validTo }));
  }

  async create(ctx: RequestContext, input: CreateDelegationInput): Promise<DelegationResult> {
    const caller = ctx.person;
    if (input.validTo < input.validFrom) throw badInput(`validTo ${input.validTo} is before validFrom ${input.validFrom}`, { field: 'validTo' });
    const organisationId = this.access.organisationOf(ctx, input.organisationId);
    const principalUserId = input.principalUserId ?? caller.userId;
    // Approvers name their own substitute; naming one for someone else is the ADMIN's.
    const ownDelegation = principalUserId === caller.userId && organisationId === caller.organisationId;
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, organisationId, ownDelegation ? 'read' : 'manage');
      const proposed = { principalUserId, substituteUserId: input.substituteUserId, validFrom: input.validFrom, validTo: input.validTo };
      const problem = delegationProblem(proposed, osloToday());
      if (problem === 'SELF_DELEGATION') return InvalidDelegationError.of(problem, `User ${principalUserId} cannot be their own substitute`);
      if (problem === 'PERIOD_IN_PAST') return InvalidDelegationError.of(problem, `validFrom ${input.validFrom} is in the past (today is ${osloToday()} in Oslo): a delegation starts today or later`);
      const refused =
        (await this.members.withRole(tx, org.id, principalUserId, 'principalUserId', Role.APPROVER)) ??
        (await this.members.withRole(tx, org.id, input.substituteUserId, 'substituteUserId', Role.APPROVER));
      if (refused) return refused;
      await this.rows.lockOrganisation(tx, org.id);
      const others = await this.rows.overlapping(tx, org.id, input.validFrom, input.validTo, [principalUserId, input.substituteUserId]);
      const conflict = conflictingDelegation(proposed, others);
      if (conflict) return DelegationOverlapError.of(conflict.delegation.id, conflict.reason);
      const delegation = await this.rows.create(tx, { organisationId: org.id, ...proposed, createdByUserId: caller.userId });
      await this.audit.record(tx, 'delegation.created', 'approval_delegation', delegation.id, { organisationId: org.id, ...proposed });
      return delegation;
    });
  }

  /** Withdraws a delegation that has not ended (its principal, or an ADMIN). Approvals already made through it stay on behalf of the principal. */
  async cancel(ctx: RequestContext, id: number): Promise<DelegationEntity | InvalidDelegationError> {
    const caller = ctx.caller;
    return inTransaction(this.ds, ctx, async (tx) => {
      const delegation = await this.rows.find(tx, id);
      if (!delegation) throw notFound('Delegation', id);
      const own = delegation.principalUserId === caller?.userId && delegation.organisationId === caller.organisationId;
      await this.access.require(tx, delegation.organisationId, own ? 'read' : 'manage', { what: 'Delegation', id });
      if (delegation.cancelledAt) return InvalidDelegationError.of('ALREADY_CANCELLED', `Delegation ${id} was cancelled already`);
      if (delegation.validTo < osloToday()) return InvalidDelegationError.of('ALREADY_ENDED', `Delegation ${id} ended on ${delegation.validTo}`);
      await this.rows.lockOrganisation(tx, delegation.organisationId);
      const cancelled = await this.rows.cancel(tx, id, caller?.userId ?? null);
      await this.audit.record(tx, 'delegation.cancelled', 'approval_delegation', id, {
        organisationId: delegation.organisationId,
        principalUserId: delegation.principalUserId,
        substituteUserId: delegation.substituteUserId,
      });
      return cancelled;
    });
  }

  status(d: Pick<DelegationEntity, 'validFrom' | 'validTo' | 'cancelledAt'>, today = osloToday()): DelegationStatus {
    return DelegationStatus[delegationStatus(d, today)];
  }
}
