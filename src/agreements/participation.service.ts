import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, conflict } from '../platform/errors/domain-error';
import { AccessRule, AgreementAccess } from './agreement-access';
import { AgreementEntity } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { JoinAgreementInput, LeaveAgreementInput, ParticipationPeriod } from './participation.types';
import { VisibilityService } from './visibility.service';

const PARTICIPATION_SETTER: AccessRule = { allow: ['purchasingUnit'], reason: 'Only the purchasing unit that manages the agreement decides who takes part in it' };

/**
 * Who takes part in an agreement, and when (agreement_participant's periods, migration 175). A
 * participation is a period: an organisation joins from a day (also while the agreement runs, or
 * recorded late) and leaves after a day; it may join again later, in a period of its own. Periods
 * of one organisation never overlap. Loyalty on an order's date (AgreementsService.inForceOn) and
 * what may be ordered today (torg_visible_agreements) both read them. Each change is audited, made
 * under the agreement's row lock (two changes to one agreement take turns).
 */
@Injectable()
export class AgreementParticipationService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly visibility: VisibilityService,
  ) {}

  periods(ctx: RequestContext, agreementId: number): Promise<ParticipationPeriod[]> {
    return this.rows.participations(ctx, agreementId);
  }

  async join(ctx: RequestContext, input: JoinAgreementInput): Promise<AgreementEntity> {
    const agreement = await inTransaction(this.ds, ctx, async (tx) => {
      const agreement = await this.locked(tx, input.agreementId);
      const org = await this.identity.find(tx, input.organisationId);
      if (!org || ![OrganisationKind.BUYER, OrganisationKind.PURCHASING_UNIT].includes(org.kind))
        throw badInput(`Organisation ${input.organisationId} is not a buyer organisation: only buyers take part in an agreement`, { field: 'organisationId' });
      if (input.validFrom < agreement.validFrom || input.validFrom > agreement.validTo)
        throw badInput(`validFrom ${input.validFrom} is outside the agreement’s validity (${agreement.validFrom} to ${agreement.validTo})`, { field: 'validFrom' });
      const theirs = (await this.rows.participations(tx, agreement.id)).filter((p) => p.organisationId === org.id);
      // A new period runs from validFrom to the agreement's end: any period not ended before it overlaps.
      const overlapping = theirs.find((p) => p.validTo === null || p.validTo >= input.validFrom);
      if (overlapping)
        throw conflict(
          `Organisation ${org.id} already takes part in agreement ${agreement.id} from ${overlapping.validFrom}${overlapping.validTo ? ` to ${overlapping.validTo}` : ''}: ` +
            (overlapping.validTo ? `a new period must begin after ${overlapping.validTo}` : 'it must leave (leaveAgreement) before it can join again'),
          { field: 'validFrom' },
        );
      const period = { organisationId: org.id, validFrom: input.validFrom, validTo: null };
      await this.rows.addParticipation(tx, agreement.id, period);
      await this.audit.record(tx, 'agreement.participant-joined', 'agreement', agreement.id, period);
      return agreement;
    });
    // What the organisation may order changes (this replica now; the others within VISIBILITY_TTL_MS).
    this.visibility.forget();
    return agreement;
  }

  async leave(ctx: RequestContext, input: LeaveAgreementInput): Promise<AgreementEntity> {
    const agreement = await inTransaction(this.ds, ctx, async (tx) => {
      const agreement = await this.locked(tx, input.agreementId);
      const open = (await this.rows.participations(tx, agreement.id)).find((p) => p.organisationId === input.organisationId && p.validTo === null);
      if (!open) throw badInput(`Organisation ${input.organisationId} takes no open part in agreement ${agreement.id}: there is nothing to leave`, { field: 'organisationId' });
      if (input.lastDay < open.validFrom)
        throw badInput(`lastDay ${input.lastDay} is before its participation began (${open.validFrom}): a participation lasts at least one day`, { field: 'lastDay' });
      if (input.lastDay > agreement.validTo) throw badInput(`lastDay ${input.lastDay} is after the agreement ends (${agreement.validTo}): every participation ends with it`, { field: 'lastDay' });
      await this.rows.endParticipation(tx, agreement.id, open.organisationId, open.validFrom, input.lastDay);
      await this.audit.record(tx, 'agreement.participant-left', 'agreement', agreement.id, { organisationId: open.organisationId, validFrom: open.validFrom, validTo: input.lastDay });
      return agreement;
    });
    this.visibility.forget();
    return agreement;
  }

  /** The agreement, for its purchasing unit only, locked to the end of the transaction. */
  private async locked(tx: RequestContext, agreementId: number): Promise<AgreementEntity> {
    const agreement = await this.access.require(tx, agreementId, PARTICIPATION_SETTER);
    if (!(await this.rows.lock(tx, agreement.id, false))) throw conflict(`Agreement ${agreement.id} is being changed by another request: try again`);
    return agreement;
  }
}
