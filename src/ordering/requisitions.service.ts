import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CostCentreInactiveError } from '../identity/buyer-setup/buyer-setup.errors';
import { ApprovalAuthorityService } from '../identity/buyer-setup/approval-authority.service';
import type { AuthorisedApprover } from '../identity/buyer-setup/approval-route';
import { CostCentresService } from '../identity/buyer-setup/cost-centres.service';
import { DeliveryAddressesService } from '../identity/buyer-setup/delivery-addresses.service';
import { Role } from '../identity/role';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { AuditService } from '../platform/audit/audit.service';
import { badInput, notFound } from '../platform/errors/domain-error';
import { Money } from '../platform/money/money';
import { osloToday, osloYear } from '../platform/time/oslo-date';
import type { CeilingExceededError } from '../agreements/agreements.errors';
import type { BudgetExceededError } from '../identity/buyer-setup/buyer-setup.errors';
import { ApprovalNotifier } from './approval-notifier';
import { LineStatus } from './cart-line-kinds';
import type { CartLineEntity } from './cart-line.entity';
import { totals } from './cart-totals';
import { CartRepository } from './cart.repository';
import { CartViewBuilder } from './cart-view';
import { OrderCommitments } from './order-commitments';
import { OrderDispatch } from './order-dispatch';
import { OrderSpend } from './order-spend';
import { orderName } from './order.machine';
import { OrderStatus } from './order-status';
import {
  CartEmptyError,
  CartNotOrderableError,
  CartSubmitted,
  DecideRequisitionInput,
  NoApproverError,
  NotAuthorisedToApproveError,
  OrderStateError,
  OrderVersionConflictError,
  SelfApprovalError,
  SubmitCartInput,
} from './order.types';
import { OrdersService } from './orders.service';
import { toOrder } from './order-view';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { NewPurchaseOrderLine, PurchaseOrderRepository } from './purchase-order.repository';
import { splitIntoRequisitions } from './requisition-split';

/** Requisitions waiting for one approver that the queue looks through (oldest first). */
const QUEUE_SCAN_LIMIT = 500;

export type SubmitResult = CartSubmitted | CartEmptyError | CartNotOrderableError | NoApproverError | CostCentreInactiveError | CeilingExceededError | BudgetExceededError;
export type ApproveResult = PurchaseOrderEntity | OrderStateError | OrderVersionConflictError | SelfApprovalError | NotAuthorisedToApproveError | BudgetExceededError | CeilingExceededError;

/**
 * From cart to approved order (issue 15 §2, §4): submitting splits the cart into requisitions
 * (one per supplier and agreement), routes each by the buyer set-up's approval rules, approves
 * at once what is within the requester's own limit, and notifies the approvers of the rest.
 * Approval commits the amount on the cost centre (and the agreement's ceiling) and hands the
 * order to dispatch. Everything of one submit or decision happens in one transaction.
 */
