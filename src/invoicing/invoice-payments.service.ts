import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { isErrorResult } from '../platform/results/error-result';
import { osloToday } from '../platform/time/oslo-date';
import { InvoiceAnswers, RESPONSE_FOR } from './invoice-answers';
import { InvoiceMatching } from './invoice-matching.service';
import { InvoicesNotPayableError, InvoicesPaid, MarkInvoicesPaidInput, UnpayableInvoice } from './invoice-query-payment.types';
import { InvoiceStatus } from './invoice-status';
import { invoiceName } from './invoice.machine';
import { InvoiceRepository } from './invoice.repository';
import { toInvoice } from './invoice-view';
import type { InvoiceEntity } from './invoicing.entities';
import { InvoicesService } from './invoices.service';

/**
 * Payments reported by the buyer's finance system. In a Norwegian accounts payable department
 * Torg's posting export is booked first and paid later, invoice by invoice, in payment runs by due
 * date that cut across posting batches; the bank's confirmation (camt.054 / the remittance return)
 * names each invoice paid and the date. So a payment is reported per invoice, with its date and
 * reference, by accounts payable (a person, or the finance system as a machine client), not
 * inferred from a posting batch. Each approved invoice becomes PAID through the state table,
 * audited, and the supplier is answered PD with the payment date as the response's EffectiveDate.
 * All or nothing: one invoice that cannot be marked refuses the report. Reporting the same payment
 * again changes nothing (a retried payment file is harmless).
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
    return inTransaction(this.ds, ctx, async (tx) => {
      const viewer = await this.reading.viewer(tx);
      const locked = await this.invoices.lockMany(tx, input.invoiceIds);
      const byId = new Map(locked.map((i) => [i.id, i]));
      // Another organisation's invoice is as unknown as a missing one.
      for (const id of input.invoiceIds) {
        const invoice = byId.get(id);
        if (!invoice || viewer.side !== 'buyer' || !this.reading.sees(viewer, invoice)) throw notFound('Invoice', id);
      }
      const refused = locked.map((i) => refusal(i, paidOn, reference)).filter((r) => r !== null);
      if (refused.length) return InvoicesNotPayableError.of(input.invoiceIds.map((id) => refused.find((r) => r.invoiceId === id)).filter((r) => r !== undefined));

      let newlyPaid = 0;
      for (const invoice of locked) {
        if (invoice.status === InvoiceStatus.PAID) continue;
        const moved = await this.matching.machine.fire(tx, invoice, 'pay', {
          effect: async (i, _from, to) => {
            i.paidOn = paidOn;
            i.paymentReference = reference;
            const note = `Paid ${paidOn}${reference ? `, payment reference ${reference}` : ''}.`;
            await this.answers.answerSupplier(tx, i, RESPONSE_FOR[to], [], { note, effectiveDate: paidOn });
          },
          audit: { paidOn, paymentReference: reference },
        });
        // Checked above with the rows locked: a refusal here is a bug, and nothing stays half-written.
        if (isErrorResult(moved)) throw new RollBackWith(InvoicesNotPayableError.of([{ invoiceId: invoice.id, status: invoice.status, message: moved.message }]));
        newlyPaid++;
      }
      return Object.assign(new InvoicesPaid(), { invoices: input.invoiceIds.map((id) => toInvoice(byId.get(id)!, 'buyer')), newlyPaid });
    });
  }
}

/** Why the invoice cannot be marked paid on `paidOn` with `reference`; null when it can (or was, with the same payment). */
function refusal(invoice: InvoiceEntity, paidOn: string, reference: string | null): UnpayableInvoice | null {
  const of = (message: string) => ({ invoiceId: invoice.id, status: invoice.status, message });
  if (invoice.kind === 'CREDIT_NOTE') return of(`${invoiceName(invoice)} is a credit note: it is settled against the supplier's invoices, not paid`);
  if (invoice.status === InvoiceStatus.PAID) {
    if (invoice.paidOn === paidOn && invoice.paymentReference === reference) return null;
    return of(`${invoiceName(invoice)} was paid on ${invoice.paidOn}${invoice.paymentReference ? ` (reference ${invoice.paymentReference})` : ''} already`);
  }
  if (invoice.status !== InvoiceStatus.APPROVED) return of(`${invoiceName(invoice)} is ${invoice.status}: only an approved invoice is paid`);
  return null;
}
