import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { badInput, notFound } from '../../platform/errors/domain-error';
import { byKey, requestLoader } from '../../platform/graphql/request-loader';
import { fitsUnder, ledgerAmount, ledgerCharge, LedgerSource, ledgerSource, remainingUnder, settledAmount } from '../../platform/money/capped-total';
import { Money } from '../../platform/money/money';
import { BudgetExceededError } from './buyer-setup.errors';
import { CommitmentRepository, CommitmentTotals } from './commitment.repository';
import { CostCentreRepository } from './cost-centre.repository';
import { BUDGET_CURRENCY } from './cost-centres.service';

/** A commitment as recorded, with where the cost centre's year stands after it. */
export class CommitmentRecorded {
  commitmentId: number;
  costCentreId: number;
  year: number;
  source: LedgerSource;
  amount: Money;
  /** The year's budget; null: none set, so no control. */
  budget: Money | null;
  /** Committed on the cost centre for the year, this commitment included (each entry at its charge, see BudgetStatus). */
  committed: Money;
  /** budget − committed (negative when an override took it over); null without a budget. */
  remaining: Money | null;
  /** True when the commitment went over the budget on an approver's override (reason recorded). */
  overridden: boolean;
}

/**
 * Where a cost centre's budget year stands. `committed` sums each entry's charge, the larger of
 * what it committed and what was invoiced of it (ledgerCharge): an invoice approved above its
 * order charges the budget in full, a credit note brings it back down to the commitment at
 * least. So `invoiced` is always part of `committed`, and `remaining` is what is really left.
 */
export interface BudgetStatus {
  budget: Money | null;
  committed: Money;
  invoiced: Money;
  remaining: Money | null;
}

const nok = (amount: string) => Money.of(amount, BUDGET_CURRENCY);

