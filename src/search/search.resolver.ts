import { Args, Query, Resolver } from '@nestjs/graphql';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { SearchService } from './search.service';
import { ProductSearchInput, ProductSearchResult } from './search.types';

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Authenticated()
  @Query(() => ProductSearchResult, { description: 'Searches the items the caller’s organisation may buy (suppliers: their own catalogues).' })
  searchProducts(@Ctx() ctx: RequestContext, @Args('input', { defaultValue: {} }) input: ProductSearchInput) {
    return this.search.search(ctx, input);
  }
}
