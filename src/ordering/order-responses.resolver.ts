import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';
import { requestLoader } from '../platform/graphql/request-loader';
import { isErrorResult } from '../platform/results/error-result';
import { toOrder } from './order-view';
import { toOrderResponse } from './order-response-view';
import { AcceptOrderChangesResult, OrderResponse, RejectOrderChangesResult, RespondToOrderInput, RespondToOrderResult } from './order-response.types';
import { Order } from './order.types';
import { OrderResponsesService } from './order-responses.service';
import type { PurchaseOrderEntity } from './purchase-order.entity';

const asOrder = <R>(result: PurchaseOrderEntity | R): Order | R => (isErrorResult(result) ? result : toOrder(result as PurchaseOrderEntity));

/** The supplier's answers to orders, the buyer's decision on changes, and Order.responses. */
@Resolver(() => Order)
export class OrderResponsesResolver {
  constructor(private readonly service: OrderResponsesService) {}

  @Allow(Role.SUPPLIER_ADMIN)
  @Mutation(() => RespondToOrderResult, {
    description:
      'The supplier answers an order sent to it, as a PEPPOL Order Response would: ACCEPTED (AP), REJECTED (RE), ACKNOWLEDGED (AB) without lines, or CONDITIONALLY_ACCEPTED (CA) with the lines it changes or does not accept; the buyer then accepts or rejects the changes (SUPPLIER_ADMIN of the order’s supplier; others NOT_FOUND).',
  })
  async respondToOrder(@Ctx() ctx: RequestContext, @Args('input') input: RespondToOrderInput) {
    const result = await this.service.respond(ctx, input);
    if (isErrorResult(result)) return result;
    const lineNoOf = new Map((await this.service.orderLineNumbers(ctx, result.order.id)).map((l) => [l.id, l.lineNo]));
    return { order: toOrder(result.order), response: toOrderResponse(result.response, lineNoOf) };
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => AcceptOrderChangesResult, {
    description:
      'The buyer accepts the supplier’s changes (its latest CONDITIONALLY_ACCEPTED answer): quantities and prices are applied, lines not accepted taken out, substitutes recorded, the totals and the commitment follow, and the order is ACCEPTED (its requester, or a PURCHASER/ADMIN of the organisation).',
  })
  async acceptOrderChanges(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => Int, description: 'The order (CHANGED).' }) orderId: number,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'Act only if it is still at this version.' }) expectedVersion?: number,
  ) {
    return asOrder(await this.service.acceptChanges(ctx, orderId, expectedVersion ?? undefined));
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => RejectOrderChangesResult, {
    description:
      'The buyer rejects the supplier’s changes: the order is CANCELLED, its commitment released, and the supplier’s SUPPLIER_ADMINs told by e-mail (its requester, or a PURCHASER/ADMIN of the organisation).',
  })
  async rejectOrderChanges(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => Int, description: 'The order (CHANGED).' }) orderId: number,
    @Args('reason', { description: 'Why, for the supplier and the audit log (3 to 1000 characters).' }) reason: string,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'Act only if it is still at this version.' }) expectedVersion?: number,
  ) {
    const text = reason.trim();
    if (text.length < 3 || text.length > 1000) throw badInput('reason must be 3 to 1000 characters', { field: 'reason' });
    return asOrder(await this.service.rejectChanges(ctx, orderId, text, expectedVersion ?? undefined));
  }

  @ResolveField(() => [OrderResponse], { description: 'The supplier’s answers to the order, oldest first (never rewritten).' })
  async responses(@Ctx() ctx: RequestContext, @Parent() order: Order) {
    return requestLoader(ctx, 'orderResponses', (ids: readonly number[]) => this.service.responsesOf(ctx, ids)).load(order.id);
  }
}
