import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import Decimal from 'decimal.js';
import { VisibilityService } from '../agreements/visibility.service';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { RequestContext } from '../platform/context/request-context';
import { TtlCache } from '../platform/cache/ttl-cache';
import { badInput } from '../platform/errors/domain-error';
import { decodeOffset, encodeOffset } from '../platform/graphql/connection';
import { searchDuration } from '../platform/health/metrics';
import { osloToday } from '../platform/time/oslo-date';
import { FacetValue, ProductSearch, SearchFacets } from './product-search';
import { ProductSearchInput, ProductSearchResult } from './search.types';
import { SearchSynonyms } from './synonyms/search-synonyms.service';

/** Product search for a caller: visibility first, then the engine, then readable facet labels. */
@Injectable()
export class SearchService {
  private readonly labels = new TtlCache<string | null>(60_000);

  constructor(
    private readonly engine: ProductSearch,
    private readonly visibility: VisibilityService,
    private readonly classification: ClassificationService,
    private readonly identity: IdentityService,
    private readonly synonyms: SearchSynonyms,
  ) {}

  async search(ctx: RequestContext, input: ProductSearchInput, wantFacets = true): Promise<ProductSearchResult> {
    if (input.priceMin && input.priceMax && new Decimal(input.priceMin).gt(input.priceMax)) throw badInput('priceMin is above priceMax', { field: 'priceMin' });
    const scope = await this.visibility.forCaller(ctx);
    const synonyms = input.text?.trim() ? await this.synonyms.forSearcher(ctx) : null;
    const offset = decodeOffset(input.after);
    const stop = searchDuration.startTimer({ engine: this.engine.engine });
    const query = { ...input, offset, limit: input.first, facets: wantFacets, today: osloToday() };
    let result = await this.engine.search({ ...query, synonyms: synonyms?.groups ?? [] }, scope);
    // The groups were remembered from before a change the engine has now seen (made through this
    // or another replica): read again, and search again if this searcher's groups are not the same.
    if (synonyms && result.synonymsGeneration !== undefined && this.synonyms.seen(result.synonymsGeneration, synonyms)) {
      const now = await this.synonyms.forSearcher(ctx);
      if (!isDeepStrictEqual(now.groups, synonyms.groups)) result = await this.engine.search({ ...query, synonyms: now.groups }, scope);
    }
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
      relaxed: result.relaxed,
      droppedWords: result.droppedWords,
    };
  }

  /** Titles for UNSPSC facet values and names for supplier ids, remembered for a minute (display only). */
  private async label(ctx: RequestContext, facets: SearchFacets) {
    const keys = [...[...facets.segment, ...facets.family, ...facets.class].map((f) => `unspsc:${f.value}`), ...facets.supplier.map((f) => `org:${f.value}`)];
    // Read each key from the cache once, so an entry expiring meanwhile cannot blank a label.
    const labels = new Map(keys.map((k) => [k, this.labels.get(k)]));
    const missing = keys.filter((k) => labels.get(k) === undefined);
    if (missing.length) {
      const codes = missing.filter((k) => k.startsWith('unspsc:')).map((k) => k.slice(7));
      const orgIds = missing.filter((k) => k.startsWith('org:')).map((k) => Number(k.slice(4)));
      const [nodes, orgs] = await Promise.all([this.classification.nodes(ctx, codes), Promise.all(orgIds.map((id) => this.identity.organisation(ctx, id)))]);
      const found = new Map([...nodes.map((n): [string, string] => [`unspsc:${n.code}`, n.title]), ...orgs.map((o): [string, string] => [`org:${o.id}`, o.name])]);
      for (const k of missing) {
        labels.set(k, found.get(k) ?? null);
        this.labels.set(k, found.get(k) ?? null);
      }
    }
    const withLabels = (kind: 'unspsc' | 'org', values: FacetValue[]) => values.map((v) => ({ ...v, label: labels.get(`${kind}:${v.value}`) ?? null }));
    return {
      segment: withLabels('unspsc', facets.segment),
      family: withLabels('unspsc', facets.family),
      class: withLabels('unspsc', facets.class),
      supplier: withLabels('org', facets.supplier),
      attributes: facets.attributes,
      valuesCap: this.engine.facetValuesCap,
    };
  }
}
