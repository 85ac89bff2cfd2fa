import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

/**
 * src/schema.gql is the GraphQL API as the code declares it (as served outside production, so
 * devLogin included), committed so that every API change shows in a diff. This test fails when
 * the file is stale; `UPDATE_SCHEMA=1 npm test -- test/schema` writes it anew.
 */
const SCHEMA_FILE = join(__dirname, '..', 'src', 'schema.gql');

describe('the committed GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('matches what the code serves', () => {
    const served = `${printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, served);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(served).toContain('searchProducts');
    if (committed !== served) {
      throw new Error('src/schema.gql is stale: the API changed. Run `UPDATE_SCHEMA=1 npm test -- test/schema` and commit the file.');
    }
  });
});
