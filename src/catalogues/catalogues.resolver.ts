import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { CataloguesService } from './catalogues.service';
import { PublishCatalogueArgs } from './price-clause-check.types';
import {
  CatalogueExcludedLineConnection,
  CatalogueItemConnection,
  CatalogueReview,
  CatalogueUploadWarningConnection,
  CatalogueVersion,
  CatalogueVersionConnection,
  CatalogueVersionResult,
  RejectCatalogueInput,
} from './catalogues.types';

@Resolver(() => CatalogueVersion)
export class CataloguesResolver {
  constructor(private readonly catalogues: CataloguesService) {}

  @Authenticated()
  @Query(() => CatalogueVersion, { description: 'One catalogue version (its supplier and purchasing unit only).' })
  catalogueVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.catalogues.version(ctx, id);
  }

  @Authenticated()
  @Query(() => CatalogueVersionConnection, { description: 'Versions of an agreement’s catalogue, newest first.' })
  catalogueVersions(@Ctx() ctx: RequestContext, @Args('agreementId', { type: () => Int }) agreementId: number, @Args() page: PageArgs) {
    return this.catalogues.versions(ctx, agreementId, page.first, page.after);
  }

  @Allow(Role.PURCHASER, Role.SUPPLIER_ADMIN)
  @Query(() => CatalogueReview, { description: 'What publishing the version would change against the version in force: added, removed, changed items and price changes in percent.' })
  catalogueReview(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => Int }) versionId: number, @Args() page: PageArgs) {
    return this.catalogues.review(ctx, versionId, page.first, page.after);
  }

  @Allow(Role.SUPPLIER_ADMIN)
  @Mutation(() => CatalogueVersionResult, { description: 'The supplier sends a DRAFT version to the purchasing unit for review.' })
  submitCatalogueVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => Int }) versionId: number) {
    return this.catalogues.submit(ctx, versionId);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => CatalogueVersionResult, { description: 'The purchasing unit publishes a SUBMITTED version; the version in force is superseded in the same step.' })
  publishCatalogueVersion(@Ctx() ctx: RequestContext, @Args() { versionId, priceClauseOverride }: PublishCatalogueArgs) {
    return this.catalogues.publish(ctx, versionId, priceClauseOverride ?? undefined);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => CatalogueVersionResult, { description: 'The purchasing unit rejects a SUBMITTED version, with a reason for the supplier.' })
  rejectCatalogueVersion(@Ctx() ctx: RequestContext, @Args('input') input: RejectCatalogueInput) {
    return this.catalogues.reject(ctx, input.versionId, input.reason);
  }

  @ResolveField(() => CatalogueExcludedLineConnection, { description: 'The lines of the file left out of this version (an EXCLUDE upload), with their problems, in file order.' })
  async excludedLines(@Ctx() ctx: RequestContext, @Parent() version: CatalogueVersion, @Args() page: PageArgs) {
    const notes = await this.catalogues.notes(ctx, version.id, 'EXCLUDED', page.first, page.after);
    return { ...notes, edges: notes.edges.map((e) => ({ ...e, node: { ...e.node, reason: e.node.message } })) };
  }

  @ResolveField(() => CatalogueUploadWarningConnection, { description: 'The warnings the upload gave, in file order.' })
  warnings(@Ctx() ctx: RequestContext, @Parent() version: CatalogueVersion, @Args() page: PageArgs) {
    return this.catalogues.notes(ctx, version.id, 'WARNING', page.first, page.after);
  }

  @ResolveField(() => CatalogueItemConnection, { description: 'The items of this version, in file order.' })
  items(@Ctx() ctx: RequestContext, @Parent() version: CatalogueVersion, @Args() page: PageArgs) {
    return this.catalogues.items(ctx, version.id, page.first, page.after);
  }
}
