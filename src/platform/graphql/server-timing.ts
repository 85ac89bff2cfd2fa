import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Says in a `Server-Timing` header how long the service took over a GraphQL operation (parse,
 * validate, execute), so a browser's resource timing can tell the service's share of a slow
 * screen from the network's and its own (the web search's latency figure reads it). The header
 * names no operation and no data: only a duration, as any client could time the answer anyway.
 */
export function serverTiming(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const start = performance.now();
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('server-timing', `graphql;dur=${(performance.now() - start).toFixed(1)}`);
        },
      };
    },
  };
}
