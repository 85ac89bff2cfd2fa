import { graphql } from '../gql';

/**
 * The paging fields every cursor connection's `pageInfo` is read with (`...PageFields`): one
 * fragment, so the lists (PagedList, CursorPager) all read the same two. `totalCount` lives on each
 * connection type, not on PageInfo, so queries still ask for it beside the spread. Fragment masking
 * is off in codegen.yml: the fields are read straight from the query's type, no `useFragment`.
 */
export const PageFields = graphql(`
  fragment PageFields on PageInfo {
    hasNextPage
    endCursor
  }
`);
