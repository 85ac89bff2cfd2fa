/**
 * The GraphQL client (urql): every request carries the session's bearer token; an answer saying
 * the token is no longer good (UNAUTHENTICATED) ends the session as expired, which takes the user to
 * sign-in with the reason and back to where they were.
 * urql's document cache refetches a query when a mutation returns a type the query holds
 * (adding to the cart returns the Cart, so the cart count and page follow).
 */
import { cacheExchange, Client, fetchExchange, mapExchange } from '@urql/core';
import { session } from '../auth/session';

export function createClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      mapExchange({
        onResult(result) {
          if (result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && session.get()) session.expire();
        },
      }),
      fetchExchange,
    ],
    fetchOptions: () => {
      const token = session.get()?.token;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
    preferGetMethod: false,
  });
}
