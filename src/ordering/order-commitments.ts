import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { CeilingExceededError } from '../agreements/agreements.errors';
import { BudgetExceededError } from '../identity/buyer-setup/buyer-setup.errors';
import { CommitmentsService } from '../identity/buyer-setup/commitments.service';
import { RequestContext } from '../platform/context/request-context';
import { fitsUnder } from '../platform/money/capped-total';
import { Money } from '../platform/money/money';
import type { PurchaseOrderEntity } from './purchase-order.entity';

const source = (order: Pick<PurchaseOrderEntity, 'id'>) => ({ type: 'ORDER', id: String(order.id) });
const amountOf = (order: Pick<PurchaseOrderEntity, 'lineExtensionAmount' | 'currency'>) => Money.of(order.lineExtensionAmount, order.currency);

/**
 * What an approved order holds: a commitment on its cost centre for the budget year
 * (disposisjonsregnskap) and, under an agreement with a value ceiling, a draw on that ceiling;
 * both for the order's amount excluding VAT, both in the caller's transaction, both locked so
 * concurrent approvals never overdraw.
 */
@Injectable()
export class OrderCommitments {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly agreements: AgreementsService,
  ) {}

  /** Refused when the order would take its agreement past the value ceiling (checked at submit; drawn at approval). */
  async ceilingRefusal(tx: RequestContext, agreementId: number | null, amount: Money): Promise<CeilingExceededError | null> {
    if (agreementId === null) return null;
    const room = await this.agreements.headroom(tx, agreementId);
    if (fitsUnder(room.ceiling, room.committed, amount)) return null;
    return CeilingExceededError.of(await this.agreements.get(tx, agreementId), room.ceiling!, room.committed, amount);
  }

  /** Commits the order: refused with the remaining amounts when the budget (without an override) or the ceiling has no room. */
  async commit(tx: RequestContext, order: PurchaseOrderEntity, override?: { reason: string; byUserId: number }): Promise<BudgetExceededError | CeilingExceededError | null> {
    const amount = amountOf(order);
    if (order.agreementId !== null) {
      const drawn = await this.agreements.draw(tx, { agreementId: order.agreementId, source: source(order), amount });
      if (drawn instanceof CeilingExceededError) return drawn;
    }
    const committed = await this.commitments.commit(tx, {
      organisationId: order.buyerOrganisationId,
      costCentreId: order.costCentreId,
      year: order.budgetYear,
      source: source(order),
      amount,
      override,
    });
    return committed instanceof BudgetExceededError ? committed : null;
  }

  /** The order's amount changed (the buyer accepted a supplier's change): commitment and draw follow. */
  async adjust(tx: RequestContext, order: PurchaseOrderEntity): Promise<void> {
    // The agreement's ledger before the budget, as commit() takes them (see settle).
    if (order.agreementId !== null) await this.agreements.adjustDraw(tx, source(order), amountOf(order));
    await this.commitments.adjust(tx, source(order), amountOf(order));
  }

  /**
   * The buyer closed the order with `delivered` (excl. VAT, the order's currency) of it delivered:
   * nothing more will come, so both become what it will cost; what was invoiced of it beyond that
   * stays charged to the budget and the ceiling (each entry charges the larger of the two) until a
   * credit note takes it back.
   */
  async settle(tx: RequestContext, order: PurchaseOrderEntity, delivered: Money): Promise<void> {
    // The agreement's ledger before the budget, as commit() takes them: every change to an order's two
    // ledgers (commit, adjust, settle, release, an invoice's approval) locks them in this order, so
    // two of them on one order or one budget wait for each other instead of deadlocking.
    if (order.agreementId !== null) await this.agreements.settleDraw(tx, source(order), delivered);
    await this.commitments.settle(tx, source(order), delivered);
  }

  /** The order no longer binds (cancelled, declined): both are released. Idempotent. */
  async release(tx: RequestContext, order: PurchaseOrderEntity): Promise<void> {
    // The agreement's ledger before the budget, as commit() takes them (see settle).
    if (order.agreementId !== null) await this.agreements.releaseDraw(tx, source(order));
    await this.commitments.release(tx, source(order));
  }
}
