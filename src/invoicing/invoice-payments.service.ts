import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { isErrorResult } from '../platform/results/error-result';
import { osloToday } from '../platform/time/oslo-date';
import { InvoiceAnswers, RESPONSE_FOR } from './invoice-answers';
import { InvoiceMatching } from './invoice-matching.service';
import { paymentTexts } from './invoice-payment-texts';
import { InvoicesNotPayableError, InvoicesPaid, MarkInvoicesPaidInput, UnpayableInvoice } from './invoice-query-payment.types';
import { InvoiceStatus, PAYABLE_INVOICE_STATES } from './invoice-status';
import { invoiceName } from './invoice.machine';
import { InvoicePaymentRow, InvoiceRepository } from './invoice.repository';
import { toInvoice } from './invoice-view';
import type { InvoiceEntity } from './invoicing.entities';
import { InvoicesService } from './invoices.service';

/**
 * Payments reported by the buyer's finance system. In a Norwegian accounts payable department
 * Torg's posting export is booked first and paid later, invoice by invoice, in payment runs by due
 * date that cut across posting batches; the bank's confirmation (camt.054 / the remittance return)
 * names each invoice paid, the date and the amount. So a payment is reported per invoice, with its
 * date, reference and (when not all that remains) amount, by accounts payable (a person, or the
 * finance system as a machine client), not inferred from a posting batch. An approved invoice paid
 * in full becomes PAID, one paid in part PARTLY_PAID (until the rest is paid), through the state
 * table, audited; the supplier is answered PD with the payment date as the response's
 * EffectiveDate, and a part payment with the status reason PPD saying in its text what was paid
 * and what remains (PEPPOL-T111-R004; the words are `paymentTexts`, and why the amounts are text
 * and not structured is said at writeInvoiceResponse). All or nothing: one invoice that cannot be
 * marked (or would be paid more than remains) refuses the report. Reporting the same payment again (same date, reference
 * and amount) changes nothing: a retried payment file is harmless. The reference is therefore the
 * payment's identity, as the bank's id of a payment is in a remittance return: a retry can carry
 * nothing else to tell it from a second payment, so two genuine part payments of the same amount
 * on the same day need references of their own (a report names each invoice once, so the same
 * request cannot hold two). Without a reference, such a second payment is taken for a retry.
 */
@Injectable()
export class InvoicePayments {
  constructor(
    private readonly ds: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly reading: InvoicesService,
    private readonly matching: InvoiceMatching,
    private readonly answers: InvoiceAnswers,
  ) {}

  markPaid(ctx: RequestContext, input: MarkInvoicesPaidInput): Promise<InvoicesPaid | InvoicesNotPayableError> {
    const paidOn = input.paidOn;
    if (paidOn > osloToday()) throw badInput(`paidOn ${paidOn} is in the future: report a payment when the bank has made it (today in Norway is ${osloToday()})`, { field: 'paidOn' });
    const reference = input.paymentReference?.trim() || null;
    const amounts = partAmounts(input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const viewer = await this.reading.viewer(tx);
      const locked = await this.invoices.lockMany(tx, input.invoiceIds);
      const byId = new Map(locked.map((i) => [i.id, i]));
      // Another organisation's invoice is as unknown as a missing one.
      for (const id of input.invoiceIds) {
        const invoice = byId.get(id);
        if (!invoice || viewer.side !== 'buyer' || !this.reading.sees(viewer, invoice)) throw notFound('Invoice', id);
      }
      const history = await this.invoices.paymentsOf(tx, input.invoiceIds);
      const plans = locked.map((i) => plan(i, history.get(i.id) ?? [], { paidOn, reference, amount: amounts.get(i.id) }));
      const refused = plans.filter((p): p is UnpayableInvoice => 'message' in p);
      if (refused.length) return InvoicesNotPayableError.of(input.invoiceIds.map((id) => refused.find((r) => r.invoiceId === id)).filter((r) => r !== undefined));

      const payments: InvoicePaymentRow[] = [];
      for (const p of plans) {
        if (!('pay' in p)) continue;
        const invoice = p.invoice;
        const moved = await this.matching.machine.fire(tx, invoice, p.pay.rest ? 'payPart' : 'pay', {
          effect: async (i, _from, to) => {
            i.paidOn = paidOn;
            i.paymentReference = reference;
            i.paidAmount = p.pay.paidAfter.toFixed(2);
            const { note, partially } = paymentTexts({ ...p.pay, payable: new Decimal(i.payableAmount), paidOn, reference, currency: i.currency });
            await this.answers.answerSupplier(tx, i, RESPONSE_FOR[to], [], { note, effectiveDate: paidOn, partially });
          },
          audit: { paidOn, paymentReference: reference, amount: p.pay.amount.toFixed(2), paidAmount: p.pay.paidAfter.toFixed(2) },
        });
        // Checked above with the rows locked: a refusal here is a bug, and nothing stays half-written.
        if (isErrorResult(moved)) throw new RollBackWith(InvoicesNotPayableError.of([{ invoiceId: invoice.id, status: invoice.status, message: moved.message }]));
        payments.push({ invoiceId: invoice.id, paidOn, paymentReference: reference, amount: p.pay.amount.toFixed(2) });
      }
      await this.invoices.addPayments(tx, payments);
      return Object.assign(new InvoicesPaid(), { invoices: input.invoiceIds.map((id) => toInvoice(byId.get(id)!, 'buyer')), newlyPaid: payments.length });
    });
  }
}

