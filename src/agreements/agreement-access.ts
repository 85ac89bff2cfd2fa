import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { RequestContext } from '../platform/context/request-context';
import { DomainError, forbidden, notFound } from '../platform/errors/domain-error';
import type { AgreementEntity } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';

/** What the caller's organisation is to an agreement. Participants take part through their own organisation or one above it. */
export type AgreementRelation = 'supplier' | 'purchasingUnit' | 'participant' | 'outsider';

/** Who may do something with an agreement (or with what hangs off it, such as its catalogue versions). */
export interface AccessRule {
  allow: readonly AgreementRelation[];
  /** Told to a party the rule leaves out (FORBIDDEN): why not. */
  reason: string;
}

/** What an outsider is told was not found: the agreement itself unless said otherwise. */
export interface Hidden {
  what: string;
  id: number | string;
}

/** Anyone who takes part in the agreement. */
export const AGREEMENT_PARTIES: AccessRule = { allow: ['supplier', 'purchasingUnit', 'participant'], reason: 'Only the parties to an agreement see it' };

/**
 * The one answer to "may this organisation do this with the agreement": an outsider is told
 * NOT_FOUND (so existence is not revealed), a party the rule leaves out FORBIDDEN with the
 * rule's reason, and anyone the rule allows nothing (null).
 */
export function accessRefusal(relation: AgreementRelation, rule: AccessRule, hidden: Hidden): DomainError | null {
  if (relation === 'outsider') return notFound(hidden.what, hidden.id);
  if (!rule.allow.includes(relation)) return forbidden(rule.reason);
  return null;
}

/** The access policy of the agreement aggregate (agreements and everything under them use it). */
@Injectable()
export class AgreementAccess {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly identity: IdentityService,
  ) {}

  async relation(ctx: RequestContext, agreement: Pick<AgreementEntity, 'id' | 'supplierId' | 'purchasingUnitId'>): Promise<AgreementRelation> {
    const org = ctx.user.organisationId;
    if (agreement.supplierId === org) return 'supplier';
    if (agreement.purchasingUnitId === org) return 'purchasingUnit';
    const orgAndAbove = await this.identity.selfAndAncestorIds(ctx, org);
    return (await this.agreements.hasParticipant(ctx, agreement.id, orgAndAbove)) ? 'participant' : 'outsider';
  }

  /** The agreement, if `rule` lets the caller at it; else NOT_FOUND (`hidden`, default the agreement) or FORBIDDEN. */
  async require(ctx: RequestContext, agreementId: number, rule: AccessRule, hidden: Hidden = { what: 'Agreement', id: agreementId }): Promise<AgreementEntity> {
    const agreement = await this.agreements.find(ctx, agreementId);
    const refusal = accessRefusal(agreement ? await this.relation(ctx, agreement) : 'outsider', rule, hidden);
    if (refusal) throw refusal;
    return agreement!;
  }
}
