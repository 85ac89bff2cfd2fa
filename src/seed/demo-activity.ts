import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentExchangeService } from '../exchange/document-exchange.service';
import { Role } from '../identity/role';
import { invoiceFromOrder, InvoiceLineInput } from '../invoicing/invoice-from-order';
import { PortalInvoices } from '../invoicing/portal-invoices.service';
import { InvoiceCreatedFromOrder } from '../invoicing/portal-invoice.types';
import { CartService } from '../ordering/cart.service';
import { CartLineAdded } from '../ordering/cart.types';
import { GoodsReceiptsService } from '../ordering/goods-receipts.service';
import { OrderDispatch } from '../ordering/order-dispatch';
import { customerReferenceSent, unitCodeForDocument } from '../ordering/order-document';
import { OrderResponsesService } from '../ordering/order-responses.service';
import { OrderStatus } from '../ordering/order-status';
import { CartSubmitted } from '../ordering/order.types';
import { OrdersService } from '../ordering/orders.service';
import { RequisitionsService } from '../ordering/requisitions.service';
import { ResponseCode } from '../ordering/order-response.types';
import { writeInvoice } from '../peppol';
import { RequestContext } from '../platform/context/request-context';
import { OutboxDispatcher } from '../platform/outbox/outbox-dispatcher';
import { NOTIFY_EMAIL } from '../platform/notifications/notifications';
import { SEND_DOCUMENT } from '../exchange/outbound/outbound-documents.service';
import { ORDER_PROGRESSED } from '../ordering/order-progress';
import { SPEND_TOPIC } from '../insights/spend-facts.types';
import { isErrorResult } from '../platform/results/error-result';
import { osloToday } from '../platform/time/oslo-date';
import { creditNoteTime, demoOrderTimes, DemoOrderTimes } from './demo-schedule';
import { DEMO_ACTIVITY, DEMO_ORGANISATIONS, DEMO_USERS, DemoInvoice, DemoOrder, DemoOrgKey } from './demo-data';
import type { DemoActivity, DemoWorld } from './demo-world';

/**
 * The outbox topics the activity's steps enqueue: documents to send (orders, invoice responses),
 * e-mails to approvers, re-matches of invoices and the insights facts. Only these are drained: the
 * rest (the UNSPSC suggestion vocabulary after the catalogues' publishing) is the background's.
 */
const ACTIVITY_TOPICS = [SEND_DOCUMENT, NOTIFY_EMAIL, ORDER_PROGRESSED, SPEND_TOPIC];

/** The day `days` after `day` (YYYY-MM-DD). */
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's purchasing history (DEMO_ACTIVITY): orders placed, approved, answered by their
 * suppliers and received, invoices and a credit note sent by the suppliers' systems to the intake
 * (DocumentExchangeService.receive, what POST /documents calls) or written by the supplier portal,
 * each by the service a person or system would reach through the API. So matching, the exception
 * queue, the ledgers and the insights facts and rollups come out exactly as in production; nothing
 * is written to their tables here. The history spreads over the past year (seed/demo-schedule.ts):
 * each step's RequestContext carries the time it acts at (`actingAt`), which the services stamp
 * as its business time (submitted, approved, answered, received, matched, decided), so insights
 * show months, not one day. What the outbox does after a step (the order document's delivery,
 * SENT; the invoice responses' transport) and the technical times (audit, insights' recorded_at)
 * happen now.
 */