/**
 * The commitment ledger (disposisjonsregnskap): what each cost centre has promised to pay per
 * budget year, one entry per source (an approved order), in NOK excluding VAT. Every step runs
 * in the caller's transaction (ordering's approval), so the commitment stands or falls with it.
 * A commit takes the (cost centre, year) budget row FOR UPDATE first: commits to one budget take
 * turns, each sees the others' totals, and concurrent approvals never overdraw it. A year
 * without a budget row has no control: commits are recorded, remaining is null.
 *
 * An entry charges the budget the larger of its amount and what was invoiced of it
 * (ledgerCharge, LEDGER_CHARGE_SQL in the repository): invoicing never changes the amount, and
 * every total here (committed, remaining, the others a new commit is checked against) counts
 * the charge, so money invoiced beyond an order is not hidden from the next commit.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly rows: CommitmentRepository,
    private readonly costCentres: CostCentreRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Commits `amount` on the cost centre's budget year for `source` (replacing the source's
   * earlier commitment, so a retry or a re-approval does not count twice). Refused with
   * BudgetExceededError when it would take committed over the budget, unless `override` gives
   * an approver's reason (recorded). NOT_FOUND for a cost centre outside `organisationId`.
   * What the entry will charge is checked: its amount, or what was invoiced of it already when
   * more (a source invoiced before it is committed again keeps what it spent).
   */
  async commit(
    tx: RequestContext,
    c: { organisationId: number; costCentreId: number; year: number; source: LedgerSource; amount: Money; override?: { reason: string; byUserId: number } },
  ): Promise<CommitmentRecorded | BudgetExceededError> {
    const source = ledgerSource(c.source);
    const amount = ledgerAmount(c.amount, BUDGET_CURRENCY);
    if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100) throw badInput(`year must be 2000–2100, not ${c.year}`, { field: 'year' });
    const reason = c.override?.reason.trim();
    if (c.override && !reason) throw badInput('An override needs a reason', { field: 'override' });
    const costCentre = await this.costCentres.find(tx, c.costCentreId);
    if (!costCentre || costCentre.organisationId !== c.organisationId) throw notFound('Cost centre', c.costCentreId);

    const budgetRow = await this.costCentres.lockBudget(tx, costCentre.id, c.year);
    const budget = budgetRow ? Money.of(budgetRow.amount, budgetRow.currency) : null;
    const others = nok(await this.rows.committedExcept(tx, costCentre.id, c.year, source));
    const before = await this.rows.bySource(tx, source);
    const charge = ledgerCharge(amount, nok(before?.invoiced ?? '0'));
    const within = fitsUnder(budget, others, charge);
    if (!within && !c.override) return BudgetExceededError.of(costCentre, c.year, budget!, others, charge);

    const overridden = !within;
    const row = await this.rows.upsert(tx, {
      costCentreId: costCentre.id,
      year: c.year,
      source,
      amount: amount.toDecimalString(),
      currency: BUDGET_CURRENCY,
      overrideReason: overridden ? reason! : null,
      overriddenBy: overridden ? c.override!.byUserId : null,
    });
    const committed = others.plus(charge);
    await this.audit.record(tx, 'cost-centre.committed', 'cost_centre', costCentre.id, {
      organisationId: costCentre.organisationId,
      year: c.year,
      source,
      amount: amount.toDecimalString(),
      previous: before ? { costCentreId: before.costCentreId, year: before.year, amount: before.amount } : null,
      budget: budget?.toDecimalString() ?? null,
      committed: committed.toDecimalString(),
      override: overridden ? { reason, byUserId: c.override!.byUserId } : null,
    });
    return Object.assign(new CommitmentRecorded(), {
      commitmentId: row.id,
      costCentreId: costCentre.id,
      year: c.year,
      source,
      amount,
      budget,
      committed,
      remaining: remainingUnder(budget, committed),
      overridden,
    });
  }

  /**
   * Frees the source's commitment: its amount becomes 0, what was invoiced of it stays, and so
   * does its charge on the budget (ledgerCharge of 0 is what was invoiced: spent money stays
   * spent, only what was promised and not invoiced is freed). The audit names both: `amount`
   * released, `invoiced` still charged. Nothing happens for an unknown or released source.
   */
  async release(tx: RequestContext, source: LedgerSource): Promise<void> {
    const key = ledgerSource(source);
    const row = await this.lockedEntry(tx, key);
    if (!row || nok(row.amount).isZero()) return;
    await this.rows.setAmount(tx, row.id, '0');
    await this.audit.record(tx, 'cost-centre.commitment-released', 'cost_centre', row.costCentreId, { year: row.year, source: key, amount: row.amount, invoiced: row.invoiced });
  }

  /**
   * Sets the source's commitment to `amount`: a change the buyer accepted from the supplier. Never
   * refused for the budget (the obligation exists already); an adjustment that takes the year
   * over its budget is recorded as such in the audit. NOT_FOUND when the source has no commitment.
   */
  async adjust(tx: RequestContext, source: LedgerSource, amount: Money): Promise<void> {
    const key = ledgerSource(source);
    const to = ledgerAmount(amount, BUDGET_CURRENCY);
    const row = await this.lockedEntry(tx, key);
    if (!row) throw notFound('Commitment for', `${key.type} ${key.id}`);
    if (nok(row.amount).equals(to)) return;
    await this.rows.setAmount(tx, row.id, to.toDecimalString());
    const status = await this.budgetStatus(tx, row.costCentreId, row.year);
    await this.audit.record(tx, 'cost-centre.commitment-adjusted', 'cost_centre', row.costCentreId, {
      year: row.year,
      source: key,
      from: row.amount,
      to: to.toDecimalString(),
      committed: status.committed.toDecimalString(),
      overBudget: !!status.remaining?.isNegative(),
    });
  }

  /**
   * The source was closed with less delivered than it committed (a buyer closed an order that
   * will get no more goods): its commitment becomes what it will cost, the value `delivered`,
   * never more than it holds (settledAmount). What was invoiced of it stays charged whatever the
   * amount (ledgerCharge), so the budget is never charged less than was invoiced, and a credit
   * note for what was invoiced and not delivered brings the charge down to `delivered`. The
   * audit records amount `from` → `to` beside `delivered` and `invoiced`.
   * Nothing happens for an unknown source.
   */
  async settle(tx: RequestContext, source: LedgerSource, delivered: Money): Promise<void> {
    const key = ledgerSource(source);
    const row = await this.lockedEntry(tx, key);
    if (!row) return;
    const wanted = ledgerAmount(delivered, BUDGET_CURRENCY);
    const invoiced = nok(row.invoiced);
    const to = settledAmount(nok(row.amount), wanted);
    if (nok(row.amount).equals(to)) return;
    await this.rows.setAmount(tx, row.id, to.toDecimalString());
    await this.audit.record(tx, 'cost-centre.commitment-settled', 'cost_centre', row.costCentreId, {
      year: row.year,
      source: key,
      from: row.amount,
      to: to.toDecimalString(),
      delivered: wanted.toDecimalString(),
      invoiced: invoiced.toDecimalString(),
    });
  }

  /**
   * Records that `amount` of the source's commitment was invoiced (an approved invoice; a credit
   * note gives a negative amount, and invoiced never goes below 0), in the caller's transaction.
   * The commitment's amount is not changed: the entry charges the budget the larger of the two
   * (ledgerCharge), so invoiced within the commitment charges nothing twice, invoiced beyond it
   * charges the difference, and a credit note takes that back. Nothing is checked against the
   * budget (the invoice is owed; accounts payable approved it), so this takes the entry's row
   * lock (one UPDATE) and not the budget's: approvals of invoices on one cost centre do not wait
   * for each other, and a commit running beside one checks the total it read (an invoice beyond
   * its order landing just after may still take the year over, as it would have a moment later).
   * The audit names the entry's `charged` amount after it. False when the source has no
   * commitment (nothing recorded).
   */
  async invoice(tx: RequestContext, source: LedgerSource, amount: Money, by: { type: string; id: string }): Promise<boolean> {
    const key = ledgerSource(source);
    if (amount.currency !== BUDGET_CURRENCY) throw badInput(`Invoiced amounts are recorded in ${BUDGET_CURRENCY}, not ${amount.currency}`);
    const delta = amount.toAmount();
    const row = await this.rows.addInvoicedBySource(tx, key, delta.toDecimalString());
    if (!row) return false;
    await this.audit.record(tx, 'cost-centre.invoiced', 'cost_centre', row.costCentreId, {
      year: row.year,
      source: key,
      by,
      amount: delta.toDecimalString(),
      invoiced: row.invoiced,
      charged: ledgerCharge(nok(row.amount), nok(row.invoiced)).toDecimalString(),
    });
    return true;
  }

  /** Budget, committed, invoiced and remaining of the cost centre's year, read in the caller's transaction. */
  async budgetStatus(tx: RequestContext, costCentreId: number, year: number): Promise<BudgetStatus> {
    const budget = await this.costCentres.budget(tx, costCentreId, year);
    const totals = (await this.rows.totals(tx, [costCentreId])).find((t) => t.year === year);
    return statusOf(budget ? Money.of(budget.amount, budget.currency) : null, totals);
  }

  /** The same for GraphQL: the totals of every cost centre a request asks about come in one query. */
  async budgetStatusBatched(ctx: RequestContext, budget: { costCentreId: number; year: number; amount: string; currency: string }): Promise<BudgetStatus> {
    const totals = await requestLoader<number, CommitmentTotals[]>(ctx, 'cost-centre-commitments', async (ids) =>
      byKey(
        ids,
        await this.rows.totals(ctx, ids),
        (t) => t.costCentreId,
        (ts) => ts,
        [],
      ),
    ).load(budget.costCentreId);
    return statusOf(
      Money.of(budget.amount, budget.currency),
      totals.find((t) => t.year === budget.year),
    );
  }

  /**
   * The source's entry, locked in the order commit takes: the budget row first, then the entry
   * (read once unlocked to find its budget; read again under the lock, as a concurrent commit
   * may have moved it).
   */
  private async lockedEntry(tx: RequestContext, source: LedgerSource) {
    const seen = await this.rows.bySource(tx, source);
    if (!seen) return null;
    await this.costCentres.lockBudget(tx, seen.costCentreId, seen.year);
    return this.rows.bySource(tx, source, true);
  }
}

function statusOf(budget: Money | null, totals: CommitmentTotals | undefined): BudgetStatus {
  const committed = nok(totals?.committed ?? '0');
  return { budget, committed, invoiced: nok(totals?.invoiced ?? '0'), remaining: remainingUnder(budget, committed) };
}
