import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClassificationService } from '../classification/classification.service';
import { OrganisationEntity, OrganisationKind } from '../identity/organisation.entity';
import { selfAndAncestorsSql } from '../identity/organisation-tree';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, conflict, forbidden, notFound } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { byKey, requestLoader } from '../platform/graphql/request-loader';
import { AgreementEntity } from './agreement.entity';
import { CreateAgreementInput } from './agreements.types';
import { osloToday, TODAY_SQL, VisibilityService } from './visibility.service';

@Injectable()
export class AgreementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly classification: ClassificationService,
    private readonly audit: AuditService,
    private readonly visibility: VisibilityService,
  ) {}

  async create(ctx: RequestContext, input: CreateAgreementInput): Promise<AgreementEntity> {
    const caller = ctx.user;
    const created = await inTransaction(this.ds, ctx, async (tx) => {
      const m = tx.manager;
      const unit = await m.findOneByOrFail(OrganisationEntity, { id: caller.organisationId });
      if (unit.kind !== OrganisationKind.PURCHASING_UNIT) throw forbidden('Only a purchasing unit can create framework agreements');
      if (input.validTo < input.validFrom) throw badInput(`validTo ${input.validTo} is before validFrom ${input.validFrom}`, { field: 'validTo' });
      const supplier = await m.findOneBy(OrganisationEntity, { id: input.supplierId });
      if (!supplier || supplier.kind !== OrganisationKind.SUPPLIER) throw badInput(`Organisation ${input.supplierId} is not a supplier`, { field: 'supplierId' });
      const participantIds = [...new Set(input.participantIds)];
      const participants = await m.query(`SELECT id FROM organisation WHERE id = ANY($1) AND kind IN ('BUYER', 'PURCHASING_UNIT')`, [participantIds]);
      if (participants.length !== participantIds.length) {
        const found = new Set(participants.map((p: { id: number }) => p.id));
        throw badInput(`Participants must be buyer organisations: ${participantIds.filter((id) => !found.has(id)).join(', ')} are not`, { field: 'participantIds' });
      }
      const scope = [...new Set(input.scope)];
      const existing = await this.classification.existing(m, scope);
      const unknown = scope.filter((c) => !existing.has(c));
      if (unknown.length) throw badInput(`Unknown UNSPSC code(s) in scope: ${unknown.join(', ')}`, { field: 'scope' });
      if (await m.existsBy(AgreementEntity, { purchasingUnitId: unit.id, reference: input.reference })) {
        throw conflict(`Your unit already has an agreement with reference ${input.reference}`, { field: 'reference' });
      }
      const agreement = await m.save(
        AgreementEntity,
        m.create(AgreementEntity, {
          purchasingUnitId: unit.id,
          supplierId: supplier.id,
          reference: input.reference,
          title: input.title,
          validFrom: input.validFrom,
          validTo: input.validTo,
          mandatory: input.mandatory,
          currency: input.currency ?? 'NOK',
        }),
      );
      await m.query('INSERT INTO agreement_participant (agreement_id, organisation_id) SELECT $1, unnest($2::int[])', [agreement.id, participantIds]);
      await m.query('INSERT INTO agreement_scope (agreement_id, unspsc_code) SELECT $1, unnest($2::char(8)[])', [agreement.id, scope]);
      await this.audit.record(tx, 'agreement.created', 'agreement', agreement.id, { ...input });
      return agreement;
    });
    // Its participants see it in their next search (this replica; the others within VISIBILITY_TTL_MS).
    this.visibility.forget();
    return created;
  }

  /** An agreement the caller is party to (its purchasing unit, its supplier, or a participant). */
  async get(ctx: RequestContext, id: number): Promise<AgreementEntity> {
    const agreement = await ctx.manager.findOneBy(AgreementEntity, { id });
    if (!agreement || !(await this.isParty(ctx, agreement))) throw notFound('Agreement', id);
    return agreement;
  }

  async isParty(ctx: RequestContext, agreement: AgreementEntity): Promise<boolean> {
    const org = ctx.user.organisationId;
    if (agreement.purchasingUnitId === org || agreement.supplierId === org) return true;
    const rows = await ctx.manager.query(
      `SELECT 1 FROM agreement_participant WHERE agreement_id = $1 AND organisation_id IN (${selfAndAncestorsSql('$2')}) LIMIT 1`,
      [agreement.id, org],
    );
    return rows.length > 0;
  }

  /** Agreements the caller is party to, newest first; optionally only those in force today. */
  async list(ctx: RequestContext, inForceOnly: boolean, first: number, after?: string) {
    const offset = decodeOffset(after);
    const org = ctx.user.organisationId;
    const where = `(a.purchasing_unit_id = $1 OR a.supplier_id = $1 OR EXISTS (
        SELECT 1 FROM agreement_participant p WHERE p.agreement_id = a.id AND p.organisation_id IN (${selfAndAncestorsSql('$1')})))
      ${inForceOnly ? `AND ${TODAY_SQL} BETWEEN a.valid_from AND a.valid_to` : ''}`;
    const [{ total }] = await ctx.manager.query(`SELECT count(*)::int AS total FROM agreement a WHERE ${where}`, [org]);
    const ids: { id: number }[] = await ctx.manager.query(`SELECT a.id FROM agreement a WHERE ${where} ORDER BY a.id DESC OFFSET $2 LIMIT $3`, [org, offset, first]);
    const rows = ids.length ? await ctx.manager.getRepository(AgreementEntity).createQueryBuilder('a').whereInIds(ids.map((r) => r.id)).orderBy('a.id', 'DESC').getMany() : [];
    return toConnection(rows, offset, first, total);
  }

  /** UNSPSC codes of the agreement's scope (batched over the agreements of a request). */
  scope(ctx: RequestContext, agreementId: number): Promise<string[]> {
    return requestLoader<number, string[]>(ctx, 'agreementScope', async (ids) => {
      const rows: { agreement_id: number; unspsc_code: string }[] = await ctx.manager.query(
        'SELECT agreement_id, unspsc_code FROM agreement_scope WHERE agreement_id = ANY($1) ORDER BY unspsc_code',
        [[...ids]],
      );
      return byKey(ids, rows, (r) => r.agreement_id, (rs) => rs.map((r) => r.unspsc_code), []);
    }).load(agreementId);
  }

  /** Participating organisations (batched over the agreements of a request). */
  participants(ctx: RequestContext, agreementId: number): Promise<OrganisationEntity[]> {
    return requestLoader<number, OrganisationEntity[]>(ctx, 'agreementParticipants', async (ids) => {
      const rows: (OrganisationEntity & { agreementId: number })[] = await ctx.manager.query(
        `SELECT p.agreement_id AS "agreementId", o.id, o.name, o.org_number AS "orgNumber", o.kind, o.parent_id AS "parentId"
           FROM agreement_participant p JOIN organisation o ON o.id = p.organisation_id WHERE p.agreement_id = ANY($1) ORDER BY o.id`,
        [[...ids]],
      );
      return byKey(ids, rows, (r) => r.agreementId, (rs) => rs, []);
    }).load(agreementId);
  }

  /** In force = today (in Norway) within the validity period. */
  isInForce(agreement: Pick<AgreementEntity, 'validFrom' | 'validTo'>, today = osloToday()): boolean {
    return agreement.validFrom <= today && today <= agreement.validTo;
  }
}
