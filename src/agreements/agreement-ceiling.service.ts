import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { byKey, requestLoader } from '../platform/graphql/request-loader';
import { fitsUnder, ledgerAmount, ledgerCharge, LedgerSource, ledgerSource, remainingUnder, settledAmount } from '../platform/money/capped-total';
import { Money } from '../platform/money/money';
import { AccessRule, AgreementAccess } from './agreement-access';
import { AgreementDrawdownRepository, DrawdownRow, DrawdownTotals } from './agreement-drawdown.repository';
import type { AgreementEntity } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { CeilingExceededError } from './agreements.errors';

/** A drawdown as recorded, with where the agreement stands after it. */
export class DrawRecorded {
  drawdownId: number;
  agreementId: number;
  source: LedgerSource;
  amount: Money;
  /** The value ceiling; null: none, so no control. */
  ceiling: Money | null;
  /** Drawn on the agreement, this drawdown included (each drawdown at its charge, see Headroom). */
  committed: Money;
  /** ceiling − committed; null without a ceiling. */
  remaining: Money | null;
}

/**
 * Where an agreement stands under its ceiling, in its currency. `committed` sums each drawdown's
 * charge, the larger of what it drew and what was invoiced of it (ledgerCharge): an invoice
 * approved above its order uses the ceiling in full, a credit note brings it back down to the
 * draw at least. So `invoiced` is always part of `committed`, and `remaining` is what is left.
 */
export interface Headroom {
  ceiling: Money | null;
  committed: Money;
  invoiced: Money;
  remaining: Money | null;
}

/** Only the purchasing unit that manages an agreement sets its ceiling. */
const MANAGING_UNIT: AccessRule = { allow: ['purchasingUnit'], reason: 'Only the purchasing unit that manages the agreement sets its value ceiling' };

/**
 * An agreement's value ceiling and the drawdowns on it (joint purchasing: every participant's
 * approved orders draw on one ceiling). Draws run in the caller's transaction (ordering's
 * approval) and take the agreement's ledger lock first (a transaction-scoped advisory lock, not
 * the agreement row, which catalogue uploads hold for long), so draws on one agreement take
 * turns, each sees the others' totals, and concurrent orders never overdraw it. No ceiling: every draw
 * is recorded, remaining is null. AgreementsService exposes this to other modules.
 *
 * A drawdown uses the ceiling by the larger of its amount and what was invoiced of it
 * (ledgerCharge, LEDGER_CHARGE_SQL in the repository): invoicing never changes the amount, and
 * every total here (committed, remaining, the others a new draw is checked against) counts the
 * charge, so spend invoiced beyond an order is not hidden from the next draw.
 */
@Injectable()
export class AgreementCeilingService {
  constructor(
    private readonly ds: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly drawdowns: AgreementDrawdownRepository,
    private readonly access: AgreementAccess,
    private readonly audit: AuditService,
  ) {}

  /** Sets (or with null removes) the ceiling, in the agreement's currency; the managing unit only. A ceiling below what is drawn already is allowed: it stops new draws. */
  async setCeiling(ctx: RequestContext, agreementId: number, valueCeiling: string | null): Promise<AgreementEntity> {
    return inTransaction(this.ds, ctx, async (tx) => {
      await this.access.require(tx, agreementId, MANAGING_UNIT);
      await this.drawdowns.lockLedger(tx, agreementId);
      const agreement = (await this.agreements.find(tx, agreementId))!;
      const to = valueCeiling === null ? null : ledgerAmount(Money.of(valueCeiling, agreement.currency), agreement.currency, 'valueCeiling').toDecimalString();
      const from = agreement.valueCeiling;
      if (from === to || (from !== null && to !== null && Money.of(from, agreement.currency).equals(Money.of(to, agreement.currency)))) return agreement;
      await this.agreements.setCeiling(tx, agreement.id, to);
      await this.audit.record(tx, 'agreement.ceiling-set', 'agreement', agreement.id, { from, to, currency: agreement.currency });
      return Object.assign(agreement, { valueCeiling: to });
    });
  }

