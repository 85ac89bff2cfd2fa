import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../identity/access.decorators';
import { Role } from '../../identity/role';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { SearchSynonyms } from './search-synonyms.service';
import { AddSearchSynonymsInput, AddSearchSynonymsResult, SearchSynonymGroup, SearchSynonymGroupConnection, SearchSynonymsArgs } from './search-synonyms.types';

/** Who keeps an organisation's search settings: those who run its agreements, and its ADMIN. */
const SYNONYM_KEEPERS = [Role.PURCHASER, Role.ADMIN];

/** An organisation's own search synonyms, beside the maintained list (PURCHASER or ADMIN). */
@Resolver(() => SearchSynonymGroup)
export class SearchSynonymsResolver {
  constructor(private readonly synonyms: SearchSynonyms) {}

  @Allow(...SYNONYM_KEEPERS)
  @Query(() => SearchSynonymGroupConnection, { description: 'The synonym groups of your organisation or one below it, oldest first (PURCHASER or ADMIN).' })
  searchSynonyms(@Ctx() ctx: RequestContext, @Args() args: SearchSynonymsArgs) {
    return this.synonyms.list(ctx, args.organisationId ?? undefined, args.first, args.after);
  }

  @Allow(...SYNONYM_KEEPERS)
  @Mutation(() => AddSearchSynonymsResult, {
    description: 'Adds a synonym group for your organisation or one below it; searches by their users apply it at once (PURCHASER or ADMIN).',
  })
  addSearchSynonyms(@Ctx() ctx: RequestContext, @Args('input') input: AddSearchSynonymsInput) {
    return this.synonyms.add(ctx, input);
  }

  @Allow(...SYNONYM_KEEPERS)
  @Mutation(() => SearchSynonymGroup, { description: 'Removes a synonym group of your organisation or one below it; the group as it was (PURCHASER or ADMIN).' })
  removeSearchSynonyms(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int, description: 'The group.' }) id: number) {
    return this.synonyms.remove(ctx, id);
  }
}
