import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { InvoiceDecision } from './invoice-response-for';
import { InvoiceResponses } from './invoice-responses.service';
import { InvoiceStatus } from './invoice-status';
import { InvoiceRepository } from './invoice.repository';
import type { InvoiceEntity, WantedResponseCode } from './invoicing.entities';

/** A reason to tell the supplier (a match reason or a person's). */
export interface AnswerReason {
  code: string;
  message: string;
}

/**
 * The Invoice Response each state asks for: IP in process (waiting, or in the exception queue:
 * accounts payable is looking, the supplier need not act yet), AP accepted, RE rejected.
 */
export const RESPONSE_FOR: Record<InvoiceStatus, WantedResponseCode> = {
  [InvoiceStatus.RECEIVED]: 'AB',
  [InvoiceStatus.WAITING]: 'IP',
  [InvoiceStatus.EXCEPTION]: 'IP',
  [InvoiceStatus.APPROVED]: 'AP',
  [InvoiceStatus.DISPUTED]: 'RE',
};

/** The code of the reason a person gives when approving an exception: it stays inside Torg. */
const APPROVED_BY_PERSON = 'APPROVED';
/** The code of the reason a person gives when disputing: it is the note to the supplier. */
const DISPUTED_BY_PERSON = 'DISPUTED';

/**
 * The one place every invoice decision answers the supplier from (intake's verdict, a re-match,
 * a person's approval or dispute), inside the deciding transaction, before the invoice is saved:
 * it sends the PEPPOL Invoice Response through the exchange (InvoiceResponses) and notes the code
 * and time on the invoice.
 */
@Injectable()
export class InvoiceAnswers {
  constructor(
    private readonly responses: InvoiceResponses,
    private readonly invoices: InvoiceRepository,
  ) {}

  async answerSupplier(tx: RequestContext, invoice: InvoiceEntity, code: WantedResponseCode, reasons: readonly AnswerReason[]): Promise<void> {
    await this.responses.answer(tx, invoice, await this.decision(tx, invoice, code, reasons));
  }

  private async decision(tx: RequestContext, invoice: InvoiceEntity, code: WantedResponseCode, reasons: readonly AnswerReason[]): Promise<InvoiceDecision> {
    switch (code) {
      case 'AB':
        return { kind: 'RECEIVED' };
      case 'IP':
        return { kind: invoice.status === InvoiceStatus.WAITING ? 'WAITING' : 'EXCEPTION', reasons: [...reasons] };
      case 'AP':
        return { kind: 'APPROVED', automatically: !reasons.some((r) => r.code === APPROVED_BY_PERSON) };
      case 'PD':
        return { kind: 'PAID' };
      case 'CA':
      case 'UQ':
      case 'RE': {
        // A dispute says why in the person's words, and with what matching found.
        const note = reasons.filter((r) => r.code === DISPUTED_BY_PERSON).map((r) => r.message);
        const found = (await this.invoices.reasonsOf(tx, [invoice.id])).get(invoice.id) ?? [];
        const others = reasons.filter((r) => r.code !== DISPUTED_BY_PERSON);
        return { kind: 'DISPUTED', reasons: [...others, ...found.map((r) => ({ code: r.code, message: r.message }))], note: note.join(' '), replace: code !== 'UQ' };
      }
    }
  }
}
