import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** The largest page any list returns (connections and the search take `first` from 1 to 100). */
export const MAX_PAGE_SIZE = 100;

/**
 * A list field costs its page size times what each element selects: `first` is an argument of
 * every connection, and part of the input of a search. With `largest`, every list is counted at
 * the largest page it may return, whatever the request asked for. Other fields cost 1.
 */
export const pageSizeEstimator =
  (largest = false): ComplexityEstimator =>
  ({ args, childComplexity }) => {
    const first = typeof args.first === 'number' ? args.first : typeof args.input?.first === 'number' ? args.input.first : undefined;
    if (first === undefined) return undefined;
    return 1 + (largest ? MAX_PAGE_SIZE : first) * Math.max(childComplexity, 1);
  };

/**
 * Refuses an operation whose estimated cost (graphql-query-complexity with the page-size
 * estimator) exceeds `max`, before it runs. The depth and field-count rule alone lets nested
 * lists multiply: three levels of UNSPSC children at 100 per page is a million rows. Computed
 * once the operation is resolved, so page sizes given as variables count too.
 *
 * An operation that stays under the limit even with every list at its largest page is
 * remembered (per parsed document, which Apollo reuses for the same query text) and not
 * estimated again: the estimate took ~0.2 ms, several per cent of a search's service time.
 * Documents with @skip/@include are always estimated, as their shape depends on variables.
 */
export function costLimit(max: number): ApolloServerPlugin {
  const withinLimit = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operation = request.operationName ?? '';
          if (withinLimit.get(document)?.has(operation)) return;
          const estimate = (largest: boolean) =>
            getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [pageSizeEstimator(largest), simpleEstimator({ defaultComplexity: 1 })],
            });
          const cost = estimate(false);
          if (cost > max) {
            throw new GraphQLError(`The query's estimated cost is ${cost}; at most ${max} is allowed (ask for smaller pages in nested lists)`, {
              extensions: { code: 'BAD_USER_INPUT', cost, maxCost: max, http: { status: 400 } },
            });
          }
          const conditional = /@(skip|include)\b/.test(document.loc?.source.body ?? '@skip');
          if (!conditional && estimate(true) <= max) {
            if (!withinLimit.has(document)) withinLimit.set(document, new Set());
            withinLimit.get(document)!.add(operation);
          }
        },
      };
    },
  };
}
