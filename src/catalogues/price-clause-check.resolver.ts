import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogueItemChange, CatalogueReview } from './catalogues.types';
import type { PriceClauseCheck } from './price-clause-check';
import { CataloguePriceClauseCheck, PriceIncreaseFlag } from './price-clause-check.types';

/** What CataloguesService.review puts beside the review and each change: the clause measured once, on first demand. */
interface Measured {
  measurePriceClause?: () => Promise<PriceClauseCheck | null>;
}

/** The review's price-clause fields, resolved only when asked for (the measuring reads the catalogue history). */
@Resolver(() => CatalogueReview)
export class CatalogueReviewPriceClauseResolver {
  @ResolveField(() => CataloguePriceClauseCheck, {
    nullable: true,
    description: 'The price increases measured against the agreement’s price-adjustment clause; null without a clause or a version in force.',
  })
  async priceClause(@Parent() review: Measured): Promise<CataloguePriceClauseCheck | null> {
    return (await review.measurePriceClause?.())?.summary ?? null;
  }
}

@Resolver(() => CatalogueItemChange)
export class CatalogueChangePriceClauseResolver {
  @ResolveField(() => PriceIncreaseFlag, { nullable: true, description: 'Set when the price rises beyond the agreement’s price-adjustment clause; null otherwise (and always without a clause).' })
  async beyondPriceClause(@Parent() change: Measured & { sellerItemId: string }): Promise<PriceIncreaseFlag | null> {
    return (await change.measurePriceClause?.())?.bySellerItemId.get(change.sellerItemId) ?? null;
  }
}
