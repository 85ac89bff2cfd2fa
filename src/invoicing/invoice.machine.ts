import type { RequestContext } from '../platform/context/request-context';
import { AuditWriter, StateMachine } from '../platform/state-machine/state-machine';
import { INVOICE_EVENT_DONE, INVOICE_TRANSITIONS, InvoiceEvent, InvoiceStatus } from './invoice-status';
import { InvoiceStateError } from './invoice.errors';
import type { InvoiceEntity } from './invoicing.entities';

export type InvoiceMachine = StateMachine<InvoiceStatus, InvoiceEvent, InvoiceEntity, InvoiceStateError>;

/** How people name an invoice: "Invoice 1234 from supplier 7" / "Credit note …". */
export const invoiceName = (invoice: Pick<InvoiceEntity, 'kind' | 'invoiceNumber'>) => `${invoice.kind === 'CREDIT_NOTE' ? 'Credit note' : 'Invoice'} ${invoice.invoiceNumber}`;

/** Invoices move only through this machine: it refuses, saves (optimistic lock) and audits every step. */
export function invoiceMachine(audit: AuditWriter, save: (tx: RequestContext, invoice: InvoiceEntity) => Promise<InvoiceEntity>): InvoiceMachine {
  return new StateMachine<InvoiceStatus, InvoiceEvent, InvoiceEntity, InvoiceStateError>(
    {
      table: INVOICE_TRANSITIONS,
      entityType: 'invoice',
      auditPrefix: 'invoice',
      done: INVOICE_EVENT_DONE,
      describe: invoiceName,
      refused: (invoice, _event, message) => InvoiceStateError.of(invoice.status, message),
      save,
    },
    audit,
  );
}
