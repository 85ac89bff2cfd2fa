import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { AgreementInForce } from './agreement-in-force';
import type { ParticipationPeriod } from './participation.types';
import { UnspscFallback } from './unspsc-fallback';
import { AgreementEntity } from './agreement.entity';
import { TODAY_SQL } from './visibility.service';

/** The one home of the SQL on `agreement`, `agreement_participant` and `agreement_scope`. */
@Injectable()
export class AgreementRepository {
  find(ctx: RequestContext, id: number): Promise<AgreementEntity | null> {
    return ctx.manager.findOneBy(AgreementEntity, { id });
  }

  async setCeiling(ctx: RequestContext, id: number, valueCeiling: string | null): Promise<void> {
    await ctx.manager.update(AgreementEntity, { id }, { valueCeiling });
  }

  async setUnspscFallback(ctx: RequestContext, id: number, unspscFallback: UnspscFallback): Promise<void> {
    await ctx.manager.update(AgreementEntity, { id }, { unspscFallback });
  }

  existsWithReference(ctx: RequestContext, purchasingUnitId: number, reference: string): Promise<boolean> {
    return ctx.manager.existsBy(AgreementEntity, { purchasingUnitId, reference });
  }

  async create(ctx: RequestContext, fields: Omit<AgreementEntity, 'id' | 'createdAt'>, participantIds: number[], scope: string[]): Promise<AgreementEntity> {
    const m = ctx.manager;
    const agreement = await m.save(AgreementEntity, m.create(AgreementEntity, fields));
    // The first participants take part from the agreement's first day.
    await m.query('INSERT INTO agreement_participant (agreement_id, organisation_id, valid_from) SELECT $1, unnest($2::int[]), $3', [agreement.id, participantIds, fields.validFrom]);
    await m.query('INSERT INTO agreement_scope (agreement_id, unspsc_code) SELECT $1, unnest($2::char(8)[])', [agreement.id, scope]);
    return agreement;
  }

