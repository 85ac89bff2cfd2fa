import { graphql } from '../gql';

/**
 * The price clause's terms as every screen reads them (`...PriceClauseFields`): the terms
 * priceClauseText() turns into a sentence and the agreement page's form edits. One fragment, so
 * the review page's sentence and the agreement page never ask for different fields. Fragment
 * masking is off (codegen.yml): the fields are read straight from the query's type.
 */
export const PriceClauseFields = graphql(`
  fragment PriceClauseFields on PriceClause {
    kind
    maxIncreasePercent
    periodMonths
    reference
    indexName
    indexSharePercent
    baseIndexValue
    baseIndexDate
  }
`);
