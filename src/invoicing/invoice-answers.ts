import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { InvoiceDecision, InvoiceResponseAction, InvoiceResponseReason } from './invoice-response-for';
import { DrawnResponseIds, InvoiceResponseRepository } from './invoice-response.repository';
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
 * accounts payable is looking, the supplier need not act yet), UQ under query (the supplier is
 * asked), AP accepted, PD paid, RE rejected. CA (conditionally accepted) is an approval with
 * conditions (InvoiceDecisions.approve). AB (received) answers no state Torg rests in: intake
 * decides in its own transaction, so the supplier hears AP or IP at once, each of which says the
 * invoice was received and understood.
 */
export const RESPONSE_FOR: Record<InvoiceStatus, WantedResponseCode> = {
  [InvoiceStatus.RECEIVED]: 'AB',
  [InvoiceStatus.WAITING]: 'IP',
  [InvoiceStatus.EXCEPTION]: 'IP',
  [InvoiceStatus.UNDER_QUERY]: 'UQ',
  [InvoiceStatus.APPROVED]: 'AP',
  [InvoiceStatus.PARTLY_PAID]: 'PD',
  [InvoiceStatus.PAID]: 'PD',
  [InvoiceStatus.DISPUTED]: 'RE',
};

/** What a response says beside its code and reasons: a note to the supplier, the date the status took effect (a payment's date). */
export interface AnswerExtras {
  note?: string;
  effectiveDate?: string;
  /** PD for a part payment: what was paid and what remains (the status reason PPD's text). */
  partially?: string;
  /** RE: what the supplier is asked to do (status actions). */
  actions?: InvoiceResponseAction[];
  /** CA: the conditions the invoice is accepted on, as the person gave them. */
  conditions?: InvoiceResponseReason[];
  /** The response's ids when drawn already (the intake draws them with the invoice's INSERT). */
  responseIds?: DrawnResponseIds;
}

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
    private readonly sent: InvoiceResponseRepository,
  ) {}

  async answerSupplier(tx: RequestContext, invoice: InvoiceEntity, code: WantedResponseCode, reasons: readonly AnswerReason[], extras: AnswerExtras = {}): Promise<void> {
    await this.responses.answer(tx, invoice, await this.decision(tx, invoice, code, reasons, extras), extras.note, extras.effectiveDate, extras.responseIds);
  }

  /** Accounts payable's question to the supplier (UQ), with its status reasons as the person gave them. */
  async query(tx: RequestContext, invoice: InvoiceEntity, reasons: readonly InvoiceResponseReason[], note?: string, actions: readonly InvoiceResponseAction[] = []): Promise<void> {
    await this.responses.answer(tx, invoice, { kind: 'QUERIED', reasons: [...reasons], actions: [...actions] }, note);
  }

  private async decision(tx: RequestContext, invoice: InvoiceEntity, code: WantedResponseCode, reasons: readonly AnswerReason[], extras: AnswerExtras): Promise<InvoiceDecision> {
    switch (code) {
      case 'AB':
        return { kind: 'RECEIVED' };
      case 'IP':
        return { kind: invoice.status === InvoiceStatus.WAITING ? 'WAITING' : 'EXCEPTION', reasons: [...reasons] };
      case 'AP':
        return { kind: 'APPROVED', automatically: !reasons.some((r) => r.code === APPROVED_BY_PERSON) };
      case 'PD':
        return extras.partially === undefined ? { kind: 'PAID' } : { kind: 'PAID', partially: extras.partially };
      case 'UQ': {
        // Only a re-match of an invoice under query asks for UQ here: the question asked stands, and
        // repeating it (same code, same reasons) sends nothing. The person's question went by `query`.
        const asked = await this.sent.latestWithCode(tx, invoice.id, 'UQ');
        return { kind: 'QUERIED', reasons: asked?.reasons ?? reasons.map((r) => ({ code: 'OTH' as const, text: r.message })), actions: asked?.actions ?? [] };
      }
      case 'CA':
        return { kind: 'CONDITIONALLY_ACCEPTED', conditions: extras.conditions ?? [] };
      case 'RE': {
        // A dispute says why in the person's words, and with what matching found.
        const note = reasons.filter((r) => r.code === DISPUTED_BY_PERSON).map((r) => r.message);
        const found = (await this.invoices.reasonsOf(tx, [invoice.id])).get(invoice.id) ?? [];
        const others = reasons.filter((r) => r.code !== DISPUTED_BY_PERSON);
        return { kind: 'DISPUTED', reasons: [...others, ...found.map((r) => ({ code: r.code, message: r.message }))], note: note.join(' '), replace: true, actions: extras.actions };
      }
    }
  }
}
