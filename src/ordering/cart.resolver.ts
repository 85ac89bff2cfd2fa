import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { AddFreeTextResult, AddFreeTextToCartInput, AddItemResult, AddItemToCartInput, AgreementAlternative, Cart, CartLine, CartLineAdded, UpdateCartLineQuantityInput } from './cart.types';
import { CartService } from './cart.service';

/** Cart operations: REQUESTERs only, each on their own open cart in the organisation they signed in to. */
@Resolver(() => Cart)
export class CartResolver {
  constructor(private readonly carts: CartService) {}

  @Allow(Role.REQUESTER)
  @Query(() => Cart, { description: 'The caller’s open cart: lines with their snapshot, each re-checked now, grouped per supplier, with totals (REQUESTER).' })
  cart(@Ctx() ctx: RequestContext) {
    return this.carts.cart(ctx);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => AddItemResult, { description: 'Adds a catalogue item found by search, with its terms as published now, if the caller’s organisation may buy it today (REQUESTER).' })
  addItemToCart(@Ctx() ctx: RequestContext, @Args('input') input: AddItemToCartInput) {
    return this.carts.addItem(ctx, input);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => AddFreeTextResult, {
    description:
      'Adds a need no catalogue covers. In a mandatory agreement’s category it is refused without a justification; with one, or in a voluntary agreement’s category, it is flagged off-agreement and agreement items are offered (REQUESTER).',
  })
  addFreeTextToCart(@Ctx() ctx: RequestContext, @Args('input') input: AddFreeTextToCartInput) {
    return this.carts.addFreeText(ctx, input);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => AddItemResult, { description: 'Replaces a line with a catalogue item in one step (same line number and quantity, the item’s terms as published now) (REQUESTER).' })
  replaceCartLineWithItem(
    @Ctx() ctx: RequestContext,
    @Args('lineId', { type: () => Int, description: 'The line.' }) lineId: number,
    @Args('itemId', { description: 'The catalogue item.' }) itemId: string,
  ) {
    return this.carts.replaceWithItem(ctx, lineId, itemId);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => Cart, { description: 'Sets a line’s quantity (REQUESTER).' })
  updateCartLineQuantity(@Ctx() ctx: RequestContext, @Args('input') input: UpdateCartLineQuantityInput) {
    return this.carts.updateQuantity(ctx, input.lineId, input.quantity);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => Cart, { description: 'Removes a line (REQUESTER).' })
  removeCartLine(@Ctx() ctx: RequestContext, @Args('lineId', { type: () => Int, description: 'The line.' }) lineId: number) {
    return this.carts.removeLine(ctx, lineId);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => Cart, { description: 'Removes every line of the caller’s open cart (REQUESTER).' })
  clearCart(@Ctx() ctx: RequestContext) {
    return this.carts.clear(ctx);
  }
}

@Resolver(() => CartLine)
export class CartLineResolver {
  constructor(private readonly carts: CartService) {}

  @ResolveField(() => [AgreementAlternative], {
    description: 'Off-agreement lines: agreement items in the same commodity (else class, else family) the buyer may order now, cheapest first (at most 5).',
  })
  alternatives(@Ctx() ctx: RequestContext, @Parent() line: CartLine) {
    return this.carts.alternatives(ctx, line);
  }
}

/** The line and cart of an add's answer, each built only when asked for (see CartService.added). */
@Resolver(() => CartLineAdded)
export class CartLineAddedResolver {
  @ResolveField(() => CartLine, { description: 'The line as stored.' })
  line(@Parent() added: CartLineAdded) {
    return added.lineView();
  }

  @ResolveField(() => Cart, { description: 'The cart after the change.' })
  cart(@Parent() added: CartLineAdded) {
    return added.cartView();
  }
}
