import { getIntrospectionQuery } from 'graphql';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** n fragments, each spreading the next twice: 2^(n-1) fields once expanded, in about 40·n bytes. */
const fragmentBomb = (n: number) =>
  'query { ...F0 }' + Array.from({ length: n - 1 }, (_, i) => ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('') + ` fragment F${n - 1} on Query { __typename }`;
const post = (query: string) => t.http.post('/graphql').send({ query });

/** Milliseconds GET /health takes to answer. */
async function healthLatency(): Promise<number> {
  const started = Date.now();
  const res = await t.http.get('/health');
  expect(res.status).toBe(200);
  return Date.now() - started;
}

describe('GraphQL limits (anonymous callers)', () => {
  it('refuses a fragment bomb at once with BAD_USER_INPUT, while /health keeps answering', async () => {
    // 24 fragments blocked every request for 32 s when each spread was walked again; 40 would take a day.
    let settled = false;
    const bombs = Promise.all([24, 40].map((n) => post(fragmentBomb(n)).then((res) => res))).finally(() => (settled = true));
    // Ask /health again and again while the bombs are in flight: each must answer within a second.
    const latencies: number[] = [];
    do latencies.push(await healthLatency());
    while (!settled);
    for (const [i, res] of (await bombs).entries()) {
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        expect.objectContaining({ message: `The query selects ${2 ** ([24, 40][i] - 1)} fields (fragments expanded); at most 400 are allowed`, extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('answers 400, never 500, when the cost estimate would walk too many nodes', async () => {
    // 100 fragments in a chain, spread 120 times: 120 fields, but 12,000 selections to walk.
    const chain = Array.from({ length: 100 }, (_, i) => `fragment C${i} on Query { ${i < 99 ? `...C${i + 1}` : '__typename'} }`).join(' ');
    const res = await post(`{ ${'...C0 '.repeat(120)} } ${chain}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: "The query's cost cannot be estimated: Query exceeds the maximum allowed number of nodes.", extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses documents of more than 5,000 tokens before validating them', async () => {
    const res = await post(`{ ${'__typename '.repeat(5001)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error: Document contains more th\w+ 5000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('refuses the deepest nesting that fits in 5,000 tokens with a 400 that says why', async () => {
    const res = await post(`{ ${'me { '.repeat(1660)} id ${'} '.repeat(1660)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: 'The query is nested 1661 levels deep; at most 12 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('serves the standard introspection query, but no aliased or oversized introspection', async () => {
    const full = await post(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(full.status).toBe(200);
    expect(full.body.data.__schema.queryType.name).toBe('Query');

    const aliased = await post(`{ ${Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.body.errors[0]).toMatchObject({ message: 'An introspection query may not use aliases', extensions: { code: 'BAD_USER_INPUT' } });

    const bomb = fragmentBomb(30)
      .replace('query { ...F0 }', '{ __schema { types { ...F0 } } }')
      .replace(/on Query/g, 'on __Type');
    const refused = await post(bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toBe(`The introspection query selects ${2 ** 29 + 2} fields (fragments expanded); at most 1000 are allowed`);
  });
});
