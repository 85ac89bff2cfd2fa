import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import { Kind } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
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
  searchProducts(@Ctx() ctx: RequestContext, @Args('input', { defaultValue: {} }) input: ProductSearchInput, @Info() info: GraphQLResolveInfo) {
    return this.search.search(ctx, input, selectsField(info, 'facets'));
  }
}

/** Whether the query selects `name` on this field (fragments count as yes): facets are only counted when asked for. */
function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => (node.selectionSet?.selections ?? []).some((sel) => sel.kind !== Kind.FIELD || sel.name.value === name));
}
