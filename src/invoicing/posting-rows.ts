import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { CostCentresService } from '../identity/buyer-setup/cost-centres.service';
import { IdentityService } from '../identity/identity.service';
import { OrdersService } from '../ordering/orders.service';
import { RequestContext } from '../platform/context/request-context';
import { InvoiceRepository } from './invoice.repository';
import type { PostingRow } from './posting-export-format';

const unique = <T>(values: readonly (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];

/**
 * What a posting export says about each invoice, gathered from its owners: the invoice and its
 * VAT (invoicing), supplier and buyer (identity), the order's number, accounting string and cost
 * centre (ordering, buyer setup) and the agreement's reference (agreements). A fixed number of
 * statements whatever the number of invoices.
 */
@Injectable()
export class PostingRows {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly identity: IdentityService,
    private readonly orders: OrdersService,
    private readonly costCentres: CostCentresService,
    private readonly agreements: AgreementsService,
  ) {}

  async of(tx: RequestContext, invoiceIds: readonly number[]): Promise<PostingRow[]> {
    const invoices = await this.invoices.findMany(tx, invoiceIds);
    const subtotals = await this.invoices.subtotalsOf(tx, invoiceIds);
    const orders = new Map((await this.orders.findMany(tx, unique(invoices.map((i) => i.orderId)))).map((o) => [o.id, o]));
    const agreementIds = unique(invoices.map((i) => i.agreementId ?? (i.orderId !== null ? (orders.get(i.orderId)?.agreementId ?? null) : null)));
    const agreements = await this.agreements.standing(tx, agreementIds);
    // Both loaders batch: one query each for every organisation and cost centre named.
    const organisations = new Map(await Promise.all(unique(invoices.flatMap((i) => [i.supplierId, i.buyerOrganisationId])).map(async (id) => [id, await this.identity.organisation(tx, id)] as const)));
    const costCentres = new Map(await Promise.all(unique([...orders.values()].map((o) => o.costCentreId)).map(async (id) => [id, await this.costCentres.find(tx, id)] as const)));
    return invoices.map((invoice): PostingRow => {
      const order = invoice.orderId !== null ? orders.get(invoice.orderId) : undefined;
      const costCentre = order ? costCentres.get(order.costCentreId) : null;
      const agreementId = invoice.agreementId ?? order?.agreementId ?? null;
      const supplier = organisations.get(invoice.supplierId)!;
      const buyer = organisations.get(invoice.buyerOrganisationId)!;
      return {
        invoiceId: String(invoice.id),
        kind: invoice.kind,
        invoiceNumber: invoice.invoiceNumber,
        supplierName: supplier.name,
        supplierOrgNumber: supplier.orgNumber,
        buyerOrgNumber: buyer.orgNumber,
        buyerName: buyer.name,
        invoiceDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        currency: invoice.currency,
        // The buyer's own accounting string on the order comes first; the one the supplier wrote (BT-19) otherwise.
        accountingString: order?.accountingString ?? invoice.accountingCost,
        costCentreCode: costCentre?.code ?? null,
        costCentreName: costCentre?.name ?? null,
        orderNumber: order?.orderNo ?? null,
        agreementReference: (agreementId !== null ? agreements.get(agreementId)?.reference : undefined) ?? invoice.contractReference,
        amountExclVat: invoice.taxExclusiveAmount,
        vat: (subtotals.get(invoice.id) ?? []).map((s) => ({ category: s.category, rate: s.rate, taxableAmount: s.taxableAmount, vatAmount: s.taxAmount })),
        vatTotal: invoice.taxAmount,
        totalInclVat: invoice.taxInclusiveAmount,
        payableAmount: invoice.payableAmount,
      };
    });
  }
}
