import { buildSchema, parse } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { pageSizeEstimator } from './cost-limit';

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
