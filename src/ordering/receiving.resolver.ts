import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { requestLoader } from '../platform/graphql/request-loader';
import { isErrorResult } from '../platform/results/error-result';
import { DespatchAdvicesService } from './despatch-advices.service';
import { GoodsReceiptsService } from './goods-receipts.service';
import { toOrder } from './order-view';
import { Order, OrderLine } from './order.types';
import { toDespatchAdvice, toGoodsReceipt } from './receiving-view';
import { ReceiveGoodsResult, RegisterDespatchResult } from './receiving.results';
import { DespatchAdvice, DespatchRegistered, GoodsReceipt, GoodsReceived, ReceiveGoodsInput, RegisterDespatchInput } from './receiving.types';

/** Despatch advices (the supplier) and goods receipts (the buyer) of an order, and what they add to Order. */
@Resolver(() => Order)
export class ReceivingResolver {
  constructor(
    private readonly despatches: DespatchAdvicesService,
    private readonly receipts: GoodsReceiptsService,
  ) {}

  @Allow(Role.SUPPLIER_ADMIN)
  @Mutation(() => RegisterDespatchResult, {
    description:
      'The supplier tells the buyer goods of an order are on their way (a despatch advice, as the PEPPOL document on POST /documents does): recorded for the receiver, the order’s state does not change. While the order is SENT, ACCEPTED or PARTIALLY_RECEIVED (SUPPLIER_ADMIN of the order’s supplier; others NOT_FOUND).',
  })
  async registerDespatch(@Ctx() ctx: RequestContext, @Args('input') input: RegisterDespatchInput) {
    const result = await this.despatches.register(ctx, input);
    if (isErrorResult(result)) return result;
    return Object.assign(new DespatchRegistered(), { order: toOrder(result.order), despatchAdvice: toDespatchAdvice(result.advice) });
  }

  @Allow(Role.REQUESTER, Role.PURCHASER, Role.ADMIN)
  @Mutation(() => ReceiveGoodsResult, {
    description:
      'Records goods of an order received (positive quantities) or returned (negative, with a reason), line by line; the order becomes PARTIALLY_RECEIVED, or RECEIVED once every line due has its quantity. More than ordered needs confirmOverReceipt. From SENT, ACCEPTED, PARTIALLY_RECEIVED or RECEIVED (the order’s requester, or a PURCHASER/ADMIN of the buyer organisation; others NOT_FOUND).',
  })
  async receiveGoods(@Ctx() ctx: RequestContext, @Args('input') input: ReceiveGoodsInput) {
    const result = await this.receipts.receive(ctx, input);
    if (isErrorResult(result)) return result;
    return Object.assign(new GoodsReceived(), { order: toOrder(result.order), receipt: toGoodsReceipt(result.receipt) });
  }

  @ResolveField(() => [DespatchAdvice], { description: 'The supplier’s despatch advices, oldest first.' })
  async despatchAdvices(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<DespatchAdvice[]> {
    const advices = await requestLoader(ctx, 'orderDespatchAdvices', async (ids: readonly number[]) => {
      const byOrder = await this.despatches.ofOrders(ctx, ids);
      return ids.map((id) => byOrder.get(id) ?? []);
    }).load(order.id);
    return advices.map(toDespatchAdvice);
  }

  @ResolveField(() => [GoodsReceipt], { description: 'The goods receipts (and returns), oldest first.' })
  async goodsReceipts(@Ctx() ctx: RequestContext, @Parent() order: Order): Promise<GoodsReceipt[]> {
    const receipts = await requestLoader(ctx, 'orderGoodsReceipts', async (ids: readonly number[]) => {
      const byOrder = await this.receipts.ofOrders(ctx, ids);
      return ids.map((id) => byOrder.get(id) ?? []);
    }).load(order.id);
    return receipts.map(toGoodsReceipt);
  }
}

/** What an order line has received so far. */
@Resolver(() => OrderLine)
export class OrderLineReceivingResolver {
  constructor(private readonly receipts: GoodsReceiptsService) {}

  @ResolveField(() => Decimal, { description: 'Quantity received so far, net of returns, in the line’s unit.' })
  receivedQuantity(@Ctx() ctx: RequestContext, @Parent() line: OrderLine): Promise<string> {
    return requestLoader(ctx, 'orderLineReceived', (ids: readonly number[]) => this.receipts.receivedOfLines(ctx, ids)).load(line.id);
  }
}
