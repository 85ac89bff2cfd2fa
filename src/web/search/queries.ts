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
      # The UNSPSC facet is a tree of its own (unspscChildren): the segment, family and class counts
      # are not asked for, which spares the service their labels and the answer their size.
      facets {
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
      }
    }
  }
`);
