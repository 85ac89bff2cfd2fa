import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementAccess } from '../agreements/agreement-access';
import { AgreementsService } from '../agreements/agreements.service';
import { IdentityService } from '../identity/identity.service';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { OpenDataRepository, UsageMonth } from './open-data.repository';

/** What is published of an agreement: its public standing and parties (organisations only), and its use per month. */
export interface AgreementUsage {
  agreement: { id: number; reference: string; title: string; validFrom: string; validTo: string };
  purchasingUnit: { name: string; orgNumber: string } | null;
  supplier: { name: string; orgNumber: string } | null;
  currency: 'NOK';
  months: UsageMonth[];
}

/**
 * Agreement usage as open data (issue 16 §4, the digitalisation circulars' reusable public
 * data): the purchasing unit that manages an agreement switches publication on or off; anyone
 * may then read the agreement's use per month. Published: the agreement, its purchasing unit and
 * supplier (public bodies and companies, by name and organisation number), orders and invoices
 * per month with their sums, and how many buyer organisations bought. Not published: persons,
 * order or invoice numbers, lines, and which buyer organisation bought what (a count only), so
 * nothing identifies a requester through a small organisation's purchases.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: OpenDataRepository,
    private readonly access: AgreementAccess,
    private readonly agreements: AgreementsService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
  ) {}

  /** Switches publication of the agreement's usage on or off (its purchasing unit's PURCHASER); audited when it changes. */
  async setPublished(ctx: RequestContext, agreementId: number, published: boolean): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      await this.access.require(tx, agreementId, { allow: ['purchasingUnit'], reason: 'Only the purchasing unit that manages the agreement publishes its usage' });
      if (await this.rows.setPublished(tx, agreementId, published, tx.user.userId ?? null)) {
        await this.audit.record(tx, published ? 'agreement.open-data-published' : 'agreement.open-data-withdrawn', 'agreement', agreementId);
      }
      return published;
    });
  }

  /** The agreement's published usage; NOT_FOUND when it is not published (or does not exist). */
  async usage(ctx: RequestContext, agreementId: number): Promise<AgreementUsage> {
    if (!(await this.rows.isPublished(ctx, agreementId))) throw notFound('Published agreement', agreementId);
    const standing = (await this.agreements.standing(ctx, [agreementId])).get(agreementId);
    if (!standing) throw notFound('Published agreement', agreementId);
    const [unit, supplier, months] = await Promise.all([this.identity.find(ctx, standing.purchasingUnitId), this.identity.find(ctx, standing.supplierId), this.rows.usage(ctx, agreementId)]);
    const party = (o: { name: string; orgNumber: string } | null) => (o ? { name: o.name, orgNumber: o.orgNumber } : null);
    return {
      agreement: { id: agreementId, reference: standing.reference, title: standing.title, validFrom: standing.validFrom, validTo: standing.validTo },
      purchasingUnit: party(unit),
      supplier: party(supplier),
      currency: 'NOK',
      months,
    };
  }
}
