import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { Role } from '../identity/role';
import type { RequestContext } from '../platform/context/request-context';
import { forbidden, notFound } from '../platform/errors/domain-error';

/** A report's organisations: all of them, and the tops of the subtrees they make up (no two overlap). */
export interface ScopeOrganisations {
  ids: number[];
  tops: number[];
}

/** Roles that see insights (the resolver and export allow these; the scope below decides what of). */
export const INSIGHT_ROLES = [Role.PURCHASER, Role.ACCOUNTS_PAYABLE, Role.ADMIN];

/**
 * Whose spend a caller sees. A buyer organisation's PURCHASER, ACCOUNTS_PAYABLE or ADMIN: its
 * own and every organisation below it. A purchasing unit's PURCHASER or ADMIN: besides its own,
 * every organisation taking part in one of its agreements, with those below them (loyalty to
 * its agreements is what it manages). A supplier sees nothing here: its customers' loyalty and
 * leakage are the buyers' business (its own agreements' usage is in the open data, when published).
 */
@Injectable()
export class InsightsScope {
  constructor(
    private readonly identity: IdentityService,
    private readonly agreements: AgreementsService,
  ) {}

  /**
   * The buyer organisations the caller sees, narrowed to `organisationId` and those below it
   * (NOT_FOUND outside the caller's view). Always whole subtrees: an organisation in view has
   * its whole subtree in view (trees are far shallower than the 20 levels the tree walk allows).
   */
  async organisations(ctx: RequestContext, organisationId?: number): Promise<ScopeOrganisations> {
    const visible = await this.visible(ctx);
    if (organisationId === undefined) return visible;
    if (!visible.ids.includes(organisationId)) throw notFound('Organisation', organisationId);
    return this.identity.subtrees(ctx, [organisationId]);
  }

  private async visible(ctx: RequestContext): Promise<ScopeOrganisations> {
    // The organisation and its unit's participants at once (two pool connections outside a
    // transaction): one round trip less per report. Participants count only for a purchasing unit.
    const mayManageUnit = ctx.hasRole(Role.PURCHASER, Role.ADMIN);
    const [own, participants] = await Promise.all([this.identity.organisation(ctx, ctx.user.organisationId), mayManageUnit ? this.agreements.participantsOfUnit(ctx, ctx.user.organisationId) : []]);
    if (own.kind === OrganisationKind.SUPPLIER) throw forbidden('Suppliers see no insights into their customers’ purchasing');
    const roots = [own.id];
    if (own.kind === OrganisationKind.PURCHASING_UNIT && mayManageUnit) roots.push(...participants);
    return this.identity.subtrees(ctx, roots);
  }
}
