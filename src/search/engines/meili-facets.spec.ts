import { activeFacetGroups } from '../facet-groups';
import { disjunctiveFacetSearch, disjunctiveFederatedFacetSearches, mainFacets, MEILI_FACETS, meiliFilter, mergeDisjunctiveFacets } from './meili-facets';
import { meiliFilters } from './meilisearch.engine';

const DAY = '2026-12-02';
const VALID = '(validFrom NOT EXISTS OR validFrom <= 20261202) AND (validTo NOT EXISTS OR validTo >= 20261202)';

describe('Meilisearch disjunctive facets: the queries', () => {
  const filters = meiliFilters(
    {
      offset: 0,
      limit: 20,
      today: DAY,
      priceMax: '100',
      unspsc: ['43000000'],
      supplierIds: [7, 9],
      attributes: [
        { name: 'Ecolabel', values: ['Svanemerket', 'FSC'] },
        { name: 'farge', values: ['blå'] },
      ],
    },
    [3, 4],
  );
  const text = { q: 'svart', matchingStrategy: 'last' as const, rankingScoreThreshold: 0.3 };

  it('keeps visibility, validity and price in every query, and each group as a clause of its own', () => {
    expect(filters.always).toEqual(['versionId IN [3, 4]', VALID, 'price <= 100']);
    expect(filters.groups.map((g) => g.clause)).toEqual([
      '(segmentCode = "43000000")',
      'supplierId IN [7, 9]',
      'attrFacets IN ["ecolabel=svanemerket", "ecolabel=fsc"]',
      'attrFacets IN ["farge=blå"]',
    ]);
    expect(meiliFilter(filters)).toBe(
      `versionId IN [3, 4] AND ${VALID} AND price <= 100 AND (segmentCode = "43000000") AND supplierId IN [7, 9] AND attrFacets IN ["ecolabel=svanemerket", "ecolabel=fsc"] AND attrFacets IN ["farge=blå"]`,
    );
  });

  it('sends one query per active group, without that group’s filter, asking for its facets only and as many hits as the main query (ids only)', () => {
    const { queries } = disjunctiveFacetSearch('items', text, filters, 20);
    expect(queries).toHaveLength(4);
    const base = `versionId IN [3, 4] AND ${VALID} AND price <= 100`;
    expect(queries[0]).toEqual({
      indexUid: 'items',
      ...text,
      attributesToRetrieve: ['id'],
      limit: 20,
      facets: ['segmentCode', 'familyCode', 'classCode'],
      filter: `${base} AND supplierId IN [7, 9] AND attrFacets IN ["ecolabel=svanemerket", "ecolabel=fsc"] AND attrFacets IN ["farge=blå"]`,
    });
    expect(queries[1]).toMatchObject({
      facets: ['supplierId'],
      filter: `${base} AND (segmentCode = "43000000") AND attrFacets IN ["ecolabel=svanemerket", "ecolabel=fsc"] AND attrFacets IN ["farge=blå"]`,
    });
    expect(queries[2]).toMatchObject({ facets: ['attrFacets'], filter: `${base} AND (segmentCode = "43000000") AND supplierId IN [7, 9] AND attrFacets IN ["farge=blå"]` });
    expect(queries[3]).toMatchObject({ facets: ['attrFacets'], filter: `${base} AND (segmentCode = "43000000") AND supplierId IN [7, 9] AND attrFacets IN ["ecolabel=svanemerket", "ecolabel=fsc"]` });
    // The main query counts only what no group query counts (the attributes are one field, shared).
    expect(mainFacets(filters)).toEqual(['attrFacets']);
  });

  it('with an organisation’s synonyms, one federated search per group over every text, facets merged', () => {
    const searches = disjunctiveFederatedFacetSearches('items', [text, { ...text, q: 'sort' }], filters, 20);
    expect(searches).toHaveLength(4);
    expect(searches[1].federation).toEqual({ offset: 0, limit: 20, facetsByIndex: { items: ['supplierId'] }, mergeFacets: {} });
    expect(searches[1].queries.map((q) => q.q)).toEqual(['svart', 'sort']);
    expect(searches[1].queries.every((q) => !String(q.filter).includes('supplierId'))).toBe(true);
  });

  it('sends nothing more when no filter with a facet is set', () => {
    const none = meiliFilters({ offset: 0, limit: 20, today: DAY, priceMin: '5' }, [3]);
    expect(disjunctiveFacetSearch('items', text, none, 20).queries).toEqual([]);
    expect(mainFacets(none)).toEqual([...MEILI_FACETS]);
    expect(mergeDisjunctiveFacets({ supplierId: { '7': 2 } }, none, [])).toEqual({ supplierId: { '7': 2 } });
  });

  it('groups two filters on one attribute (any case) into one group', () => {
    const groups = activeFacetGroups({
      attributes: [
        { name: 'Farge', values: ['blå'] },
        { name: 'farge', values: ['rød'] },
        { name: 'format', values: ['A4'] },
      ],
    });
    expect(groups.map((g) => (g.kind === 'attribute' ? [g.name, g.filters.length] : g.kind))).toEqual([
      ['farge', 2],
      ['format', 1],
    ]);
  });
});

describe('Meilisearch disjunctive facets: merging the answers', () => {
  const filters = meiliFilters({ offset: 0, limit: 20, today: DAY, supplierIds: [7], unspsc: ['43211700'], attributes: [{ name: 'ecolabel', values: ['FSC'] }] }, [3]);

  it('takes each group’s facet from its own query and the rest from the main query', () => {
    const main = {
      attrFacets: { 'ecolabel=fsc': 4, 'farge=blå': 3, 'farge=rød': 1 },
    };
    const unspsc = { segmentCode: { '43000000': 9, '44000000': 5 }, familyCode: { '43210000': 9 }, classCode: { '43211700': 4, '43211600': 5 } };
    const supplier = { supplierId: { '7': 4, '8': 6 } };
    const ecolabel = { attrFacets: { 'ecolabel=fsc': 4, 'ecolabel=svanemerket': 11, 'farge=blå': 7 } };
    expect(mergeDisjunctiveFacets(main, filters, [unspsc, supplier, ecolabel])).toEqual({
      ...unspsc,
      ...supplier,
      // the label's values from its own query; the colours (counted under the label filter) from the main one
      attrFacets: { 'farge=blå': 3, 'farge=rød': 1, 'ecolabel=fsc': 4, 'ecolabel=svanemerket': 11 },
    });
  });

  it('gives a group whose query found nothing no values (not the main query’s)', () => {
    const main = { segmentCode: { '43000000': 1 }, attrFacets: { 'ecolabel=fsc': 1 } };
    expect(mergeDisjunctiveFacets(main, filters, [undefined, {}, {}])).toEqual({ segmentCode: {}, familyCode: {}, classCode: {}, supplierId: {}, attrFacets: {} });
  });
});
