import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { OutboundDocuments } from '../exchange/outbound/outbound-documents.service';
import type { OutboundRef } from '../exchange/outbound/outbound-documents.service';
import { DeliveryAddressesService } from '../identity/buyer-setup/delivery-addresses.service';
import { IdentityService } from '../identity/identity.service';
import { Role } from '../identity/role';
import { writeOrder } from '../peppol';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { orderDocument, organisationEndpoint } from './order-document';
import { orderName } from './order.machine';
import { ORDER_DOCUMENT, orderRef } from './order-outbound';
import { OrderStatus } from './order-status';
import { OrderStateError } from './order.types';
import { OrdersService } from './orders.service';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * Getting an approved order to its supplier. A supplier registered in Torg gets the order as an
 * EHF/PEPPOL document through the outbound transport (queued in the approving transaction; the
 * order is SENT once the transport has delivered it); an order to a supplier named only in free
 * text is placed outside Torg, and the buyer records that it was.
 */
@Injectable()
export class OrderDispatch implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: OrdersService,
    private readonly outbound: OutboundDocuments,
    private readonly identity: IdentityService,
    private readonly addresses: DeliveryAddressesService,
    private readonly agreements: AgreementsService,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  onModuleInit() {
    this.outbound.onSent(ORDER_DOCUMENT, (tx, ref, outboundId) => this.delivered(tx, ref, outboundId));
  }

  /** Called in the approving transaction: queues the order document, so it leaves if and only if the approval commits. */
  async approved(tx: RequestContext, order: PurchaseOrderEntity, lines: PurchaseOrderLineEntity[]): Promise<void> {
    if (order.supplierId === null) return; // placed outside Torg: see recordPlacedOutside
    // Both in one batch (one query).
    const [buyer, supplier] = await Promise.all([this.identity.organisation(tx, order.buyerOrganisationId), this.identity.organisation(tx, order.supplierId)]);
    const address = await this.addresses.find(tx, order.deliveryAddressId);
    const [requester] = await this.identity.users(tx, [order.requesterUserId]);
    const agreement = order.agreementId !== null ? (await this.agreements.standing(tx, [order.agreementId])).get(order.agreementId) : undefined;
    if (!address) throw new Error(`${orderName(order)}: delivery address ${order.deliveryAddressId} is missing`);
    const ubl = orderDocument({
      profile: this.config.orderDocumentProfile,
      order,
      lines,
      buyer,
      buyerContact: requester ? { name: requester.name, email: requester.email } : undefined,
      supplier,
      delivery: address,
      agreementReference: agreement?.reference ?? null,
    });
    await this.outbound.send(tx, {
      documentType: ORDER_DOCUMENT,
      documentId: ubl.id,
      receiverEndpoint: organisationEndpoint(supplier.orgNumber),
      senderEndpoint: organisationEndpoint(buyer.orgNumber),
      xml: writeOrder(ubl),
      ref: orderRef(order),
    });
  }

  /**
   * The order document as it was sent (immutable: the stored outbound document), to whoever may
   * see the order: its buyer organisation (a REQUESTER their own), and its supplier once it is
   * sent. NOT_FOUND before approval, and for an order placed outside Torg.
   */
  async sentDocument(ctx: RequestContext, orderId: number): Promise<{ orderNo: string; xml: string }> {
    const order = await this.orders.order(ctx, orderId);
    const doc = await this.outbound.latestFor(ctx, ORDER_DOCUMENT, orderRef(order));
    if (!doc || !order.orderNo) throw notFound('Order document', orderId);
    return { orderNo: order.orderNo, xml: doc.xml };
  }

  /** The transport delivered the order document: APPROVED → SENT. A repeat, or an order cancelled meanwhile, changes nothing. */
  private async delivered(tx: RequestContext, ref: OutboundRef | null, outboundId: string): Promise<void> {
    if (ref?.kind !== 'order') return;
    const order = await this.orders.lockForSystem(tx, Number(ref.id));
    if (!order || order.status !== OrderStatus.APPROVED) return;
    await this.orders.fire(tx, order, 'send', { effect: (o) => void (o.sentAt = new Date()), audit: { outboundDocumentId: outboundId } });
  }

  /** The buyer placed an order to a supplier outside Torg (by phone, e-mail, a web shop): it counts as sent. */
  async recordPlacedOutside(ctx: RequestContext, orderId: number, note: string): Promise<PurchaseOrderEntity | OrderStateError> {
    const text = note.trim();
    if (text.length < 3) throw badInput('note must say how and where the order was placed (at least 3 characters)', { field: 'note' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.orders.lockForBuyer(tx, orderId, [Role.REQUESTER, Role.PURCHASER, Role.ADMIN]);
      if (order.supplierId !== null) throw badInput(`${orderName(order)} goes to a supplier in Torg and is sent as a document, not placed by hand`, { field: 'orderId' });
      return this.orders.fire(tx, order, 'send', { effect: (o) => void (o.sentAt = tx.now()), audit: { placedOutside: text } });
    });
  }
}
