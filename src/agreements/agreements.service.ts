import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, conflict, forbidden } from '../platform/errors/domain-error';
import type { LedgerSource } from '../platform/money/capped-total';
import type { Money } from '../platform/money/money';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { byKey, requestLoader } from '../platform/graphql/request-loader';
import { AGREEMENT_PARTIES, AccessRule, AgreementAccess } from './agreement-access';
import { UnspscFallback } from './unspsc-fallback';

const UNSPSC_SETTER: AccessRule = { allow: ['purchasingUnit'], reason: 'Only the purchasing unit that manages the agreement decides how its catalogues take unknown UNSPSC codes' };
import { AgreementCeilingService, DrawRecorded, Headroom } from './agreement-ceiling.service';
import { AgreementEntity } from './agreement.entity';
import type { AgreementInForce, AgreementStanding } from './agreement-in-force';
import { AgreementRepository } from './agreement.repository';
import { CeilingExceededError } from './agreements.errors';
import { CreateAgreementInput } from './agreements.types';
import { osloToday } from '../platform/time/oslo-date';
import { VisibilityService } from './visibility.service';
import { PriceClauseAllowance, PriceClauseService } from './price-clause/price-clause.service';

@Injectable()
export class AgreementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly classification: ClassificationService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly visibility: VisibilityService,
    private readonly ceilings: AgreementCeilingService,
    private readonly priceClauses: PriceClauseService,
  ) {}

  async create(ctx: RequestContext, input: CreateAgreementInput): Promise<AgreementEntity> {
    const caller = ctx.user;
    const created = await inTransaction(this.ds, ctx, async (tx) => {
      const unit = await this.identity.organisation(tx, caller.organisationId);
      if (unit.kind !== OrganisationKind.PURCHASING_UNIT) throw forbidden('Only a purchasing unit can create framework agreements');
      if (input.validTo < input.validFrom) throw badInput(`validTo ${input.validTo} is before validFrom ${input.validFrom}`, { field: 'validTo' });
      const supplier = await this.identity.find(tx, input.supplierId);
      if (!supplier || supplier.kind !== OrganisationKind.SUPPLIER) throw badInput(`Organisation ${input.supplierId} is not a supplier`, { field: 'supplierId' });
      const participantIds = [...new Set(input.participantIds)];
      const participants = await Promise.all(participantIds.map((id) => this.identity.find(tx, id)));
      const notBuyers = participantIds.filter((_, i) => !participants[i] || ![OrganisationKind.BUYER, OrganisationKind.PURCHASING_UNIT].includes(participants[i].kind));
      if (notBuyers.length) throw badInput(`Participants must be buyer organisations: ${notBuyers.join(', ')} are not`, { field: 'participantIds' });
      const scope = [...new Set(input.scope)];
      const existing = await this.classification.existing(tx, scope);
      const unknown = scope.filter((c) => !existing.has(c));
      if (unknown.length) throw badInput(`Unknown UNSPSC code(s) in scope: ${unknown.join(', ')}`, { field: 'scope' });
      if (await this.rows.existsWithReference(tx, unit.id, input.reference)) {
        throw conflict(`Your unit already has an agreement with reference ${input.reference}`, { field: 'reference' });
      }
      const agreement = await this.rows.create(
        tx,
        {
          purchasingUnitId: unit.id,
          supplierId: supplier.id,
          reference: input.reference,
          title: input.title,
          validFrom: input.validFrom,
          validTo: input.validTo,
          mandatory: input.mandatory,
          currency: input.currency ?? 'NOK',
          valueCeiling: input.valueCeiling ?? null,
          unspscFallback: UnspscFallback.STRICT,
        },
        participantIds,
        scope,
      );
      await this.audit.record(tx, 'agreement.created', 'agreement', agreement.id, { ...input });
      return agreement;
    });
    // Its participants see it in their next search (this replica; the others within VISIBILITY_TTL_MS).
    this.visibility.forget();
    return created;
  }

  /** An agreement the caller is party to (its purchasing unit, its supplier, or a participant). */
  get(ctx: RequestContext, id: number): Promise<AgreementEntity> {
    return this.access.require(ctx, id, AGREEMENT_PARTIES);
  }

  /**
   * Locks the agreement until the caller's transaction ends, so work on it takes turns across
   * replicas; false when another transaction holds it (at once with `nowait`, else after
   * DATABASE_LOCK_TIMEOUT_MS).
   */
  lock(tx: RequestContext, id: number, nowait: boolean): Promise<boolean> {
    return this.rows.lock(tx, id, nowait);
  }

  /** Agreements the caller is party to, newest first; optionally only those in force today. */
  async list(ctx: RequestContext, inForceOnly: boolean, first: number, after?: string) {
    const offset = decodeOffset(after);
    const org = ctx.user.organisationId;
    const [rows, total] = await this.rows.pageForParty(ctx, org, await this.identity.selfAndAncestorIds(ctx, org), inForceOnly, offset, first);
    return toConnection(rows, offset, first, total);
  }

  /** The organisations taking part in any agreement of this purchasing unit (insights shows the unit their spend). */
  participantsOfUnit(ctx: RequestContext, purchasingUnitId: number): Promise<number[]> {
    return this.rows.participantsOfUnit(ctx, purchasingUnitId);
  }

  /** UNSPSC codes of the agreement's scope (batched over the agreements of a request). */
  scope(ctx: RequestContext, agreementId: number): Promise<string[]> {
    return requestLoader<number, string[]>(ctx, 'agreementScope', async (ids) => {
      const rows = await this.rows.scopes(ctx, ids);
      return byKey(
        ids,
        rows,
        (r) => r.agreement_id,
        (rs) => rs.map((r) => r.unspsc_code),
        [],
      );
    }).load(agreementId);
  }

  /** Ids of the participating organisations (batched over the agreements of a request). */
  participantIds(ctx: RequestContext, agreementId: number): Promise<number[]> {
    return requestLoader<number, number[]>(ctx, 'agreementParticipants', async (ids) => {
      const rows = await this.rows.participantIds(ctx, ids);
      return byKey(
        ids,
        rows,
        (r) => r.agreement_id,
        (rs) => rs.map((r) => r.organisation_id),
        [],
      );
    }).load(agreementId);
  }

  /** Every UNSPSC code some agreement's scope names (the UNSPSC re-import keeps those). */
  unspscCodesInUse(tx: RequestContext): Promise<string[]> {
    return this.rows.scopeCodesInUse(tx);
  }

  /**
   * The agreements the organisation may order under now, with scope and whether each is
   * mandatory: decided in the database, in the caller's transaction (never from the search's
   * cached visibility), by the same rule search uses.
   */
  inForceFor(tx: RequestContext, organisationId: number): Promise<AgreementInForce[]> {
    return this.rows.inForceFor(tx, organisationId);
  }

  /** The agreements the organisation could order under on `day` (YYYY-MM-DD): in force then, whatever today is (insights' loyalty on the order date). */
  inForceOn(tx: RequestContext, organisationId: number, day: string): Promise<AgreementInForce[]> {
    return this.rows.inForceOn(tx, organisationId, day);
  }

  /** Validity and parties of these agreements (also what insights' open data publishes of one), to tell why one is no longer orderable (ended, not yet begun, or the buyer no longer takes part). */
  async standing(tx: RequestContext, ids: readonly number[]): Promise<Map<number, AgreementStanding>> {
    const today = osloToday();
    const rows = await this.rows.byIds(tx, ids);
    return new Map(
      rows.map((a) => [
        a.id,
        {
          reference: a.reference,
          title: a.title,
          supplierId: a.supplierId,
          purchasingUnitId: a.purchasingUnitId,
          currency: a.currency,
          validFrom: a.validFrom,
          validTo: a.validTo,
          inForce: this.isInForce(a, today),
        },
      ]),
    );
  }

  /** In force = today (in Norway) within the validity period. */
  isInForce(agreement: Pick<AgreementEntity, 'validFrom' | 'validTo'>, today = osloToday()): boolean {
    return agreement.validFrom <= today && today <= agreement.validTo;
  }

  /**
   * Sets how the agreement's catalogues take UNSPSC codes not in the code set (its purchasing
   * unit only), audited with the old and new setting. It applies to uploads from then on.
   */
  setUnspscFallback(ctx: RequestContext, agreementId: number, fallback: UnspscFallback): Promise<AgreementEntity> {
    return inTransaction(this.ds, ctx, async (tx) => {
      await this.access.require(tx, agreementId, UNSPSC_SETTER);
      const agreement = (await this.rows.find(tx, agreementId))!;
      if (agreement.unspscFallback === fallback) return agreement;
      await this.rows.setUnspscFallback(tx, agreement.id, fallback);
      await this.audit.record(tx, 'agreement.unspsc-fallback-set', 'agreement', agreement.id, { from: agreement.unspscFallback, to: fallback });
      return Object.assign(agreement, { unspscFallback: fallback });
    });
  }

  /** Sets (or with null removes) the agreement's value ceiling; its purchasing unit only. */
  setCeiling(ctx: RequestContext, agreementId: number, valueCeiling: string | null): Promise<AgreementEntity> {
    return this.ceilings.setCeiling(ctx, agreementId, valueCeiling);
  }

  /**
   * Draws `amount` (the agreement's currency) on its value ceiling for `source`, in the caller's
   * transaction, replacing the source's earlier drawdown. Locks the agreement's ledger; refused when
   * committed + amount would pass the ceiling; always recorded without one.
   */
  draw(tx: RequestContext, d: { agreementId: number; source: LedgerSource; amount: Money }): Promise<DrawRecorded | CeilingExceededError> {
    return this.ceilings.draw(tx, d);
  }

  /** Frees the source's drawdown; idempotent. */
  releaseDraw(tx: RequestContext, source: LedgerSource): Promise<void> {
    return this.ceilings.releaseDraw(tx, source);
  }

  /** Sets the source's drawdown to `amount` (an accepted change), never refused for the ceiling. */
  adjustDraw(tx: RequestContext, source: LedgerSource, amount: Money): Promise<void> {
    return this.ceilings.adjustDraw(tx, source, amount);
  }

  /** The source was closed with `delivered` of it delivered: its drawdown becomes that, never less than invoiced. */
  settleDraw(tx: RequestContext, source: LedgerSource, delivered: Money): Promise<void> {
    return this.ceilings.settleDraw(tx, source, delivered);
  }

  /** Records an approved invoice (or, negative, a credit note) on the source's drawdown; false when it has none. */
  invoiceDraw(tx: RequestContext, source: LedgerSource, amount: Money, by: { type: string; id: string }): Promise<boolean> {
    return this.ceilings.invoiceDraw(tx, source, amount, by);
  }

  /** Ceiling, committed, invoiced and remaining headroom of the agreement (in its currency). */
  headroom(tx: RequestContext, agreementId: number): Promise<Headroom> {
    return this.ceilings.headroom(tx, agreementId);
  }

  /** The same, batched over the agreements of a request (field resolvers). */
  headroomBatched(ctx: RequestContext, agreement: Pick<AgreementEntity, 'id' | 'currency' | 'valueCeiling'>): Promise<Headroom> {
    return this.ceilings.headroomBatched(ctx, agreement);
  }

  /**
   * What the agreement's price-adjustment clause allows on `today` (YYYY-MM-DD, Norway), in the
   * caller's transaction: the clause and its allowance, or null without a clause (or when a
   * LAST_PUBLISH clause has no version in force to count from). Catalogues judge increases with it.
   */
  priceAllowance(tx: RequestContext, agreement: Pick<AgreementEntity, 'id' | 'validFrom'>, on: { today: string; inForceSince: string | null }): Promise<PriceClauseAllowance | null> {
    return this.priceClauses.allowance(tx, agreement, on);
  }
}
