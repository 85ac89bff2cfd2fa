import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { LoneAnonymousOperationRule } from 'graphql/validation/rules/LoneAnonymousOperationRule';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * README is the front door: every GraphQL example in it must be valid against the committed
 * schema (src/schema.gql, which test/schema keeps equal to what the code serves), so a renamed
 * field or argument breaks this test instead of a newcomer's first try. A block may hold
 * several anonymous operations, as the README shows them one after another.
 */
const ROOT = join(__dirname, '..');
const schema = buildSchema(readFileSync(join(ROOT, 'src', 'schema.gql'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i) => ({ index: i + 1, text: m[1] }));
const rules = specifiedRules.filter((r) => r !== LoneAnonymousOperationRule);

describe('README GraphQL examples', () => {
  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b) => [b.index, b.text.split('\n')[0].slice(0, 60), b.text]))('block %i (%s) is valid against the schema', (_i, _first, text) => {
    const errors = validate(schema, parse(text), rules).map((e) => e.message);
    expect(errors).toEqual([]);
  });
});
