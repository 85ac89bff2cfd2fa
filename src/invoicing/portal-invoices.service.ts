import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentExchangeService } from '../exchange/document-exchange.service';
import { IdentityService } from '../identity/identity.service';
import { OrderStatus } from '../ordering/order-status';
import { OrderStateError } from '../ordering/order.types';
import { customerReferenceSent, unitCodeForDocument } from '../ordering/order-document';
import { OrdersService } from '../ordering/orders.service';
import { writeInvoice } from '../peppol';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { osloToday } from '../platform/time/oslo-date';
import { invoiceFromOrder } from './invoice-from-order';
import { toInvoice } from './invoice-view';
import { InvoiceRepository } from './invoice.repository';
import { OrderToBill, portalInvoice } from './portal-invoice';
import { CreateInvoiceFromOrderInput, DuplicateInvoiceNumberError, IdempotencyKeyReusedError, InvoiceCreatedFromOrder, InvoiceFromOrderRefused } from './portal-invoice.types';
import { portalInvoiceRequest, requestDifferences } from './portal-invoice-request';
import { PortalInvoiceRequestRepository } from './portal-invoice-request.repository';

/** Orders the supplier has confirmed (or whose goods are arriving): an invoice before confirmation would only wait. */
const INVOICEABLE: ReadonlySet<OrderStatus> = new Set([OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_RECEIVED, OrderStatus.RECEIVED]);

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export type CreateInvoiceFromOrderOutcome = InvoiceCreatedFromOrder | InvoiceFromOrderRefused | DuplicateInvoiceNumberError | OrderStateError | IdempotencyKeyReusedError;

/**
 * The light portal's invoice: Torg writes the EHF invoice (PEPPOL BIS Billing 3) for a supplier
 * with no e-invoicing system, from its order as agreed, and hands the XML to the very intake of
 * POST /documents (DocumentExchangeService.receive) as the supplier: so it is checked by Torg's
 * rules, stored with its bytes, refused when the number was used, and matched against the order
 * exactly as an invoice from the supplier's own system would be. Nothing is special-cased here.
 */
@Injectable()
export class PortalInvoices {
  constructor(
    private readonly orders: OrdersService,
    private readonly identity: IdentityService,
    private readonly exchange: DocumentExchangeService,
    private readonly invoices: InvoiceRepository,
    private readonly ds: DataSource,
    private readonly requests: PortalInvoiceRequestRepository,
  ) {}

