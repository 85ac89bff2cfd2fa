import { graphql } from '../gql';

/** Who a token is for: read after an OIDC sign-in (devLogin answers it itself). */
export const MeQuery = graphql(`
  query Me {
    me {
      userId
      email
      name
      roles
      organisation {
        id
        name
      }
    }
  }
`);
