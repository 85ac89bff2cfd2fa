import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import {
  AddFavouriteResult,
  Favourite,
  FavouriteConnection,
  ItemFavourite,
  OrderTemplate,
  OrderTemplateConnection,
  OrderTemplateIdInput,
  SaveOrderTemplateInput,
  TemplateAddedToCart,
} from './templates.types';
import { TemplatesService } from './templates.service';

/** Favourites and order templates: REQUESTERs only, each their own. */
@Resolver()
export class TemplatesResolver {
  constructor(private readonly templates: TemplatesService) {}

  @Allow(Role.REQUESTER)
  @Query(() => [Favourite], {
    description:
      'The caller’s favourite items, all at once, each as the catalogue in force holds it now (REQUESTER). Lists page with favouritesConnection; the search marks its hits with favouritesOfItems.',
    deprecationReason: 'The whole list at once: page with favouritesConnection (first/after).',
  })
  favourites(@Ctx() ctx: RequestContext) {
    return this.templates.favourites(ctx);
  }

  @Allow(Role.REQUESTER)
  @Query(() => FavouriteConnection, {
    description:
      'A page of the caller’s favourite items by name (then id), each as the catalogue in force holds it now (REQUESTER). The cursor is the last item’s name and id, not a position: favourites added or removed between pages neither repeat nor skip others.',
  })
  favouritesConnection(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.templates.favouritesPage(ctx, page);
  }

  @Allow(Role.REQUESTER)
  @Query(() => [ItemFavourite], {
    description:
      'Which of these catalogue items (at most 100) the caller has marked as favourites, one answer per marked item and none for the others (REQUESTER). A favourite names an item by agreement and supplier’s item number, so it marks that item in any version of the catalogue.',
  })
  favouritesOfItems(@Ctx() ctx: RequestContext, @Args('itemIds', { type: () => [String], description: 'The catalogue items, e.g. a page of search hits.' }) itemIds: string[]) {
    return this.templates.favouritesOfItems(ctx, itemIds);
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
  @Query(() => [OrderTemplate], {
    description: 'The caller’s order templates, all at once (REQUESTER).',
    deprecationReason: 'The whole list at once: page with orderTemplatesConnection (first/after).',
  })
  orderTemplates(@Ctx() ctx: RequestContext) {
    return this.templates.templates(ctx);
  }

  @Allow(Role.REQUESTER)
  @Query(() => OrderTemplateConnection, {
    description: 'A page of the caller’s order templates by name (then id), with their lines (REQUESTER). The cursor is the last template’s name and id (keyset), not a position.',
  })
  orderTemplatesConnection(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.templates.templatesPage(ctx, page);
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
