import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { OrdersService } from '../ordering/orders.service';
import type { OrderForInvoice } from '../ordering/orders.service';
import { InvoiceSpend } from './invoice-spend';
import { InvoiceAnswers, RESPONSE_FOR } from './invoice-answers';
import { InvoiceLedgers } from './invoice-ledgers';
import { InvoiceMatching } from './invoice-matching.service';
import { UNDECIDED_INVOICE_STATES } from './invoice-status';
import { statusActions } from './invoice-status-actions';
import { InvoiceStateError, InvoiceVersionConflictError, ReasonRequiredError } from './invoice.errors';
import { invoiceName } from './invoice.machine';
import { InvoiceRepository } from './invoice.repository';
import type { QueryInvoiceInput } from './invoice-query-payment.types';
import type { ApproveInvoiceInput, DisputeInvoiceInput } from './invoice.types';
import type { InvoiceEntity } from './invoicing.entities';
import { InvoicesService } from './invoices.service';

export type DecisionOutcome = InvoiceEntity | InvoiceStateError | InvoiceVersionConflictError | ReasonRequiredError;

/**
 * Accounts payable's decisions on an invoice that did not match (EXCEPTION) or waits (WAITING):
 * approve it for payment, with a reason (and, when it is accepted on conditions, those: the
 * supplier is answered CA, conditionally accepted, rather than AP), or dispute it back to the supplier. The invoice row is
 * locked and the version the person read is checked, so two people deciding at once decide once:
 * the second is told the version moved on.
 */
@Injectable()
export class InvoiceDecisions {
  constructor(
    private readonly ds: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly reading: InvoicesService,
    private readonly matching: InvoiceMatching,
    private readonly ledgers: InvoiceLedgers,
    private readonly answers: InvoiceAnswers,
    private readonly spend: InvoiceSpend,
    private readonly orders: OrdersService,
  ) {}

  approve(ctx: RequestContext, input: ApproveInvoiceInput): Promise<DecisionOutcome> {
    const reason = input.reason?.trim() || null;
    const conditions = (input.conditions ?? []).map((c) => ({ code: c.code, text: c.text.trim() }));
    return inTransaction(this.ds, ctx, async (tx) => {
      const locked = await this.lockForDecision(tx, input.invoiceId, input.expectedVersion);
      if (locked instanceof InvoiceVersionConflictError) return locked;
      const { invoice, order } = locked;
      if (!reason && UNDECIDED_INVOICE_STATES.includes(invoice.status))
        return Object.assign(new ReasonRequiredError(), { message: `${invoiceName(invoice)} is ${invoice.status}: approving it needs a reason` });
      const blank = conditions.findIndex((c) => !c.text);
      if (blank >= 0) return Object.assign(new ReasonRequiredError(), { message: `Approving ${invoiceName(invoice)}: conditions[${blank}] (${conditions[blank].code}) has no text for the supplier` });
      return this.matching.machine.fire(tx, invoice, 'approve', {
        effect: async (i, _from, to) => {
          decided(tx, i, reason);
          // Approved on conditions: paid all the same, but the supplier is told what it is accepted on (CA, not AP).
          const code = conditions.length ? 'CA' : RESPONSE_FOR[to];
          await this.answers.answerSupplier(tx, i, code, reason ? [{ code: 'APPROVED', message: reason }] : [], { conditions });
          await this.ledgers.approved(tx, i);
          await this.spend.approved(tx, i, { lines: await this.invoices.lines(tx, i.id), order });
        },
        audit: conditions.length ? { reason, conditions } : { reason },
      });
    });
  }

