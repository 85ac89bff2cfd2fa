import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { IdentityService } from '../identity/identity.service';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { decodeKeyset, keysetConnection } from '../platform/graphql/keyset-cursor';
import { requestLoader } from '../platform/graphql/request-loader';
import { isErrorResult } from '../platform/results/error-result';
import { OrderDispatch } from './order-dispatch';
import { toOrder, toOrderLine } from './order-view';
import { CancelOrderInput, CloseOrderInput, DecideRequisitionInput, Order, OrderConnection, OrderLine, OrdersArgs, SubmitCartInput } from './order.types';
import { ApproveRequisitionResult, CancelOrderResult, CloseOrderResult, DecideRequisitionResult, RecordPlacedResult, SubmitCartResult, WithdrawRequisitionResult } from './order.results';
import { OrdersService } from './orders.service';
import type { PurchaseOrderEntity } from './purchase-order.entity';
import { RequisitionsService } from './requisitions.service';

const BUYER_SIDE = [Role.REQUESTER, Role.APPROVER, Role.PURCHASER, Role.ADMIN];
/** An entity from a service as the API's Order; error results pass unchanged. */
const asOrder = <R>(result: PurchaseOrderEntity | R): Order | R => (isErrorResult(result) ? result : toOrder(result as PurchaseOrderEntity));

/** Requisitions and orders: submit, decide, cancel, and read them as buyer, approver or supplier. */
@Resolver(() => Order)
export class OrdersResolver {
  constructor(
    private readonly ordersService: OrdersService,
    private readonly requisitions: RequisitionsService,
    private readonly dispatch: OrderDispatch,
    private readonly identity: IdentityService,
  ) {}

