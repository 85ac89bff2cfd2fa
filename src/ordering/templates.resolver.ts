import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { AddFavouriteResult, Favourite, OrderTemplate, OrderTemplateIdInput, SaveOrderTemplateInput, TemplateAddedToCart } from './templates.types';
import { TemplatesService } from './templates.service';

/** Favourites and order templates: REQUESTERs only, each their own. */
@Resolver()
export class TemplatesResolver {
  constructor(private readonly templates: TemplatesService) {}

  @Allow(Role.REQUESTER)
  @Query(() => [Favourite], { description: 'The caller’s favourite items, each as the catalogue in force holds it now (REQUESTER).' })
  favourites(@Ctx() ctx: RequestContext) {
    return this.templates.favourites(ctx);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => AddFavouriteResult, { description: 'Marks an item the caller may order as a favourite (REQUESTER).' })
  addFavourite(@Ctx() ctx: RequestContext, @Args('itemId', { description: 'The catalogue item.' }) itemId: string) {
    return this.templates.addFavourite(ctx, itemId);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => [Favourite], { description: 'Removes one of the caller’s favourites; the favourites left (REQUESTER).' })
  removeFavourite(@Ctx() ctx: RequestContext, @Args('favouriteId', { type: () => Int, description: 'The favourite.' }) favouriteId: number) {
    return this.templates.removeFavourite(ctx, favouriteId);
  }

  @Allow(Role.REQUESTER)
  @Query(() => [OrderTemplate], { description: 'The caller’s order templates (REQUESTER).' })
  orderTemplates(@Ctx() ctx: RequestContext) {
    return this.templates.templates(ctx);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => OrderTemplate, { description: 'Saves the catalogue items and quantities of the caller’s cart as a template (free-text lines are left out) (REQUESTER).' })
  saveCartAsTemplate(@Ctx() ctx: RequestContext, @Args('input') input: SaveOrderTemplateInput) {
    return this.templates.saveCartAsTemplate(ctx, input.name);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => TemplateAddedToCart, {
    description: 'Adds every line of a template to the cart in one step, each item on the terms in force now; lines no longer orderable are listed, not added (REQUESTER).',
  })
  addTemplateToCart(@Ctx() ctx: RequestContext, @Args('input') input: OrderTemplateIdInput) {
    return this.templates.addToCart(ctx, input.templateId);
  }

  @Allow(Role.REQUESTER)
  @Mutation(() => [OrderTemplate], { description: 'Deletes one of the caller’s templates; the templates left (REQUESTER).' })
  deleteOrderTemplate(@Ctx() ctx: RequestContext, @Args('input') input: OrderTemplateIdInput) {
    return this.templates.deleteTemplate(ctx, input.templateId);
  }
}