@Injectable()
export class RequisitionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orders: PurchaseOrderRepository,
    private readonly ordersService: OrdersService,
    private readonly carts: CartRepository,
    private readonly cartViews: CartViewBuilder,
    private readonly costCentres: CostCentresService,
    private readonly addresses: DeliveryAddressesService,
    private readonly authority: ApprovalAuthorityService,
    private readonly commitments: OrderCommitments,
    private readonly dispatch: OrderDispatch,
    private readonly spend: OrderSpend,
    private readonly notifier: ApprovalNotifier,
    private readonly audit: AuditService,
  ) {}

  /**
   * Submits the caller's open cart: every line must be orderable as it stands (else nothing is
   * submitted and the lines are named), every requisition must have someone to approve it and
   * room under its agreement's ceiling. All requisitions or none.
   */
  async submit(ctx: RequestContext, input: SubmitCartInput): Promise<SubmitResult> {
    const wanted = input.wantedDeliveryDate;
    if (wanted !== undefined && wanted < osloToday(ctx.now())) throw badInput(`wantedDeliveryDate ${wanted} is in the past`, { field: 'wantedDeliveryDate' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const requester = tx.person;
      const cart = await this.carts.findOpenLocked(tx, requester.organisationId, requester.userId);
      const lines = cart ? await this.carts.lines(tx, cart.id) : [];
      if (!cart || !lines.length) return CartEmptyError.of();
      const checks = await this.cartViews.check(tx, lines);
      const blocked = lines.map((l, i) => ({ ...l, check: checks[i] })).filter((l) => l.check.status !== LineStatus.ORDERABLE && l.check.status !== LineStatus.ESTIMATE);
      if (blocked.length) return CartNotOrderableError.of(blocked.map((l) => ({ lineId: l.id, name: l.name, status: l.check.status, reason: l.check.reason ?? l.check.status })));
      const costCentre = await this.costCentres.find(tx, input.costCentreId);
      if (!costCentre || costCentre.organisationId !== requester.organisationId) throw notFound('Cost centre', input.costCentreId);
      if (!costCentre.active) return CostCentreInactiveError.of(costCentre.id, costCentre.code);
      const address = await this.addresses.find(tx, input.deliveryAddressId);
      if (!address || address.organisationId !== requester.organisationId) throw notFound('Delivery address', input.deliveryAddressId);
      if (!address.active) throw badInput(`Delivery address "${address.label}" is inactive`, { field: 'deliveryAddressId' });

      const submitted: PurchaseOrderEntity[] = [];
      for (const group of splitIntoRequisitions(lines)) {
        const [sum] = totals(group.lines);
        const amount = sum.lineExtensionAmount;
        const route = await this.authority.route(tx, { organisationId: requester.organisationId, requesterUserId: requester.userId, costCentreId: costCentre.id, amount });
        // A refusal after an earlier requisition was written rolls the whole submit back.
        if (route instanceof CostCentreInactiveError) throw new RollBackWith(route);
        const overCeiling = await this.commitments.ceilingRefusal(tx, group.agreementId, amount);
        if (overCeiling) throw new RollBackWith(overCeiling);
        if (route.decision === 'NO_APPROVER')
          throw new RollBackWith(NoApproverError.of(costCentre.id, amount.toDecimalString(), `the requisition to ${group.supplierName ?? `supplier ${group.supplierId ?? '(none)'}`}`));
        const order = await this.orders.create(
          tx,
          {
            status: OrderStatus.PENDING_APPROVAL,
            buyerOrganisationId: requester.organisationId,
            requesterUserId: requester.userId,
            supplierId: group.supplierId,
            supplierName: group.supplierName,
            agreementId: group.agreementId,
            costCentreId: costCentre.id,
            budgetYear: osloYear(tx.now()),
            accountingString: input.accountingString?.trim() || null,
            deliveryAddressId: address.id,
            wantedDeliveryDate: wanted ?? null,
            noteToSupplier: input.noteToSupplier?.trim() || null,
            customerReference: input.customerReference?.trim() || null,
            currency: sum.currency,
            lineExtensionAmount: amount.toDecimalString(),
            vatAmount: sum.vatAmount.toDecimalString(),
            taxInclusiveAmount: sum.taxInclusiveAmount.toDecimalString(),
            cartId: cart.id,
            approvalRoute: route.decision,
          },
          group.lines.map(orderLine),
        );
        await this.audit.record(tx, 'order.submitted', 'purchase_order', order.id, {
          requisitionNo: order.requisitionNo,
          cartId: cart.id,
          amount: order.lineExtensionAmount,
          currency: order.currency,
          route: route.decision,
        });
        if (route.decision === 'WITHIN_OWN_LIMIT') {
          submitted.push(await this.approveAs(tx, order, { userId: requester.userId, onBehalfOf: null }, 'Within the requester’s own limit'));
        } else {
          await this.notifier.requisitionWaiting(
            tx,
            order,
            route.approvers.map((a) => a.userId),
          );
          submitted.push(order);
        }
      }
      await this.carts.markSubmitted(tx, cart.id);
      const byId = await this.orders.linesOf(
        tx,
        submitted.map((o) => o.id),
      );
      return Object.assign(new CartSubmitted(), { requisitions: submitted.map((o) => toOrder(o, byId.get(o.id))) });
    });
  }

  /** An approver with authority on the cost centre for the amount (own or as a substitute) approves; never their own requisition. */
  async approve(ctx: RequestContext, input: DecideRequisitionInput): Promise<ApproveResult> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const decision = await this.decidable(tx, input);
      if ('refusal' in decision) return decision.refusal;
      const { order, authorised } = decision;
      const override = input.budgetOverrideReason?.trim();
      return this.approveAs(tx, order, { userId: tx.person.userId, onBehalfOf: authorised.onBehalfOf }, input.comment?.trim() ?? null, override || undefined);
    });
  }

  /** The approver refuses, saying why. */
  async reject(ctx: RequestContext, input: DecideRequisitionInput): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError | SelfApprovalError | NotAuthorisedToApproveError> {
    const comment = input.comment?.trim();
    if (!comment) throw badInput('A rejection needs a comment to the requester', { field: 'comment' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const decision = await this.decidable(tx, input);
      if ('refusal' in decision) return decision.refusal;
      const { order, authorised } = decision;
      return this.ordersService.fire(tx, order, 'reject', {
        effect: (o) => void Object.assign(o, { decidedByUserId: tx.person.userId, decidedOnBehalfOf: authorised.onBehalfOf, decidedAt: tx.now(), decisionComment: comment }),
        audit: { comment, onBehalfOf: authorised.onBehalfOf },
      });
    });
  }

  /** The requester takes a requisition back before anyone decides. */
  async withdraw(ctx: RequestContext, orderId: number, expectedVersion?: number): Promise<PurchaseOrderEntity | OrderStateError | OrderVersionConflictError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const order = await this.ordersService.lockForBuyer(tx, orderId, [Role.REQUESTER]);
      if (order.requesterUserId !== tx.person.userId) throw notFound('Order', orderId);
      return this.ordersService.staleVersion(order, expectedVersion) ?? this.ordersService.fire(tx, order, 'withdraw');
    });
  }

  /** What waits for the caller: requisitions of their organisation they may approve (own authority or as a substitute), oldest first. */
  async queue(ctx: RequestContext): Promise<PurchaseOrderEntity[]> {
    const approver = ctx.person;
    const pending = await this.orders.pending(ctx, approver.organisationId, QUEUE_SCAN_LIMIT);
    const mine: PurchaseOrderEntity[] = [];
    for (const order of pending) {
      if (order.requesterUserId === approver.userId) continue;
      if (await this.authority.mayApprove(ctx, approver.userId, approvalQuestion(order))) mine.push(order);
    }
    return mine;
  }

  /**
   * The requisition, locked, in the caller's organisation, at the version they read, waiting for
   * approval, not their own, and within the caller's authority (own or as a substitute).
   */
  private async decidable(
    tx: RequestContext,
    input: DecideRequisitionInput,
  ): Promise<{ order: PurchaseOrderEntity; authorised: AuthorisedApprover } | { refusal: OrderVersionConflictError | SelfApprovalError | OrderStateError | NotAuthorisedToApproveError }> {
    const order = await this.ordersService.lockForBuyer(tx, input.orderId, [Role.APPROVER]);
    const stale = this.ordersService.staleVersion(order, input.expectedVersion);
    if (stale) return { refusal: stale };
    if (order.status !== OrderStatus.PENDING_APPROVAL) return { refusal: OrderStateError.of(order.status, `${orderName(order)} is ${order.status}: it is no longer waiting for approval`) };
    if (order.requesterUserId === tx.person.userId) return { refusal: SelfApprovalError.of(orderName(order)) };
    const authorised = await this.authority.mayApprove(tx, tx.person.userId, approvalQuestion(order));
    if (!authorised) return { refusal: NotAuthorisedToApproveError.of(orderName(order), order.costCentreId, order.lineExtensionAmount) };
    return { order, authorised };
  }

  /**
   * Approves: commits budget and ceiling (the guard), numbers the order, hands it to dispatch and its spend to insights. A
   * refusal (budget or ceiling without room, with the remaining amounts) rolls the whole
   * transaction back, so no half-made commitment stays.
   */
  private async approveAs(
    tx: RequestContext,
    order: PurchaseOrderEntity,
    by: { userId: number; onBehalfOf: number | null },
    comment: string | null,
    overrideReason?: string,
  ): Promise<PurchaseOrderEntity> {
    const approved = await this.ordersService.machine.fire(tx, order, 'approve', {
      guard: async (o) => (await this.commitments.commit(tx, o, overrideReason ? { reason: overrideReason, byUserId: by.userId } : undefined)) ?? undefined,
      effect: async (o) => {
        Object.assign(o, {
          orderNo: await this.orders.nextOrderNo(tx, o.budgetYear),
          decidedByUserId: by.userId,
          decidedOnBehalfOf: by.onBehalfOf,
          decidedAt: tx.now(),
          decisionComment: comment,
          budgetOverrideReason: overrideReason ?? null,
        });
      },
      audit: { onBehalfOf: by.onBehalfOf, comment, budgetOverrideReason: overrideReason ?? null },
    });
    if (!('requisitionNo' in approved)) throw new RollBackWith(approved);
    const lines = await this.ordersService.lines(tx, approved.id);
    await this.dispatch.approved(tx, approved, lines);
    await this.spend.approved(tx, approved, lines);
    return approved;
  }
}

/** The question the approval rules answer for a requisition: who may approve this amount on this cost centre. */
function approvalQuestion(order: PurchaseOrderEntity) {
  return { organisationId: order.buyerOrganisationId, requesterUserId: order.requesterUserId, costCentreId: order.costCentreId, amount: Money.of(order.lineExtensionAmount, order.currency) };
}

/** A cart line as an order line: the snapshot carries over unchanged. */
function orderLine(line: CartLineEntity): NewPurchaseOrderLine {
  return {
    kind: line.kind,
    name: line.name,
    unspscCode: line.unspscCode,
    quantity: line.quantity,
    unitCode: line.unitCode,
    unitPrice: line.unitPrice,
    vatRate: line.vatRate,
    catalogueItemId: line.catalogueItemId,
    catalogueVersionId: line.catalogueVersionId,
    agreementId: line.agreementId,
    sellerItemId: line.sellerItemId,
    gtin: line.gtin,
    loyalty: line.loyalty,
    coveringAgreementIds: line.coveringAgreementIds,
    justificationCode: line.justificationCode,
    justificationText: line.justificationText,
    ecoLabelled: line.ecoLabelled,
  };
}
