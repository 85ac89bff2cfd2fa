import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { InvoiceStatus } from './invoice-status';
import type { InvoiceEntity, WantedResponseCode } from './invoicing.entities';

/** A reason to tell the supplier (a match reason or a person's). */
export interface AnswerReason {
  code: string;
  message: string;
}

/** The Invoice Response each state asks for: IP in process, UQ under query, AP accepted, RE rejected. */
export const RESPONSE_FOR: Record<InvoiceStatus, WantedResponseCode> = {
  [InvoiceStatus.RECEIVED]: 'AB',
  [InvoiceStatus.WAITING]: 'IP',
  [InvoiceStatus.EXCEPTION]: 'UQ',
  [InvoiceStatus.APPROVED]: 'AP',
  [InvoiceStatus.DISPUTED]: 'RE',
};

/**
 * The one place every invoice decision answers the supplier from (intake's verdict, a re-match,
 * a person's approval or dispute), inside the deciding transaction, before the invoice is saved.
 * For now it records the Invoice Response code wanted on the invoice; sending the PEPPOL Invoice
 * Response through the exchange is wired here.
 */
@Injectable()
export class InvoiceAnswers {
  async answerSupplier(_tx: RequestContext, invoice: InvoiceEntity, code: WantedResponseCode, _reasons: readonly AnswerReason[]): Promise<void> {
    invoice.responseCode = code;
  }
}
