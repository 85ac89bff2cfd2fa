import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { VisibilityService } from '../agreements/visibility.service';
import { UnspscNode } from '../classification/classification.types';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { requestLoader } from '../platform/graphql/request-loader';
import { CataloguesService } from './catalogues.service';

/** Item counts on the UNSPSC tree, among the published catalogues the caller may see. */
@Resolver(() => UnspscNode)
export class UnspscItemCountResolver {
  constructor(
    private readonly catalogues: CataloguesService,
    private readonly visibility: VisibilityService,
  ) {}

  @ResolveField(() => Int, { description: 'Items under this node in the published catalogues the caller may see.' })
  itemCount(@Ctx() ctx: RequestContext, @Parent() node: UnspscNode) {
    // One visibility look-up and one count query for all the nodes of a request.
    return requestLoader<string, number>(ctx, 'unspscItemCount', async (codes) => {
      const { agreementIds } = await this.visibility.forCaller(ctx);
      const counts = await this.catalogues.itemCountsUnder(ctx, [...codes], agreementIds);
      return codes.map((c) => counts.get(c) ?? 0);
    }).load(node.code);
  }
}
