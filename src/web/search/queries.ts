import { graphql } from '../gql';

export const SearchHitFields = graphql(`
  fragment SearchHitFields on ProductHit {
    itemId
    agreementId
    supplierId
    sellerItemId
    name
    highlightedName
    description
    price
    currency
    unitCode
    vatRate
    unspscCode
    gtin
    manufacturer
    mandatory
    attributes
  }
`);

export const SearchProducts = graphql(`
  query SearchProducts($input: ProductSearchInput!) {
    searchProducts(input: $input) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...SearchHitFields
        }
      }
      # The UNSPSC tree takes its titles and shape from unspscChildren (asked once per opened level)
      # and its counts from here, so they follow the text and the other filters; the labels name
      # a ticked category in the list of active filters.
      facets {
        segment {
          value
          label
          count
        }
        family {
          value
          label
          count
        }
        class {
          value
          label
          count
        }
        supplier {
          value
          label
          count
        }
        attributes {
          name
          values {
            value
            label
            count
          }
        }
        # How long a list may be before it may have been cut (the tree cannot count a code missing from a cut list).
        valuesCap
      }
    }
  }
`);
