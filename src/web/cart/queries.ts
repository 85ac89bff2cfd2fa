import { graphql } from '../gql';

export const CartFields = graphql(`
  fragment CartFields on Cart {
    id
    allOrderable
    updatedAt
    totals {
      currency
      lineExtensionAmount
      vatAmount
      taxInclusiveAmount
      vatBreakdown {
        rate
        taxableAmount
        vatAmount
      }
    }
    supplierGroups {
      key
      supplierName
      lines {
        id
        lineNo
        kind
        name
        quantity
        unitCode
        unitPrice
        currency
        lineAmount
        loyalty
        justificationCode
        justificationText
        supplierName
        check {
          status
          reason
          currentPrice
        }
        alternatives {
          itemId
          name
          price
          currency
          unitCode
          savingForLine
          supplierId
        }
      }
    }
  }
`);

export const CartQuery = graphql(`
  query Cart {
    cart {
      ...CartFields
    }
  }
`);

export const UpdateQuantity = graphql(`
  mutation UpdateCartLineQuantity($input: UpdateCartLineQuantityInput!) {
    updateCartLineQuantity(input: $input) {
      ...CartFields
    }
  }
`);

export const RemoveLine = graphql(`
  mutation RemoveCartLine($lineId: Int!) {
    removeCartLine(lineId: $lineId) {
      ...CartFields
    }
  }
`);

export const ReplaceLine = graphql(`
  mutation ReplaceCartLineWithItem($lineId: Int!, $itemId: String!) {
    replaceCartLineWithItem(lineId: $lineId, itemId: $itemId) {
      __typename
      ... on CartLineAdded {
        cart {
          ...CartFields
        }
      }
      ... on ItemNotOrderable {
        message
      }
    }
  }
`);

export const AddFreeText = graphql(`
  mutation AddFreeTextToCart($input: AddFreeTextToCartInput!) {
    addFreeTextToCart(input: $input) {
      __typename
      ... on CartLineAdded {
        line {
          id
          name
        }
        cart {
          ...CartFields
        }
      }
      ... on MandatoryAgreementRefusal {
        message
        agreements {
          id
          reference
          title
        }
        alternatives {
          itemId
          name
          price
          currency
          unitCode
          supplierId
        }
      }
    }
  }
`);
