import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** The largest page any list returns (connections and the search take `first` from 1 to 100). */
export const MAX_PAGE_SIZE = 100;

/**
 * Selections the estimate walks at most, fragment spreads expanded (the library's default).
 * The depth and size rule refuses larger operations first; this bounds the walk for any that
 * reach the estimate some other way.
 */
export const MAX_QUERY_NODES = 10_000;

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
 * Whether an operation stays under the limit even with every list at its largest page is
 * worked out once per parsed document (Apollo reuses it for the same query text): such an
 * operation is not estimated again (the estimate is a noticeable part of a search's service
 * time); any other is estimated with each request's page sizes. Documents with
 * @skip/@include are always estimated, as their shape depends on variables.
 */
export function costLimit(max: number): ApolloServerPlugin {
  /** Per document and operation name: true when it is under the limit at every page size. */
  const underLimitAtAnyPage = new WeakMap<DocumentNode, Map<string, boolean>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operation = request.operationName ?? '';
          const known = underLimitAtAnyPage.get(document)?.get(operation);
          if (known === true) return;
          const estimate = (largest: boolean) => {
            try {
              return getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables,
                estimators: [pageSizeEstimator(largest), simpleEstimator({ defaultComplexity: 1 })],
                maxQueryNodes: MAX_QUERY_NODES,
              });
            } catch (e) {
              // The library's own refusals ("Query exceeds the maximum allowed number of nodes",
              // a variable that does not fit) are about the request: a 400, not a 500.
              if (!(e instanceof GraphQLError)) throw e;
              throw new GraphQLError(`The query's cost cannot be estimated: ${e.message}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
            }
          };
          const cost = estimate(false);
          if (cost > max) {
            throw new GraphQLError(`The query's estimated cost is ${cost}; at most ${max} is allowed (ask for smaller pages in nested lists)`, {
              extensions: { code: 'BAD_USER_INPUT', cost, maxCost: max, http: { status: 400 } },
            });
          }
          const conditional = /@(skip|include)\b/.test(document.loc?.source.body ?? '@skip');
          if (known === undefined && !conditional) {
            if (!underLimitAtAnyPage.has(document)) underLimitAtAnyPage.set(document, new Map());
            underLimitAtAnyPage.get(document)!.set(operation, estimate(true) <= max);
          }
        },
      };
    },
  };
}