  async draw(tx: RequestContext, d: { agreementId: number; source: LedgerSource; amount: Money }): Promise<DrawRecorded | CeilingExceededError> {
    const source = ledgerSource(d.source);
    await this.drawdowns.lockLedger(tx, d.agreementId);
    const agreement = await this.agreements.find(tx, d.agreementId);
    if (!agreement) throw notFound('Agreement', d.agreementId);
    const amount = ledgerAmount(d.amount, agreement.currency);
    const ceiling = ceilingOf(agreement);
    const others = Money.of(await this.drawdowns.committedExcept(tx, agreement.id, source), agreement.currency);
    const before = await this.drawdowns.bySource(tx, source);
    // What the drawdown will use: its amount, or what was invoiced of it already when more (a source drawn again after invoicing keeps what it spent).
    const charge = ledgerCharge(amount, Money.of(before?.invoiced ?? '0', agreement.currency));
    if (!fitsUnder(ceiling, others, charge)) return CeilingExceededError.of(agreement, ceiling!, others, charge);
    const row = await this.drawdowns.upsert(tx, { agreementId: agreement.id, source, amount: amount.toDecimalString() });
    const committed = others.plus(charge);
    await this.audit.record(tx, 'agreement.drawn', 'agreement', agreement.id, {
      source,
      amount: amount.toDecimalString(),
      previous: before ? { agreementId: before.agreementId, amount: before.amount } : null,
      ceiling: agreement.valueCeiling,
      committed: committed.toDecimalString(),
    });
    return Object.assign(new DrawRecorded(), {
      drawdownId: row.id,
      agreementId: agreement.id,
      source,
      amount,
      ceiling,
      committed,
      remaining: remainingUnder(ceiling, committed),
    });
  }

  /**
   * Frees the source's drawdown: amount 0, what was invoiced of it stays and still uses the
   * ceiling (ledgerCharge of 0 is what was invoiced: spent money stays spent); the audit names
   * `amount` released and `invoiced` still used. Nothing happens for an unknown or released source.
   */
  async releaseDraw(tx: RequestContext, source: LedgerSource): Promise<void> {
    const key = ledgerSource(source);
    const locked = await this.lockedEntry(tx, key);
    if (!locked || Money.of(locked.row.amount, locked.agreement.currency).isZero()) return;
    await this.drawdowns.setAmount(tx, locked.row.id, '0');
    await this.audit.record(tx, 'agreement.draw-released', 'agreement', locked.agreement.id, { source: key, amount: locked.row.amount, invoiced: locked.row.invoiced });
  }

  /** Sets the source's drawdown to `amount` (a change the buyer accepted); never refused for the ceiling. NOT_FOUND when the source has none. */
  async adjustDraw(tx: RequestContext, source: LedgerSource, amount: Money): Promise<void> {
    const key = ledgerSource(source);
    const locked = await this.lockedEntry(tx, key);
    if (!locked) throw notFound('Drawdown for', `${key.type} ${key.id}`);
    const { agreement, row } = locked;
    const to = ledgerAmount(amount, agreement.currency);
    if (Money.of(row.amount, agreement.currency).equals(to)) return;
    await this.drawdowns.setAmount(tx, row.id, to.toDecimalString());
    const after = await this.headroom(tx, agreement.id);
    await this.audit.record(tx, 'agreement.draw-adjusted', 'agreement', agreement.id, {
      source: key,
      from: row.amount,
      to: to.toDecimalString(),
      committed: after.committed.toDecimalString(),
      overCeiling: !!after.remaining?.isNegative(),
    });
  }

  /**
   * The source was closed with less delivered than it drew (an order closed without the rest of
   * its goods): its drawdown becomes the value `delivered`, never more than it holds
   * (settledAmount); the rest of the ceiling is free again. What was invoiced of it stays used
   * whatever the amount (ledgerCharge), and a credit note for what was invoiced and not delivered
   * brings the use down to `delivered`. Nothing happens for an unknown source.
   */
  async settleDraw(tx: RequestContext, source: LedgerSource, delivered: Money): Promise<void> {
    const key = ledgerSource(source);
    const locked = await this.lockedEntry(tx, key);
    if (!locked) return;
    const { agreement, row } = locked;
    const wanted = ledgerAmount(delivered, agreement.currency);
    const invoiced = Money.of(row.invoiced, agreement.currency);
    const to = settledAmount(Money.of(row.amount, agreement.currency), wanted);
    if (Money.of(row.amount, agreement.currency).equals(to)) return;
    await this.drawdowns.setAmount(tx, row.id, to.toDecimalString());
    await this.audit.record(tx, 'agreement.draw-settled', 'agreement', agreement.id, {
      source: key,
      from: row.amount,
      to: to.toDecimalString(),
      delivered: wanted.toDecimalString(),
      invoiced: invoiced.toDecimalString(),
    });
  }

