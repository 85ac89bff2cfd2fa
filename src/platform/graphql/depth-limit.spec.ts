import { buildSchema, getIntrospectionQuery, Kind, parse, specifiedRules, validate } from 'graphql';
import { depthAndSizeLimit } from './depth-limit';

const schema = buildSchema('type Query { a: Int b: Query }');
const rule = depthAndSizeLimit({ depth: 4, fields: 10 }, { depth: 20, fields: 1000 });
const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, rule]).map((e) => e.message);

/** n fragments, each spreading the next twice: 2^(n-1) fields once expanded, in a document of about 40·n bytes. */
function fragmentBomb(n: number): string {
  let query = 'query { ...F0 }';
  for (let i = 0; i < n - 1; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${query} fragment F${n - 1} on Query { __typename }`;
}

describe('depthAndSizeLimit', () => {
  it('counts nesting and fields through fragments and inline fragments', () => {
    expect(errors('{ b { b { b { a } } } }')).toEqual([]);
    expect(errors('{ b { b { b { b { a } } } } }')).toEqual(['The query is nested 5 levels deep; at most 4 are allowed']);
    expect(errors('{ b { ...Deep } } fragment Deep on Query { b { ... on Query { b { b { a } } } } }')).toEqual(['The query is nested 5 levels deep; at most 4 are allowed']);
    expect(errors('{ ...Five ...Five } fragment Five on Query { a b { a __typename } x: a y: a }')).toEqual(['The query selects 12 fields (fragments expanded); at most 10 are allowed']);
  });

  it('refuses a fragment bomb, walking each fragment once however often it is spread', () => {
    for (const n of [24, 40, 200]) {
      const document = parse(fragmentBomb(n));
      // Count how often each fragment's selections are read: once by graphql's own walk, once by the rule.
      const reads = new Map<string, number>();
      for (const def of document.definitions) {
        if (def.kind !== Kind.FRAGMENT_DEFINITION) continue;
        const { selectionSet } = def;
        Object.defineProperty(def, 'selectionSet', { get: () => (reads.set(def.name.value, (reads.get(def.name.value) ?? 0) + 1), selectionSet) });
      }
      const found = validate(schema, document, [rule]).map((e) => e.message);
      expect(found).toEqual([expect.stringMatching(/^The query selects \d+ fields \(fragments expanded\); at most 10 are allowed$/)]);
      expect(Math.max(...reads.values())).toBeLessThanOrEqual(2); // walked spread by spread, F23 alone was read 2^23 times
    }
    expect(errors(fragmentBomb(24))[0]).toContain(`selects ${2 ** 23} fields`);
  });

  it('measures fragment cycles without looping, leaving the report to NoFragmentCyclesRule', () => {
    const found = errors('{ ...A } fragment A on Query { b { ...B } } fragment B on Query { a ...A }');
    expect(found).toEqual([expect.stringMatching(/^Cannot spread fragment "A" within itself via "B"/)]);
    expect(errors('{ ...Self } fragment Self on Query { ...Self }')).toEqual([expect.stringMatching(/within itself/)]);
  });

  it('lets the standard introspection query through under its own bounds, without aliases', () => {
    const full = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(errors(full)).toEqual([]);
    expect(errors('{ __typename }')).toEqual([]);
    expect(errors('{ one: __schema { types { name } } two: __schema { types { name } } }')).toEqual(['An introspection query may not use aliases']);
    expect(errors('{ __schema { types { ...T } } } fragment T on __Type { n: name }')).toEqual(['An introspection query may not use aliases']);
    // Mixed with other fields, the ordinary bounds apply.
    const deepIntrospection = '__schema { types { fields { type { ofType { name } } } } }';
    expect(errors(`{ ${deepIntrospection} }`)).toEqual([]);
    expect(errors(`{ a ${deepIntrospection} }`)).toEqual(['The query is nested 6 levels deep; at most 4 are allowed']);
  });
});
