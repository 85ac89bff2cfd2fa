import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { CatalogueVersion } from './catalogues.types';
import { UnspscAcceptanceService } from './unspsc-acceptance.service';
import { AcceptUnspscSuggestionsInput, AcceptUnspscSuggestionsResult, CatalogueLineAwaitingUnspscConnection } from './unspsc-suggestions.types';

@Resolver(() => CatalogueVersion)
export class UnspscSuggestionsResolver {
  constructor(private readonly acceptance: UnspscAcceptanceService) {}

  @ResolveField(() => CatalogueLineAwaitingUnspscConnection, {
    description:
      'Lines of this draft that wait for a UNSPSC code (none, or one outside the agreement scope), in file order, with up to three suggested codes each. The version can be submitted when there are none.',
  })
  unspscAwaiting(@Ctx() ctx: RequestContext, @Parent() version: CatalogueVersion, @Args() page: PageArgs) {
    return this.acceptance.awaiting(ctx, version.id, version.agreementId, page.first, page.after);
  }

  @Allow(Role.SUPPLIER_ADMIN)
  @Mutation(() => AcceptUnspscSuggestionsResult, {
    description: 'The supplier accepts one suggested UNSPSC code per waiting line of a DRAFT version, in one step: the lines become items (all or nothing, audited).',
  })
  acceptUnspscSuggestions(@Ctx() ctx: RequestContext, @Args('input') input: AcceptUnspscSuggestionsInput) {
    return this.acceptance.accept(ctx, input.versionId, input.lines);
  }
}
