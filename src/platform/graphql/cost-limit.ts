import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * A list field costs its page size times what each element selects: `first` is an argument of
 * every connection, and part of the input of a search. Other fields cost 1.
 */
export const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : typeof args.input?.first === 'number' ? args.input.first : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

/**
 * Refuses an operation whose estimated cost (graphql-query-complexity with the page-size
 * estimator) exceeds `max`, before it runs. The depth and field-count rule alone lets nested
 * lists multiply: three levels of UNSPSC children at 100 per page is a million rows. Computed
 * once the operation is resolved, so page sizes given as variables count too.
 */
export function costLimit(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > max) {
            throw new GraphQLError(`The query's estimated cost is ${cost}; at most ${max} is allowed (ask for smaller pages in nested lists)`, {
              extensions: { code: 'BAD_USER_INPUT', cost, maxCost: max, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