  /**
   * With an idempotency key, in one transaction under a lock on (supplier, key): the invoice the
   * key made answers a retry of the same request (as it stands now), a different request is
   * refused with the fields that differ, and otherwise the invoice is made and the key recorded
   * with it. A request that makes no invoice rolls back whole, so its key stays free for the
   * corrected form.
   */
  async create(ctx: RequestContext, input: CreateInvoiceFromOrderInput): Promise<CreateInvoiceFromOrderOutcome> {
    const key = input.idempotencyKey;
    if (!key) return this.createInvoice(ctx, input);
    const request = portalInvoiceRequest(input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const supplier = tx.user.organisationId;
      await this.requests.lock(tx, supplier, key);
      const first = await this.requests.find(tx, supplier, key);
      if (first) {
        const differ = requestDifferences(first.request, request);
        if (differ.length) return IdempotencyKeyReusedError.of(key, first.invoiceId, differ);
        return this.created(tx, first.invoiceId);
      }
      const outcome = await this.createInvoice(tx, input);
      if (!(outcome instanceof InvoiceCreatedFromOrder)) throw new RollBackWith(outcome);
      await this.requests.insert(tx, supplier, key, request, outcome.invoice.id);
      return outcome;
    });
  }

  private async created(ctx: RequestContext, invoiceId: number): Promise<InvoiceCreatedFromOrder> {
    const stored = await this.invoices.find(ctx, invoiceId);
    if (!stored) throw new Error(`invoice ${invoiceId} was received but cannot be read`);
    return Object.assign(new InvoiceCreatedFromOrder(), { invoice: toInvoice(stored, 'supplier') });
  }

  private async createInvoice(ctx: RequestContext, input: CreateInvoiceFromOrderInput): Promise<CreateInvoiceFromOrderOutcome> {
    // Only the order's supplier: anyone else is told it does not exist (a buyer lacks SUPPLIER_ADMIN already).
    const order = await this.orders.order(ctx, input.orderId);
    if (order.supplierId !== ctx.user.organisationId || !order.orderNo) throw notFound('Order', input.orderId);
    if (!INVOICEABLE.has(order.status))
      return OrderStateError.of(order.status, `Order ${order.orderNo} is ${order.status}: invoice it once you have confirmed it (accepted, or its changes accepted by the buyer)`);

    const [lines, seller, buyer, sent] = await Promise.all([
      this.orders.lines(ctx, order.id),
      this.identity.find(ctx, order.supplierId),
      this.identity.find(ctx, order.buyerOrganisationId),
      this.invoices.countOfOrder(ctx, order.supplierId, order.id),
    ]);
    if (!seller || !buyer) throw notFound('Order', input.orderId);
    const toBill: OrderToBill = {
      orderNo: order.orderNo,
      // The reference the order was sent with, which the invoice returns as its BuyerReference.
      customerReference: customerReferenceSent(order),
      currency: order.currency,
      lines: lines.map((l) => ({
        lineId: String(l.lineNo),
        status: l.status,
        name: l.name,
        quantity: l.quantity,
        // The official code list (BR-CL-23) knows packs as XPK, not the older PK catalogues use.
        unitCode: unitCodeForDocument(l.unitCode),
        unitPrice: l.unitPrice,
        vatRate: l.vatRate,
        sellerItemId: l.sellerItemId,
        gtin: l.gtin,
        unspscCode: l.unspscCode,
        substitute: l.substituteSellerItemId ? { sellerItemId: l.substituteSellerItemId, name: l.substituteName, gtin: l.substituteGtin } : null,
      })),
    };
    const issueDate = input.issueDate ?? osloToday(ctx.now());
    const invoiceNumber = input.invoiceNumber ?? `${order.orderNo}-${sent + 1}`;
    const drafted = portalInvoice(
      toBill,
      { orgNumber: seller.orgNumber.trim(), name: seller.name },
      { orgNumber: buyer.orgNumber.trim(), name: buyer.name, vatRegistered: false },
      {
        invoiceNumber,
        issueDate,
        dueDate: input.dueDate ?? (/^\d{4}-\d{2}-\d{2}$/.test(issueDate) ? plusDays(issueDate, 30) : ''),
        lines: input.lines,
        paymentAccount: input.paymentAccount,
        kid: input.kid,
        note: input.note,
      },
    );
    if ('problems' in drafted) return InvoiceFromOrderRefused.of(drafted.problems.map((p) => ({ ...p, path: null, rule: null })));

    let xml: string;
    try {
      xml = writeInvoice(invoiceFromOrder(drafted.input));
    } catch (e) {
      if (e instanceof DomainError && e.code === 'BAD_USER_INPUT') return InvoiceFromOrderRefused.of([{ field: fieldOf(e), path: null, rule: null, message: e.message }]);
      throw e;
    }

    let receipt: Awaited<ReturnType<DocumentExchangeService['receive']>>;
    try {
      receipt = await this.exchange.receive(ctx, Buffer.from(xml, 'utf8'));
    } catch (e) {
      // The intake refuses a number already used by another document of the supplier (CONFLICT).
      if (e instanceof DomainError && e.code === 'CONFLICT') return DuplicateInvoiceNumberError.of(invoiceNumber);
      throw e;
    }
    if (receipt.httpStatus === 409) return DuplicateInvoiceNumberError.of(invoiceNumber);
    if (receipt.httpStatus === 422) return InvoiceFromOrderRefused.of(receipt.answer.problems.map((p) => ({ field: null, path: p.path ?? null, rule: p.rule ?? null, message: p.message })));
    return this.created(ctx, Number(receipt.answer.id));
  }
}

const fieldOf = (e: DomainError): string | null => (typeof e.details?.field === 'string' ? e.details.field : null);
