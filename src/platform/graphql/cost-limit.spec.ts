import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { buildSchema, GraphQLError, parse } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { costLimit, MAX_QUERY_NODES, pageSizeEstimator } from './cost-limit';

const schema = buildSchema(`
  type Node { code: String title: String children(first: Int = 20): Connection }
  type Connection { edges: [Edge] }
  type Edge { node: Node }
  input SearchInput { text: String first: Int = 20 }
  type Hit { name: String price: String }
  type Result { hits: [Hit] total: Int }
  type Query { node: Node search(input: SearchInput!): Result }
`);
const cost = (query: string, variables: Record<string, unknown> = {}, largest = false) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [pageSizeEstimator(largest), simpleEstimator({ defaultComplexity: 1 })] });

describe('pageSizeEstimator', () => {
  it('multiplies a list by its page size, nested lists by each other', () => {
    const one = cost('{ node { children(first: 10) { edges { node { code } } } } }');
    const two = cost('{ node { children(first: 10) { edges { node { children(first: 10) { edges { node { code } } } } } } } }');
    expect(one).toBe(1 + (1 + 10 * 3));
    expect(two).toBeGreaterThan(10 * one);
  });

  it('reads page sizes from variables, defaults and a search input', () => {
    expect(cost('query($n: Int) { node { children(first: $n) { edges { node { code } } } } }', { n: 100 })).toBe(cost('{ node { children(first: 100) { edges { node { code } } } } }'));
    expect(cost('{ node { children { edges { node { code } } } } }')).toBe(cost('{ node { children(first: 20) { edges { node { code } } } } }'));
    expect(cost('{ search(input: { text: "x", first: 50 }) { hits { name price } total } }')).toBe(1 + 50 * 4);
  });

  it('counts every list at its largest page when asked for the bound', () => {
    expect(cost('{ search(input: { text: "x", first: 5 }) { hits { name price } total } }', {}, true)).toBe(1 + 100 * 4);
    expect(cost('{ node { children { edges { node { code } } } } }', {}, true)).toBe(cost('{ node { children(first: 100) { edges { node { code } } } } }'));
  });
});

describe('costLimit', () => {
  /** Runs the plugin's check as Apollo does once an operation is resolved; resolves to what it threw, if anything. */
  async function check(query: string, variables: Record<string, unknown> = {}, max = 1000): Promise<GraphQLError | undefined> {
    const listener = (await costLimit(max).requestDidStart!({} as never)) as GraphQLRequestListener<never>;
    const context = { request: { query, variables }, document: parse(query), schema } as unknown as GraphQLRequestContextDidResolveOperation<never>;
    return listener.didResolveOperation!(context).then(
      () => undefined,
      (e: GraphQLError) => e,
    );
  }

  it('refuses an operation over the limit with BAD_USER_INPUT and HTTP 400', async () => {
    expect(await check('{ node { children(first: 5) { edges { node { code } } } } }')).toBeUndefined();
    const refused = await check('{ node { children(first: 100) { edges { node { children(first: 100) { edges { node { code } } } } } } } }');
    expect(refused?.message).toMatch(/estimated cost is \d+; at most 1000 is allowed/);
    expect(refused?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it("turns the library's own refusals (too many nodes, a bad variable) into BAD_USER_INPUT with HTTP 400", async () => {
    // A chain of fragments spread many times: few fields, but more nodes than the estimate walks.
    const chain = Array.from({ length: 100 }, (_, i) => `fragment C${i} on Query { ${i < 99 ? `...C${i + 1}` : 'node { code }'} }`).join(' ');
    const refused = await check(`{ ${'...C0 '.repeat(120)} } ${chain}`, {}, 10 ** 9);
    expect(refused?.message).toBe("The query's cost cannot be estimated: Query exceeds the maximum allowed number of nodes.");
    expect(refused?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    expect(120 * 100).toBeGreaterThan(MAX_QUERY_NODES); // what makes it too many

    const badVariable = await check('query($n: Int) { node { children(first: $n) { edges { node { code } } } } }', { n: 'many' });
    expect(badVariable?.message).toMatch(/^The query's cost cannot be estimated: Variable "\$n" got invalid value "many"/);
    expect(badVariable?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });
});