  /**
   * Locks the agreement's row until the transaction ends; false when another transaction holds
   * it (at once with `nowait`, else after DATABASE_LOCK_TIMEOUT_MS). FOR NO KEY UPDATE: holders
   * take turns, while rows that merely reference the agreement (an order's drawdown on its
   * ceiling) can still be written meanwhile; FOR UPDATE would hold them up for a whole upload.
   */
  async lock(ctx: RequestContext, id: number, nowait: boolean): Promise<boolean> {
    try {
      await ctx.manager.query(`SELECT id FROM agreement WHERE id = $1 FOR NO KEY UPDATE${nowait ? ' NOWAIT' : ''}`, [id]);
      return true;
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '55P03') throw e;
      return false;
    }
  }

  /** Whether any of these organisations takes part in the agreement, or took part (a former participant still sees the agreement of its past orders). */
  async hasParticipant(ctx: RequestContext, agreementId: number, organisationIds: number[]): Promise<boolean> {
    const rows = await ctx.manager.query('SELECT 1 FROM agreement_participant WHERE agreement_id = $1 AND organisation_id = ANY($2) LIMIT 1', [agreementId, organisationIds]);
    return rows.length > 0;
  }

  /**
   * A page of the agreements `org` is party to: as purchasing unit, supplier, or through a
   * participating organisation among `orgAndAbove` (newest first), and their total.
   */
  async pageForParty(ctx: RequestContext, org: number, orgAndAbove: number[], inForceOnly: boolean, offset: number, limit: number): Promise<[AgreementEntity[], number]> {
    const where = `(a.purchasing_unit_id = $1 OR a.supplier_id = $1 OR EXISTS (
        SELECT 1 FROM agreement_participant p WHERE p.agreement_id = a.id AND p.organisation_id = ANY($2)))
      ${inForceOnly ? `AND ${TODAY_SQL} BETWEEN a.valid_from AND a.valid_to` : ''}`;
    const [{ total }] = await ctx.manager.query(`SELECT count(*)::int AS total FROM agreement a WHERE ${where}`, [org, orgAndAbove]);
    const ids: { id: number }[] = await ctx.manager.query(`SELECT a.id FROM agreement a WHERE ${where} ORDER BY a.id DESC OFFSET $3 LIMIT $4`, [org, orgAndAbove, offset, limit]);
    const rows = ids.length
      ? await ctx.manager
          .getRepository(AgreementEntity)
          .createQueryBuilder('a')
          .whereInIds(ids.map((r) => r.id))
          .orderBy('a.id', 'DESC')
          .getMany()
      : [];
    return [rows, total];
  }

  /** Scope codes of each agreement. */
  scopes(ctx: RequestContext, agreementIds: readonly number[]): Promise<{ agreement_id: number; unspsc_code: string }[]> {
    return ctx.manager.query('SELECT agreement_id, unspsc_code FROM agreement_scope WHERE agreement_id = ANY($1) ORDER BY unspsc_code', [[...agreementIds]]);
  }

  /** Participating organisation ids of each agreement. */
  /** The organisations taking part in any agreement of the purchasing unit. */
  async participantsOfUnit(ctx: RequestContext, purchasingUnitId: number): Promise<number[]> {
    const rows: { id: number }[] = await ctx.manager.query(
      'SELECT DISTINCT p.organisation_id AS id FROM agreement_participant p JOIN agreement a ON a.id = p.agreement_id WHERE a.purchasing_unit_id = $1 ORDER BY 1',
      [purchasingUnitId],
    );
    return rows.map((r) => r.id);
  }

  /** Participating organisation ids of each agreement: those whose participation has not ended before today (Oslo). */
  participantIds(ctx: RequestContext, agreementIds: readonly number[]): Promise<{ agreement_id: number; organisation_id: number }[]> {
    return ctx.manager.query(
      `SELECT DISTINCT agreement_id, organisation_id FROM agreement_participant
        WHERE agreement_id = ANY($1) AND (valid_to IS NULL OR valid_to >= ${TODAY_SQL}) ORDER BY organisation_id`,
      [[...agreementIds]],
    );
  }

  /** Every participation period of an agreement, by organisation and first day. */
  participations(ctx: RequestContext, agreementId: number): Promise<ParticipationPeriod[]> {
    return ctx.manager.query(
      `SELECT organisation_id AS "organisationId", valid_from::text AS "validFrom", valid_to::text AS "validTo"
         FROM agreement_participant WHERE agreement_id = $1 ORDER BY organisation_id, valid_from`,
      [agreementId],
    );
  }

  async addParticipation(ctx: RequestContext, agreementId: number, p: ParticipationPeriod): Promise<void> {
    await ctx.manager.query('INSERT INTO agreement_participant (agreement_id, organisation_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)', [agreementId, p.organisationId, p.validFrom, p.validTo]);
  }

  /** Sets the last day of the participation period that began on `validFrom`. */
  async endParticipation(ctx: RequestContext, agreementId: number, organisationId: number, validFrom: string, lastDay: string): Promise<void> {
    await ctx.manager.query('UPDATE agreement_participant SET valid_to = $4 WHERE agreement_id = $1 AND organisation_id = $2 AND valid_from = $3', [agreementId, organisationId, validFrom, lastDay]);
  }

  /**
   * The agreements a buyer organisation may order under right now: the rule search uses (the
   * database function torg_visible_agreements: in force on today's Oslo date, the organisation
   * or one above it participating), read in the caller's transaction. A supplier buys nothing
   * from catalogues, so its own agreements are left out.
   */
  inForceFor(tx: RequestContext, organisationId: number): Promise<AgreementInForce[]> {
    return tx.manager.query(
      `SELECT a.id, a.reference, a.title, a.mandatory, a.supplier_id AS "supplierId", a.currency,
              coalesce(array_agg(s.unspsc_code::text ORDER BY s.unspsc_code) FILTER (WHERE s.unspsc_code IS NOT NULL), '{}') AS scope
         FROM torg_visible_agreements($1) v
         JOIN agreement a ON a.id = v.agreement_id
         LEFT JOIN agreement_scope s ON s.agreement_id = a.id
        WHERE v.caller_kind <> 'SUPPLIER'
        GROUP BY a.id ORDER BY a.id`,
      [organisationId],
    );
  }

  /**
   * The agreements the organisation took part in (as inForceFor: its own and those above it, or a
   * purchasing unit's own) that were valid on `day` (YYYY-MM-DD), whatever today is: what was in
   * force when an order was placed, and the organisation (or the one above it) took part in then:
   * a participant that joined later or has left is judged by its participation on that day.
   */
  inForceOn(tx: RequestContext, organisationId: number, day: string): Promise<AgreementInForce[]> {
    return tx.manager.query(
      `WITH RECURSIVE me AS (SELECT o.kind::text AS kind FROM organisation o WHERE o.id = $1),
            up AS (SELECT o.id, o.parent_id, 0 AS depth FROM organisation o WHERE o.id = $1
                   UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
       SELECT a.id, a.reference, a.title, a.mandatory, a.supplier_id AS "supplierId", a.currency,
              coalesce(array_agg(s.unspsc_code::text ORDER BY s.unspsc_code) FILTER (WHERE s.unspsc_code IS NOT NULL), '{}') AS scope
         FROM agreement a
         LEFT JOIN agreement_scope s ON s.agreement_id = a.id
        WHERE (SELECT kind FROM me) <> 'SUPPLIER'
          AND (a.id IN (SELECT p.agreement_id FROM agreement_participant p JOIN up ON p.organisation_id = up.id
                         WHERE $2::date >= p.valid_from AND (p.valid_to IS NULL OR $2::date <= p.valid_to))
               OR (a.purchasing_unit_id = $1 AND (SELECT kind FROM me) = 'PURCHASING_UNIT'))
          AND $2::date BETWEEN a.valid_from AND a.valid_to
        GROUP BY a.id ORDER BY a.id`,
      [organisationId, day],
    );
  }

  /** Several agreements by id (unknown ids are left out). */
  byIds(ctx: RequestContext, ids: readonly number[]): Promise<AgreementEntity[]> {
    return ids.length
      ? ctx.manager
          .getRepository(AgreementEntity)
          .createQueryBuilder('a')
          .whereInIds([...ids])
          .getMany()
      : Promise.resolve([]);
  }

  /** Every UNSPSC code some agreement's scope names. */
  async scopeCodesInUse(ctx: RequestContext): Promise<string[]> {
    const rows: { code: string }[] = await ctx.manager.query('SELECT DISTINCT unspsc_code AS code FROM agreement_scope');
    return rows.map((r) => r.code);
  }
}
