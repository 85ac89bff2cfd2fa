import { DataSource } from 'typeorm';
import { InvoiceRepository } from '../../src/invoicing/invoice.repository';
import { InvoiceStatus } from '../../src/invoicing/invoice-status';
import { InvoiceKind, InvoiceLineEntity } from '../../src/invoicing/invoicing.entities';
import { RequestContext } from '../../src/platform/context/request-context';
import { inTransaction } from '../../src/platform/database/transaction';
import type { TestApp } from './test-app';

/**
 * An invoice or credit note stored through invoicing's repository and set to a status, for tests
 * of what follows a decision (responses, posting) without the intake and matching before it.
 * Amounts: one 25 % line of `net` (tax exclusive), VAT and totals computed from it.
 */
export async function storedInvoice(
  t: TestApp,
  o: {
    number: string;
    supplierId: number;
    buyerOrganisationId: number;
    net: string;
    kind?: InvoiceKind;
    status?: InvoiceStatus;
    orderId?: number | null;
    agreementId?: number | null;
    accountingCost?: string | null;
    contractReference?: string | null;
  },
): Promise<number> {
  const ds = t.app.get(DataSource);
  const repository = t.app.get(InvoiceRepository);
  const net = Number(o.net);
  const vat = (net * 0.25).toFixed(2);
  const total = (net + Number(vat)).toFixed(2);
  return inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
    const kind = o.kind ?? 'INVOICE';
    const inserted = await repository.insert(
      tx,
      {
        kind,
        invoiceNumber: o.number,
        typeCode: kind === 'INVOICE' ? '380' : '381',
        supplierId: o.supplierId,
        buyerOrganisationId: o.buyerOrganisationId,
        orderId: o.orderId ?? null,
        agreementId: o.agreementId ?? null,
        creditedInvoiceId: null,
        receivedDocumentId: null,
        issueDate: '2026-11-20',
        dueDate: kind === 'INVOICE' ? '2026-12-20' : null,
        currency: 'NOK',
        buyerReference: null,
        orderReference: null,
        contractReference: o.contractReference ?? null,
        accountingCost: o.accountingCost ?? null,
        paymentId: null,
        paymentAccount: null,
        lineExtensionAmount: o.net,
        allowanceTotalAmount: '0',
        chargeTotalAmount: '0',
        taxExclusiveAmount: o.net,
        taxAmount: vat,
        taxInclusiveAmount: total,
        prepaidAmount: '0',
        payableRoundingAmount: '0',
        payableAmount: total,
        receivedByUserId: null,
        receivedByClientId: null,
      },
      [{ category: 'S', rate: '25', taxableAmount: o.net, taxAmount: vat, exemptionReason: null }],
      [],
      1,
    );
    if (!inserted) throw new Error(`storedInvoice: ${o.number} of this supplier exists already`);
    const { invoice, lineIds } = inserted;
    const line = Object.assign(new InvoiceLineEntity(), {
      id: lineIds[0],
      invoiceId: invoice.id,
      position: 1,
      lineId: '1',
      quantity: '1',
      unitCode: 'EA',
      netUnitPrice: o.net,
      baseQuantity: '1',
      lineAmount: o.net,
      vatCategory: 'S',
      vatRate: '25',
      itemName: 'Kontorstol',
      sellerItemId: null,
      gtin: null,
      unspscCode: null,
      accountingCost: null,
      orderLineRef: null,
      orderLineId: null,
      matchStatus: null,
    });
    invoice.status = o.status ?? InvoiceStatus.APPROVED;
    // The lines are written with the save, as the intake writes them.
    await repository.save(tx, invoice, { lines: [line], reasons: [] });
    return invoice.id;
  });
}
