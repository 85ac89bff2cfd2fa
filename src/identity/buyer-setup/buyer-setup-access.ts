import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { badInput, DomainError, forbidden, notFound } from '../../platform/errors/domain-error';
import { actorOf, IdentityActor, mayManageMembers } from '../identity-permissions';
import { IdentityService } from '../identity.service';
import { OrganisationKind } from '../organisation-kind';
import type { OrganisationEntity } from '../organisation.entity';

/**
 * Who may see and change an organisation's buyer set-up (cost centres, approval authority,
 * delegations, delivery addresses). The same people who manage its members
 * (identity-permissions.ts) manage it: its ADMIN, the ADMIN of an organisation above it, a
 * platform operator. Every member (any role) reads it. Anyone else is told NOT_FOUND, so one
 * tenant learns nothing of another's cost centres or addresses.
 */
export type SetupRelation = 'manager' | 'member' | 'outsider';
export type SetupNeed = 'read' | 'manage';

export function setupRelation(actor: IdentityActor, organisationId: number, targetAndAbove: readonly number[]): SetupRelation {
  if (mayManageMembers(actor, targetAndAbove)) return 'manager';
  return actor.caller?.organisationId === organisationId ? 'member' : 'outsider';
}

/** What to tell the caller instead (NOT_FOUND naming `hidden`, or FORBIDDEN), or null when allowed. */
export function setupRefusal(relation: SetupRelation, need: SetupNeed, hidden: { what: string; id: number }): DomainError | null {
  if (relation === 'outsider') return notFound(hidden.what, hidden.id);
  if (need === 'manage' && relation !== 'manager') {
    return forbidden('Only the organisation’s ADMIN, the ADMIN of an organisation above it, or a platform operator changes its cost centres, approval authority and delivery addresses');
  }
  return null;
}

@Injectable()
export class BuyerSetupAccess {
  constructor(private readonly identity: IdentityService) {}

  /** The caller's own organisation when none is named. */
  organisationOf(ctx: RequestContext, organisationId: number | null | undefined): number {
    return organisationId ?? ctx.user.organisationId;
  }

  /**
   * The organisation, if the caller may `need` its set-up; else NOT_FOUND (naming `hidden`: the
   * cost centre or address asked for, by default the organisation) or FORBIDDEN. Suppliers have
   * no buyer set-up (BAD_USER_INPUT).
   */
  async require(ctx: RequestContext, organisationId: number, need: SetupNeed, hidden = { what: 'Organisation', id: organisationId }): Promise<OrganisationEntity> {
    const org = await this.identity.find(ctx, organisationId);
    const relation = org ? setupRelation(actorOf(ctx.caller), org.id, await this.identity.selfAndAncestorIds(ctx, org.id)) : 'outsider';
    const refusal = setupRefusal(relation, need, hidden);
    if (refusal) throw refusal;
    if (org!.kind === OrganisationKind.SUPPLIER) {
      throw badInput(`${org!.name} is a supplier: cost centres, approval authority and delivery addresses belong to organisations that order`, { field: 'organisationId' });
    }
    return org!;
  }
}