  dispute(ctx: RequestContext, input: DisputeInvoiceInput): Promise<DecisionOutcome> {
    const reason = input.reason.trim();
    const actions = statusActions(input.actions, 'dispute');
    return inTransaction(this.ds, ctx, async (tx) => {
      const locked = await this.lockForDecision(tx, input.invoiceId, input.expectedVersion);
      if (locked instanceof InvoiceVersionConflictError) return locked;
      const { invoice } = locked;
      if (!reason) return Object.assign(new ReasonRequiredError(), { message: `Disputing ${invoiceName(invoice)} needs a reason for the supplier` });
      return this.matching.machine.fire(tx, invoice, 'dispute', {
        effect: async (i, _from, to) => {
          decided(tx, i, reason);
          await this.answers.answerSupplier(tx, i, RESPONSE_FOR[to], [{ code: 'DISPUTED', message: reason }], { actions });
        },
        audit: actions.length ? { reason, actions } : { reason },
      });
    });
  }

  /**
   * Puts the invoice under query: the supplier is asked (Invoice Response UQ) with the status
   * reasons and texts the person gives, and the invoice waits for the answer (still re-matched;
   * a later approval or dispute continues from there). Unlike a dispute, nothing is rejected.
   */
  query(ctx: RequestContext, input: QueryInvoiceInput): Promise<DecisionOutcome> {
    const reasons = input.reasons.map((r) => ({ code: r.code, text: r.text.trim() }));
    const note = input.note?.trim() || undefined;
    const actions = statusActions(input.actions, 'query');
    return inTransaction(this.ds, ctx, async (tx) => {
      const locked = await this.lockForDecision(tx, input.invoiceId, input.expectedVersion);
      if (locked instanceof InvoiceVersionConflictError) return locked;
      const { invoice } = locked;
      const empty = reasons.findIndex((r) => !r.text);
      if (!reasons.length || empty >= 0)
        return Object.assign(new ReasonRequiredError(), {
          message: reasons.length
            ? `Querying ${invoiceName(invoice)}: reasons[${empty}] (${reasons[empty].code}) has no text for the supplier`
            : `Querying ${invoiceName(invoice)} needs at least one status reason for the supplier`,
        });
      const summary = reasons.map((r) => `${r.code}: ${r.text}`).join('; ');
      return this.matching.machine.fire(tx, invoice, 'query', {
        effect: async (i) => {
          decided(tx, i, summary);
          await this.answers.query(tx, i, reasons, note, actions);
        },
        audit: actions.length ? { reasons, actions, note: note ?? null } : { reasons, note: note ?? null },
      });
    });
  }

  /**
   * The invoice locked, with its order (locked before it), when the caller's organisation (or one
   * above it) is its buyer; NOT_FOUND otherwise; a version conflict when it moved on. The order
   * comes first, as intake and re-match take them: an approval draws on the order's ledgers, and
   * were the invoice locked first, an approval and a re-match of the same order could each hold
   * what the other waits for (a deadlock PostgreSQL breaks by failing one).
   */
  private async lockForDecision(tx: RequestContext, id: number, expectedVersion: number): Promise<{ invoice: InvoiceEntity; order: OrderForInvoice | null } | InvoiceVersionConflictError> {
    const viewer = await this.reading.viewer(tx);
    const seen = await this.invoices.find(tx, id);
    if (!seen || viewer.side !== 'buyer' || !this.reading.sees(viewer, seen)) throw notFound('Invoice', id);
    // An invoice's order never changes: the one read unlocked is the one to lock.
    const order = seen.orderId === null ? null : await this.orders.lockForInvoicing(tx, seen.orderId);
    const invoice = (await this.invoices.lock(tx, id))!;
    if (invoice.version !== expectedVersion) return InvoiceVersionConflictError.of(invoiceName(invoice), expectedVersion, invoice.version);
    return { invoice, order };
  }
}

function decided(tx: RequestContext, invoice: InvoiceEntity, reason: string | null) {
  invoice.decidedByUserId = tx.user.userId ?? null;
  invoice.decidedByClientId = tx.user.machineClientId ?? null;
  invoice.decidedAt = tx.now();
  invoice.decisionReason = reason;
}
