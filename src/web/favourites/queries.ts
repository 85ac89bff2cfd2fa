import { graphql } from '../gql';

/**
 * The requester's favourites and templates. The screens read them a page at a time (cursor
 * connections keyed on name and id); the favourite toggles on a page of search hits ask, in one
 * request, which of those items are marked (favouritesOfItems), never the whole list.
 * `additionalTypenames` lets urql refetch an answer that holds no Favourite (an empty list, the
 * per-item marks) when a mutation adds or removes one.
 */
export const FAVOURITE_TYPES = { additionalTypenames: ['Favourite'] };
export const TEMPLATE_TYPES = { additionalTypenames: ['OrderTemplate', 'Cart'] };

/** Which of a page of items (search hits, the item page) the requester has marked: one request for the page. */
export const FavouritesOfItemsQuery = graphql(`
  query FavouritesOfItems($itemIds: [String!]!) {
    favouritesOfItems(itemIds: $itemIds) {
      itemId
      favouriteId
    }
  }
`);

/** A page of favourites for the favourites screen. */
export const FavouritesPageQuery = graphql(`
  query FavouritesPage($first: Int!, $after: String) {
    favouritesConnection(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          name
          sellerItemId
          agreementId
          currentItemId
          currentPrice
          currency
          addedAt
        }
      }
    }
  }
`);

export const AddFavourite = graphql(`
  mutation AddFavourite($itemId: String!) {
    addFavourite(itemId: $itemId) {
      __typename
      ... on Favourite {
        id
        name
      }
      ... on ItemNotOrderable {
        message
      }
    }
  }
`);

export const RemoveFavourite = graphql(`
  mutation RemoveFavourite($favouriteId: Int!) {
    removeFavourite(favouriteId: $favouriteId) {
      id
    }
  }
`);

export const OrderTemplatesQuery = graphql(`
  query OrderTemplates($first: Int!, $after: String) {
    orderTemplatesConnection(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          name
          createdAt
          lines {
            lineNo
            name
            quantity
            sellerItemId
          }
        }
      }
    }
  }
`);

export const SaveCartAsTemplate = graphql(`
  mutation SaveCartAsTemplate($input: SaveOrderTemplateInput!) {
    saveCartAsTemplate(input: $input) {
      id
      name
      lines {
        lineNo
      }
    }
  }
`);

export const AddTemplateToCart = graphql(`
  mutation AddTemplateToCart($input: OrderTemplateIdInput!) {
    addTemplateToCart(input: $input) {
      added
      skipped {
        sellerItemId
        name
        reason
      }
      cart {
        id
        lines {
          id
        }
      }
    }
  }
`);

export const DeleteOrderTemplate = graphql(`
  mutation DeleteOrderTemplate($input: OrderTemplateIdInput!) {
    deleteOrderTemplate(input: $input) {
      id
    }
  }
`);
