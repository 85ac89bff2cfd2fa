import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { VisibilityService } from '../agreements/visibility.service';
import { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';
import { decodeOffset, encodeOffset } from '../platform/graphql/connection';
import { searchDuration } from '../platform/health/metrics';
import { FacetValue, ProductSearch, SearchFacets } from './product-search';
import { ProductSearchInput, ProductSearchResult } from './search.types';

/** Product search for a caller: visibility first, then the engine, then readable facet labels. */
@Injectable()
export class SearchService {
  constructor(
    private readonly engine: ProductSearch,
    private readonly visibility: VisibilityService,
  ) {}

  async search(ctx: RequestContext, input: ProductSearchInput, wantFacets = true): Promise<ProductSearchResult> {
    if (input.priceMin && input.priceMax && new Decimal(input.priceMin).gt(input.priceMax)) throw badInput('priceMin is above priceMax', { field: 'priceMin' });
    const scope = await this.visibility.forCaller(ctx);
    const offset = decodeOffset(input.after);
    const stop = searchDuration.startTimer({ engine: this.engine.engine });
    const result = await this.engine.search({ ...input, offset, limit: input.first, facets: wantFacets }, scope);
    stop();
    const facets = await this.label(ctx, result.facets);
    return {
      edges: result.hits.map((node, i) => ({ node, cursor: encodeOffset(offset + i) })),
      pageInfo: {
        hasNextPage: offset + result.hits.length < result.totalHits,
        endCursor: result.hits.length ? encodeOffset(offset + result.hits.length - 1) : null,
      },
      totalCount: result.totalHits,
      totalCountCapped: result.totalHitsCapped,
      facets,
      engine: this.engine.engine,
    };
  }

  private async label(ctx: RequestContext, facets: SearchFacets) {
    const codes = [...facets.segment, ...facets.family, ...facets.class].map((f) => f.value);
    const supplierIds = facets.supplier.map((f) => Number(f.value));
    const rows: { key: string; title: string }[] =
      codes.length || supplierIds.length
        ? await ctx.manager.query(
            `SELECT 'unspsc:' || code AS key, title FROM unspsc_node WHERE code = ANY($1::char(8)[])
             UNION ALL SELECT 'org:' || id, name FROM organisation WHERE id = ANY($2::int[])`,
            [codes, supplierIds],
          )
        : [];
    const labels = new Map<string, string>(rows.map((r) => [r.key, r.title]));
    const withLabels = (kind: 'unspsc' | 'org', values: FacetValue[]) => values.map((v) => ({ ...v, label: labels.get(`${kind}:${v.value}`) ?? null }));
    return {
      segment: withLabels('unspsc', facets.segment),
      family: withLabels('unspsc', facets.family),
      class: withLabels('unspsc', facets.class),
      supplier: withLabels('org', facets.supplier),
      attributes: facets.attributes,
    };
  }
}
