import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, conflict } from '../../platform/errors/domain-error';
import { byKey, requestLoader } from '../../platform/graphql/request-loader';
import { osloToday } from '../../platform/time/oslo-date';
import { AccessRule, AgreementAccess } from '../agreement-access';
import type { AgreementEntity } from '../agreement.entity';
import { AgreementRepository } from '../agreement.repository';
import { IndexValueRow, PriceClauseRepository, PriceClauseRow } from './price-clause.repository';
import { RecordPriceIndexValueInput, SetAgreementPriceClauseInput } from './price-clause.types';
import { PriceAllowance, priceAllowance, PriceClauseTerms } from './price-limit';

/** Only the purchasing unit that manages an agreement sets its price clause and records index values. */
const MANAGING_UNIT: AccessRule = { allow: ['purchasingUnit'], reason: 'Only the purchasing unit that manages the agreement sets its price-adjustment clause' };

/** A clause with its index values, as the API shows it. */
export type PriceClauseView = PriceClauseRow & { indexValues: IndexValueRow[] };

/** The clause and what it allows on a given day, for the catalogue review and publish. */
export interface PriceClauseAllowance {
  clause: PriceClauseTerms;
  allowance: PriceAllowance;
}

/**
 * An agreement's price-adjustment clause: set, replaced or removed by its purchasing unit, which
 * also records the index values an index clause follows. Every change is audited and takes the
 * agreement's lock (waiting, like a review step), so a publish decides under one clause.
 * AgreementsService exposes it to other modules.
 */
@Injectable()
export class PriceClauseService {
  constructor(
    private readonly ds: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly clauses: PriceClauseRepository,
    private readonly access: AgreementAccess,
    private readonly audit: AuditService,
  ) {}

  async set(ctx: RequestContext, input: SetAgreementPriceClauseInput): Promise<AgreementEntity> {
    const terms = clauseTerms(input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const agreement = await this.lockedForUnit(tx, input.agreementId);
      const before = await this.clauses.find(tx, agreement.id);
      const from = before && termsOf(before);
      if (from && JSON.stringify(from) === JSON.stringify(terms)) return agreement;
      // Values of another index say nothing about this one.
      const keepValues = before?.kind === 'INDEX' && terms.kind === 'INDEX' && before.indexName === terms.indexName;
      const indexValuesRemoved = keepValues ? 0 : await this.clauses.clearIndexValues(tx, agreement.id);
      await this.clauses.upsert(tx, agreement.id, terms);
      await this.audit.record(tx, 'agreement.price-clause-set', 'agreement', agreement.id, { from, to: terms, indexValuesRemoved });
      return agreement;
    });
  }

  async remove(ctx: RequestContext, agreementId: number): Promise<AgreementEntity> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const agreement = await this.lockedForUnit(tx, agreementId);
      const before = await this.clauses.find(tx, agreement.id);
      if (!before) return agreement;
      const indexValuesRemoved = await this.clauses.clearIndexValues(tx, agreement.id);
      await this.clauses.remove(tx, agreement.id);
      await this.audit.record(tx, 'agreement.price-clause-removed', 'agreement', agreement.id, { from: termsOf(before), indexValuesRemoved });
      return agreement;
    });
  }

  async recordIndexValue(ctx: RequestContext, input: RecordPriceIndexValueInput): Promise<AgreementEntity> {
    const value = new Decimal(input.value);
    if (value.lte(0)) throw badInput(`value ${input.value} must be above 0`, { field: 'value' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const agreement = await this.lockedForUnit(tx, input.agreementId);
      const clause = await this.clauses.find(tx, agreement.id);
      if (clause?.kind !== 'INDEX') {
        throw badInput(`Agreement ${agreement.reference} has no index clause to record an index value for (set one with setAgreementPriceClause)`, { field: 'agreementId' });
      }
      if (input.date <= clause.baseIndexDate) {
        throw badInput(`date ${input.date} must be after the clause's base date ${clause.baseIndexDate}`, { field: 'date' });
      }
      const today = osloToday();
      if (input.date > today) throw badInput(`date ${input.date} is in the future (today is ${today}); record a value once it is published`, { field: 'date' });
      const canonical = value.toFixed();
      const previous = await this.clauses.recordIndexValue(tx, agreement.id, input.date, canonical);
      if (previous === canonical) return agreement;
      await this.audit.record(tx, 'agreement.price-index-recorded', 'agreement', agreement.id, { indexName: clause.indexName, date: input.date, value: canonical, previous });
      return agreement;
    });
  }

  /** The agreement's clause with its index values, or null (batched over the agreements of a request). */
  clause(ctx: RequestContext, agreementId: number): Promise<PriceClauseView | null> {
    return requestLoader<number, PriceClauseView | null>(ctx, 'agreement-price-clauses', async (ids) => {
      const [clauses, values] = await Promise.all([this.clauses.byAgreements(ctx, ids), this.clauses.indexValues(ctx, ids)]);
      const valuesOf = new Map<number, IndexValueRow[]>();
      for (const v of values) valuesOf.set(v.agreementId, [...(valuesOf.get(v.agreementId) ?? []), v]);
      return byKey(
        ids,
        clauses,
        (c) => c.agreementId,
        ([c]) => ({ ...c, indexValues: valuesOf.get(c.agreementId) ?? [] }),
        null,
      );
    }).load(agreementId);
  }

  /**
   * What the clause allows on `today` (YYYY-MM-DD, Norway), read in the caller's transaction;
   * null without a clause, or when it cannot be measured (LAST_PUBLISH with nothing in force).
   */
  async allowance(tx: RequestContext, agreement: Pick<AgreementEntity, 'id' | 'validFrom'>, on: { today: string; inForceSince: string | null }): Promise<PriceClauseAllowance | null> {
    const clause = await this.clauses.find(tx, agreement.id);
    if (!clause) return null;
    const indexValues = clause.kind === 'INDEX' ? await this.clauses.indexValues(tx, [agreement.id]) : [];
    const terms = termsOf(clause);
    const allowance = priceAllowance(terms, { today: on.today, agreementStart: agreement.validFrom, inForceSince: on.inForceSince, indexValues });
    return allowance && { clause: terms, allowance };
  }

  /** The agreement, locked, when the caller's unit manages it; NOT_FOUND for outsiders, FORBIDDEN for other parties. */
  private async lockedForUnit(tx: RequestContext, agreementId: number): Promise<AgreementEntity> {
    const agreement = await this.access.require(tx, agreementId, MANAGING_UNIT);
    if (!(await this.agreements.lock(tx, agreement.id, false))) {
      throw conflict(`Agreement ${agreement.reference} is busy (a catalogue upload or review step is running); nothing was changed. Try again when it has finished`);
    }
    return agreement;
  }
}