  @Allow(...BUYER_SIDE, Role.SUPPLIER_ADMIN)
  @Query(() => Order, { description: 'One requisition or order: the buyer organisation sees its own (a REQUESTER alone, their own); the supplier sees orders sent to it. Others: NOT_FOUND.' })
  async order(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int, description: 'The order.' }) id: number) {
    return toOrder(await this.ordersService.order(ctx, id));
  }

  @Allow(...BUYER_SIDE, Role.SUPPLIER_ADMIN)
  @Query(() => OrderConnection, {
    description: 'Requisitions and orders, newest first: the buyer organisation’s (a REQUESTER alone, or with mine: true, the caller’s own), or for a supplier those sent to it.',
  })
  async orders(@Ctx() ctx: RequestContext, @Args() args: OrdersArgs) {
    const page = await this.ordersService.list(ctx, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toOrder(e.node) })) };
  }

  @Allow(Role.APPROVER)
  @Query(() => [Order], {
    description: 'Requisitions waiting for the caller: those they have authority to approve (their own or as a substitute), oldest first; never their own (APPROVER).',
    deprecationReason: 'Use pendingApprovals, the same queue a page at a time.',
  })
  async approvalQueue(@Ctx() ctx: RequestContext) {
    return (await this.requisitions.queue(ctx)).map((o) => toOrder(o));
  }

  @Allow(Role.APPROVER)
  @Query(() => OrderConnection, {
    description:
      'Requisitions waiting for the caller, a page at a time: those they have authority to approve (their own or as a substitute), oldest first; never their own (APPROVER). The cursor is the last requisition’s id, not a position: requisitions decided between pages skip none of the others.',
  })
  async pendingApprovals(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    const after = decodeKeyset(page.after, ['int']);
    // Authority is decided per requisition in code, so the queue is read whole (it is bounded) and then paged.
    const queue = await this.requisitions.queue(ctx);
    // Keyset on the id (the queue's order), not a position: requisitions decided between pages leave
    // the queue without moving the ones after them, so none is skipped.
    const rest = after ? queue.filter((o) => o.id > (after[0] as number)) : queue;
    const connection = keysetConnection(rest.slice(0, page.first + 1), page.first, queue.length, (o) => [o.id]);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toOrder(e.node) })) };
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => SubmitCartResult, {
    description:
      'Submits the caller’s cart: one requisition per supplier (and agreement), each routed by the approval rules; within the requester’s own limit approved and sent at once. All or nothing (REQUESTER).',
  })
  submitCart(@Ctx() ctx: RequestContext, @Args('input') input: SubmitCartInput) {
    return this.requisitions.submit(ctx, input);
  }

  @Allow(Role.APPROVER)
  @Mutation(() => ApproveRequisitionResult, {
    description:
      'Approves a requisition: commits its amount on the cost centre (beyond the remaining budget only with budgetOverrideReason) and the agreement’s ceiling, numbers and sends the order (APPROVER with authority).',
  })
  async approveRequisition(@Ctx() ctx: RequestContext, @Args('input') input: DecideRequisitionInput) {
    return asOrder(await this.requisitions.approve(ctx, input));
  }

  @Allow(Role.APPROVER)
  @Mutation(() => DecideRequisitionResult, { description: 'Rejects a requisition with a comment to the requester (APPROVER with authority).' })
  async rejectRequisition(@Ctx() ctx: RequestContext, @Args('input') input: DecideRequisitionInput) {
    return asOrder(await this.requisitions.reject(ctx, input));
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => WithdrawRequisitionResult, { description: 'The requester takes back a requisition that waits for approval (REQUESTER, own requisitions).' })
  async withdrawRequisition(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => Int, description: 'The requisition.' }) orderId: number,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'Act only if it is still at this version.' }) expectedVersion?: number,
  ) {
    return asOrder(await this.requisitions.withdraw(ctx, orderId, expectedVersion ?? undefined));
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => CancelOrderResult, { description: 'Cancels an approved or sent order, releasing its commitment (its requester, or a PURCHASER/ADMIN of the organisation).' })
  async cancelOrder(@Ctx() ctx: RequestContext, @Args('input') input: CancelOrderInput) {
    return asOrder(await this.ordersService.cancel(ctx, input));
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => CloseOrderResult, {
    description:
      'Closes an order that will get no more goods (its requester, or a PURCHASER/ADMIN of the organisation): its commitment and agreement draw become the value delivered, and its waiting invoices are matched against what was received.',
  })
  async closeOrder(@Ctx() ctx: RequestContext, @Args('input') input: CloseOrderInput) {
    return asOrder(await this.ordersService.close(ctx, input));
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => RecordPlacedResult, { description: 'Records that an approved order to a supplier not registered in Torg was placed outside Torg; it counts as sent.' })
  async recordOrderPlacedOutside(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => Int, description: 'The order.' }) orderId: number,
    @Args('note', { description: 'How and where it was placed.' }) note: string,
  ) {
    return asOrder(await this.dispatch.recordPlacedOutside(ctx, orderId, note));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Where the order’s EHF/PEPPOL document, as sent to the supplier, can be fetched (GET, application/xml, with the same bearer token): once the order is approved for a supplier in Torg; null for a requisition and for an order placed outside Torg.',
  })
  documentPath(@Parent() order: Order): string | null {
    // The document is queued in the approving transaction, so an approved order to a registered supplier has one.
    return order.number !== null && order.supplierId !== null ? `/orders/${order.id}/document` : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The supplier’s name: the registered organisation’s, or as the requester wrote it for a supplier outside Torg (supplierId null).',
  })
  async supplierName(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<string | null> {
    // purchase_order.supplier_name holds only a supplier outside Torg; a registered one is named by its organisation.
    if (order.supplierName !== null || order.supplierId === null) return order.supplierName;
    return (await this.identity.find(ctx, order.supplierId))?.name ?? null; // batched over the request
  }

  @ResolveField(() => [OrderLine], { description: 'The lines, by line number.' })
  async lines(@Ctx() ctx: RequestContext, @Parent() order: Order) {
    if (order.lines) return order.lines;
    const lines = await requestLoader(ctx, 'orderLines', async (ids: readonly number[]) => {
      const byOrder = await this.ordersService.linesOf(ctx, ids);
      return ids.map((id) => byOrder.get(id) ?? []);
    }).load(order.id);
    return lines.map((l) => toOrderLine(l, order.currency));
  }
}