/** The part amounts asked, by invoice; each names an invoice of the report once, positive, with at most 2 decimals. */
function partAmounts(input: MarkInvoicesPaidInput): Map<number, Decimal> {
  const amounts = new Map<number, Decimal>();
  (input.paidAmounts ?? []).forEach((p, i) => {
    const field = `paidAmounts[${i}]`;
    if (!input.invoiceIds.includes(p.invoiceId)) throw badInput(`${field} names invoice ${p.invoiceId}, which is not one of invoiceIds`, { field: `${field}.invoiceId` });
    if (amounts.has(p.invoiceId)) throw badInput(`${field} names invoice ${p.invoiceId} again: give one amount per invoice`, { field: `${field}.invoiceId` });
    const amount = new Decimal(p.amount);
    if (!amount.isPositive() || amount.isZero()) throw badInput(`${field}.amount ${amount.toFixed()} is not more than 0: report only what was paid`, { field: `${field}.amount` });
    if (amount.decimalPlaces() > 2) throw badInput(`${field}.amount ${amount.toFixed()} has more than 2 decimals: a payment is in whole øre (cents)`, { field: `${field}.amount` });
    amounts.set(p.invoiceId, amount);
  });
  return amounts;
}

interface Payment {
  paidOn: string;
  reference: string | null;
  /** The part paid; undefined: all that remains. */
  amount?: Decimal;
}

/** What paying one invoice does: the payment and what remains after it (0: paid in full). */
type PaymentPlan =
  | { invoice: InvoiceEntity; pay: { amount: Decimal; paidAfter: Decimal; rest: Decimal | null } }
  /** Reported before: nothing to do. */
  | { invoice: InvoiceEntity; unchanged: true }
  | UnpayableInvoice;

/** How `payment` pays `invoice` (with its earlier payments), or why it cannot. */
function plan(invoice: InvoiceEntity, earlier: readonly InvoicePaymentRow[], payment: Payment): PaymentPlan {
  const of = (message: string): UnpayableInvoice => ({ invoiceId: invoice.id, status: invoice.status, message });
  if (invoice.kind === 'CREDIT_NOTE') return of(`${invoiceName(invoice)} is a credit note: it is settled against the supplier's invoices, not paid`);
  if (isRepeat(invoice, earlier, payment)) return { invoice, unchanged: true };
  if (invoice.status === InvoiceStatus.PAID) return of(`${invoiceName(invoice)} was paid on ${invoice.paidOn}${invoice.paymentReference ? ` (reference ${invoice.paymentReference})` : ''} already`);
  if (!PAYABLE_INVOICE_STATES.includes(invoice.status)) return of(`${invoiceName(invoice)} is ${invoice.status}: only an approved invoice is paid`);
  const payable = new Decimal(invoice.payableAmount);
  const paid = new Decimal(invoice.paidAmount);
  const remaining = payable.minus(paid);
  const amount = payment.amount ?? remaining;
  if (amount.gt(remaining))
    return of(
      `${invoiceName(invoice)}: a payment of ${money(amount, invoice)} is ${money(amount.minus(remaining), invoice)} more than the ${money(remaining, invoice)} that remains to be paid ` +
        `(${money(payable, invoice)} payable, ${money(paid, invoice)} paid before)`,
    );
  const paidAfter = paid.plus(amount);
  const rest = payable.minus(paidAfter);
  return { invoice, pay: { amount, paidAfter, rest: rest.isZero() ? null : rest } };
}

/**
 * The same payment reported again: a payment of the invoice on the same date with the same
 * reference and amount (all that remained: the payment that completed it).
 */
function isRepeat(invoice: InvoiceEntity, earlier: readonly InvoicePaymentRow[], payment: Payment): boolean {
  const same = (p: InvoicePaymentRow) => p.paidOn === payment.paidOn && p.paymentReference === payment.reference;
  if (payment.amount) return earlier.some((p) => same(p) && payment.amount!.eq(p.amount));
  const last = earlier.at(-1);
  return invoice.status === InvoiceStatus.PAID && last !== undefined && same(last);
}

const money = (amount: Decimal, invoice: Pick<InvoiceEntity, 'currency'>) => `${amount.toFixed(2)} ${invoice.currency}`;