/** The terms from the input, checked: exactly one kind, percentages within their bounds, in canonical decimal text. */
function clauseTerms(input: SetAgreementPriceClauseInput): PriceClauseTerms {
  const { maxIncrease, index } = input;
  if (!!maxIncrease === !!index) throw badInput('Give exactly one of maxIncrease and index', { field: maxIncrease ? 'index' : 'maxIncrease' });
  if (maxIncrease) {
    const percent = new Decimal(maxIncrease.percent);
    if (percent.gt(100)) throw badInput(`maxIncrease.percent ${maxIncrease.percent} is above 100`, { field: 'maxIncrease.percent' });
    return { kind: 'MAX_INCREASE', maxIncreasePercent: percent.toFixed(), periodMonths: maxIncrease.periodMonths, reference: maxIncrease.reference };
  }
  const base = new Decimal(index!.baseValue);
  if (base.lte(0)) throw badInput(`index.baseValue ${index!.baseValue} must be above 0`, { field: 'index.baseValue' });
  const share = new Decimal(index!.sharePercent);
  if (share.lte(0) || share.gt(100)) throw badInput(`index.sharePercent ${index!.sharePercent} must be above 0 and at most 100`, { field: 'index.sharePercent' });
  const indexName = index!.indexName.trim();
  if (!indexName) throw badInput('index.indexName must name the index', { field: 'index.indexName' });
  return { kind: 'INDEX', indexName, baseIndexValue: base.toFixed(), baseIndexDate: index!.baseDate, indexSharePercent: share.toFixed() };
}

/** A stored clause's terms alone, in the order clauseTerms builds them (so equal terms compare equal). */
function termsOf(row: PriceClauseRow): PriceClauseTerms {
  return row.kind === 'MAX_INCREASE'
    ? { kind: 'MAX_INCREASE', maxIncreasePercent: row.maxIncreasePercent, periodMonths: row.periodMonths, reference: row.reference }
    : { kind: 'INDEX', indexName: row.indexName, baseIndexValue: row.baseIndexValue, baseIndexDate: row.baseIndexDate, indexSharePercent: row.indexSharePercent };
}
