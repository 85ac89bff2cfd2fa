import { graphql } from '../gql';

/**
 * The requester's favourites and templates. The screens read them a page at a time (cursor
 * connections keyed on name and id); the favourite toggle on search hits reads the whole list
 * once, shared by every card, to know which items are marked. `additionalTypenames` lets urql refetch a list that was empty (it holds no typename of
 * its own to invalidate) when a mutation adds to it.
 */
export const FAVOURITE_TYPES = { additionalTypenames: ['Favourite'] };
export const TEMPLATE_TYPES = { additionalTypenames: ['OrderTemplate', 'Cart'] };

export const FavouritesQuery = graphql(`
  query Favourites {
    favourites {
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