  /**
   * Records that `amount` (the agreement's currency; negative for a credit note) of the source's
   * drawdown was invoiced; invoiced never goes below 0. The drawdown's amount is not changed: it
   * uses the ceiling by the larger of the two (ledgerCharge), so invoiced beyond the draw uses
   * the difference and a credit note gives it back. Nothing is checked against the ceiling (the
   * invoice is owed), so this takes the entry's row lock (one UPDATE), not the agreement's ledger
   * lock: approvals of invoices under one agreement do not wait for each other. The audit names
   * the drawdown's `charged` use after it. False when the source has no drawdown or the amount is
   * in another currency than the agreement's, which has no rate to be recorded by (nothing recorded).
   */
  async invoiceDraw(tx: RequestContext, source: LedgerSource, amount: Money, by: { type: string; id: string }): Promise<boolean> {
    const key = ledgerSource(source);
    const delta = amount.toAmount();
    const row = await this.drawdowns.addInvoicedBySource(tx, key, amount.currency, delta.toDecimalString());
    if (!row) return false;
    await this.audit.record(tx, 'agreement.invoiced', 'agreement', row.agreementId, {
      source: key,
      by,
      amount: delta.toDecimalString(),
      invoiced: row.invoiced,
      charged: ledgerCharge(Money.of(row.amount, amount.currency), Money.of(row.invoiced, amount.currency)).toDecimalString(),
    });
    return true;
  }

  /** Ceiling, committed, invoiced and remaining of the agreement, read in the caller's transaction. */
  async headroom(tx: RequestContext, agreementId: number): Promise<Headroom> {
    const agreement = await this.agreements.find(tx, agreementId);
    if (!agreement) throw notFound('Agreement', agreementId);
    return headroomOf(agreement, (await this.drawdowns.totals(tx, [agreementId]))[0]);
  }

  /** The same for GraphQL: the totals of every agreement a request shows come in one query. */
  async headroomBatched(ctx: RequestContext, agreement: Pick<AgreementEntity, 'id' | 'currency' | 'valueCeiling'>): Promise<Headroom> {
    const totals = await requestLoader<number, DrawdownTotals | undefined>(ctx, 'agreement-drawdowns', async (ids) =>
      byKey(
        ids,
        await this.drawdowns.totals(ctx, ids),
        (t) => t.agreementId,
        (ts) => ts[0],
        undefined,
      ),
    ).load(agreement.id);
    return headroomOf(agreement, totals);
  }

  /** The source's entry with its agreement, locked in the order draw takes: the agreement's ledger first, then the entry. */
  private async lockedEntry(tx: RequestContext, source: LedgerSource): Promise<{ agreement: AgreementEntity; row: DrawdownRow } | null> {
    const seen = await this.drawdowns.bySource(tx, source);
    if (!seen) return null;
    await this.drawdowns.lockLedger(tx, seen.agreementId);
    const row = await this.drawdowns.bySource(tx, source, true);
    const agreement = row && (await this.agreements.find(tx, row.agreementId));
    return row && agreement ? { agreement, row } : null;
  }
}

function ceilingOf(agreement: Pick<AgreementEntity, 'currency' | 'valueCeiling'>): Money | null {
  return agreement.valueCeiling === null ? null : Money.of(agreement.valueCeiling, agreement.currency);
}

function headroomOf(agreement: Pick<AgreementEntity, 'currency' | 'valueCeiling'>, totals: DrawdownTotals | undefined): Headroom {
  const ceiling = ceilingOf(agreement);
  const committed = Money.of(totals?.committed ?? '0', agreement.currency);
  return { ceiling, committed, invoiced: Money.of(totals?.invoiced ?? '0', agreement.currency), remaining: remainingUnder(ceiling, committed) };
}