export async function seedDemoActivity(app: INestApplicationContext, world: DemoWorld): Promise<DemoActivity> {
  const ds = app.get(DataSource);
  const logger = new Logger('DemoSeed');
  const carts = app.get(CartService);
  const requisitions = app.get(RequisitionsService);
  const responses = app.get(OrderResponsesService);
  const receipts = app.get(GoodsReceiptsService);
  const dispatch = app.get(OrderDispatch);
  const orders = app.get(OrdersService);
  const exchange = app.get(DocumentExchangeService);
  const portal = app.get(PortalInvoices);
  const outbox = app.get(OutboxDispatcher);

  /** A demo user acting at `at`. */
  const person = (email: string, at: Date) => {
    const u = DEMO_USERS.find((x) => x.email === email)!;
    return new RequestContext({ userId: world.users[email].userId, email, organisationId: world.users[email].organisationId, roles: u.roles }, ds.manager, undefined, at);
  };
  /** A supplier's own system (its demo machine client), as it calls POST /documents at `at`. */
  const machine = (clientId: string, org: DemoOrgKey, at: Date) =>
    new RequestContext({ machineClientId: world.machineClients[clientId], clientId, organisationId: world.orgs[org], roles: [Role.SUPPLIER_ADMIN] }, ds.manager, undefined, at);
  const fail = (what: string, result: unknown): never => {
    throw new Error(`demo activity: ${what}: ${JSON.stringify(result)}`);
  };
  const org = (key: DemoOrgKey) => DEMO_ORGANISATIONS.find((o) => o.key === key)!;

  /** The published item of a seller item in the named agreement's catalogue in force (2021-007 and 2025-003 share item ids). */
  const itemId = async (agreement: string, sellerItemId: string): Promise<string> => {
    const [row] = await ds.query(
      `SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED'
        WHERE v.agreement_id = $1 AND ci.seller_item_id = $2`,
      [world.agreements[agreement], sellerItemId],
    );
    return row?.id ?? fail(`item ${sellerItemId} of ${agreement}`, 'not published');
  };

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const placed: DemoActivity = { orders: {}, invoices: {} };
  const now = new Date();
  const times = new Map<string, DemoOrderTimes>(DEMO_ACTIVITY.orders.map((o) => [o.key, demoOrderTimes(now, o)]));
  /** When each invoice was sent (its IssueDate is that day in Norway): a credit note follows the invoice it credits. */
  const invoiceTimes = new Map<string, Date>();
  const invoiceTime = (inv: DemoInvoice): Date =>
    inv.credits ? creditNoteTime(invoiceTimes.get(inv.credits) ?? fail(`${inv.number}: credits an invoice not sent before it`, inv.credits)) : times.get(inv.order)!.invoiced;

  async function placeOrder(o: DemoOrder): Promise<number> {
    const at = times.get(o.key)!;
    // The cart is filled now (an item is bought as published today); the submission acts in the past.
    const requester = person(o.requester, at.submitted);
    for (const line of o.items ?? []) {
      const added = await carts.addItem(requester, { itemId: await itemId(line.agreement, line.sellerItemId), quantity: line.quantity });
      if (!(added instanceof CartLineAdded)) fail(`${o.key}: adding ${line.sellerItemId}`, added);
    }
    for (const line of o.freeText ?? []) {
      const preferred = line.supplier ? { preferredSupplierId: world.orgs[line.supplier] } : line.supplierName ? { preferredSupplierName: line.supplierName } : {};
      const added = await carts.addFreeText(requester, {
        description: line.description,
        unspscCode: line.unspscCode,
        quantity: line.quantity,
        unitCode: line.unitCode,
        estimatedPrice: line.estimatedPrice,
        currency: 'NOK',
        vatRate: '25',
        ...preferred,
        justification: line.justification,
      });
      if (!(added instanceof CartLineAdded)) fail(`${o.key}: adding "${line.description}"`, added);
    }
    const submitted = await requisitions.submit(requester, {
      costCentreId: world.buyerSetup.costCentres[o.costCentre],
      deliveryAddressId: world.buyerSetup.deliveryAddresses[o.costCentre.split(':')[0] as DemoOrgKey]!,
      wantedDeliveryDate: plusDays(osloToday(at.submitted), 7),
      accountingString: o.accountingString,
      noteToSupplier: o.noteToSupplier,
    });
    if (!(submitted instanceof CartSubmitted) || submitted.requisitions.length !== 1) return fail(`${o.key}: submitting`, submitted);
    const id = submitted.requisitions[0].id;
    let status = submitted.requisitions[0].status;
    if (status === OrderStatus.PENDING_APPROVAL) {
      const approved = await requisitions.approve(person(o.approver ?? fail(`${o.key}: needs an approver`, status), at.approved), { orderId: id, comment: o.approvalComment });
      if (isErrorResult(approved)) fail(`${o.key}: approving`, approved);
      status = (approved as { status: OrderStatus }).status;
    }
    if (status !== OrderStatus.APPROVED) fail(`${o.key}: not approved`, status);
    if (o.placedOutside) {
      const recorded = await dispatch.recordPlacedOutside(person(o.requester, new Date(at.approved.getTime() + 3_600_000)), id, o.placedOutside);
      if (isErrorResult(recorded)) fail(`${o.key}: recording it placed outside`, recorded);
    }
    return id;
  }

  for (const o of DEMO_ACTIVITY.orders) placed.orders[o.key] = await placeOrder(o);
  // The order documents go out through the outbox; delivered, the orders are SENT.
  await outbox.drain(ACTIVITY_TOPICS);

  for (const o of DEMO_ACTIVITY.orders) {
    const id = placed.orders[o.key];
    const at = times.get(o.key)!;
    if (o.supplierAnswer) {
      const answered = await responses.respond(person(o.supplierAnswer.by, at.answered), { orderId: id, responseCode: ResponseCode.ACCEPTED, note: o.supplierAnswer.note });
      if (isErrorResult(answered)) fail(`${o.key}: the supplier's answer`, answered);
    }
    if (o.receivedInFull) {
      const lines = (o.items ?? []).map((item, i) => ({ lineId: String(i + 1), quantity: item.quantity }));
      const received = await receipts.receive(person(o.requester, at.received), { orderId: id, lines });
      if (isErrorResult(received)) fail(`${o.key}: receiving`, received);
    }
  }

  async function sendInvoice(inv: DemoInvoice): Promise<number> {
    const orderId = placed.orders[inv.order];
    const demoOrder = DEMO_ACTIVITY.orders.find((o) => o.key === inv.order)!;
    const at = invoiceTime(inv);
    invoiceTimes.set(inv.number, at);
    const issueDate = osloToday(at);
    if (inv.via === 'portal') {
      const created = await portal.create(person(inv.by, at), { orderId, invoiceNumber: inv.number, paymentAccount: inv.paymentAccount, kid: inv.kid, note: inv.note });
      if (!(created instanceof InvoiceCreatedFromOrder)) return fail(`invoice ${inv.number} from the portal`, created);
      return created.invoice.id;
    }
    // The supplier's ERP writes the document from the order as it was sent (its number and the buyer's reference).
    const systemCtx = machine(inv.by, inv.supplier, at);
    const order = await orders.order(systemCtx, orderId);
    const lines = await orders.lines(systemCtx, orderId);
    const invoiced: InvoiceLineInput[] = lines
      .filter((l) => inv.lines[String(l.lineNo)])
      .map((l) => {
        const spec = inv.lines[String(l.lineNo)];
        return {
          orderLineId: String(l.lineNo),
          sellerItemId: l.sellerItemId ?? undefined,
          gtin: l.gtin ?? undefined,
          name: l.name,
          quantity: spec.quantity,
          unitCode: unitCodeForDocument(l.unitCode),
          unitPrice: spec.price ?? l.unitPrice,
          vatRate: l.vatRate,
          unspsc: l.unspscCode,
        };
      });
    const credit = inv.credits ? { id: inv.credits, issueDate: osloToday(invoiceTimes.get(inv.credits) ?? fail(`${inv.number}: credits an invoice not sent before it`, inv.credits)) } : undefined;
    const xml = writeInvoice(
      invoiceFromOrder({
        kind: credit ? 'CreditNote' : 'Invoice',
        invoiceNumber: inv.number,
        issueDate,
        dueDate: plusDays(issueDate, 30),
        seller: { orgNumber: org(inv.supplier).orgNumber, name: org(inv.supplier).name },
        buyer: { orgNumber: org(demoOrder.costCentre.split(':')[0] as DemoOrgKey).orgNumber, name: org(demoOrder.costCentre.split(':')[0] as DemoOrgKey).name, vatRegistered: false },
        orderNumber: order.orderNo!,
        buyerReference: customerReferenceSent(order),
        billingReferences: credit ? [credit] : undefined,
        note: inv.note,
        payment: credit ? undefined : { account: inv.paymentAccount, kid: inv.kid },
        lines: invoiced,
      }),
    );
    const receipt = await exchange.receive(systemCtx, Buffer.from(xml, 'utf8'));
    if (receipt.httpStatus !== 201) fail(`invoice ${inv.number} to the intake`, receipt.answer);
    return Number(receipt.answer.id);
  }

  for (const inv of DEMO_ACTIVITY.invoices) placed.invoices[inv.number] = await sendInvoice(inv);
  // The invoice responses (AP, IP) go out through the outbox as well.
  await outbox.drain(ACTIVITY_TOPICS);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const cpu = process.cpuUsage(cpuBefore);
  logger.log(`demo activity: ${DEMO_ACTIVITY.orders.length} orders, ${DEMO_ACTIVITY.invoices.length} invoices and credit notes in ${seconds} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)`);
  return placed;
}
