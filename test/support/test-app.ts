import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/main';
import { loadConfig } from '../../src/platform/config/config';
import { SearchIndexer } from '../../src/search/search-indexer';
import { DemoWorld, seedDemo, SeedOptions } from '../../src/seed/demo-seed';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  databaseUrl: string;
  world: DemoWorld;
  /** A bearer token for a demo user (devLogin over HTTP). */
  login(email: string): Promise<string>;
  /** POST /graphql as the given token; returns the parsed body. */
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }>;
  /** Runs SQL against the test database (for assertions on what was stored). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the search indexer has delivered every outbox row. */
  indexed(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh database in the test cluster (see global-setup.mjs). */
export async function createTestDatabase(): Promise<string> {
  const admin = process.env.TEST_PG_URL;
  if (!admin) throw new Error('TEST_PG_URL is not set: run the tests with "npm test" (jest global setup starts PostgreSQL)');
  const name = `torg_test_${randomBytes(6).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The real app on a fresh database, with the demo world seeded through the real services (without
 * the demo's orders and invoices unless `seed` asks for them, so a test's own are the only ones).
 */
export async function startTestApp(env: Record<string, string> = {}, seed: SeedOptions = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  // The rate limit is off unless a test sets it (rate-limit.e2e-spec.ts does).
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', ...env });
  const app = await createApp(config);
  await app.init();
  const world = (await seedDemo(app, undefined, seed))!;
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const gql: TestApp['gql'] = async (token, query, variables) => {
    const req = http.post('/graphql').send({ query, variables });
    if (token) req.set('Authorization', `Bearer ${token}`);
    const res = await req;
    return res.body;
  };
  return {
    app,
    http,
    databaseUrl,
    world,
    gql,
    async login(email) {
      if (!tokens.has(email)) {
        const res = await gql(null, 'mutation($e: String!) { devLogin(email: $e) { token } }', { e: email });
        if (!res.data) throw new Error(`devLogin ${email} failed: ${JSON.stringify(res.errors)}`);
        tokens.set(email, res.data.devLogin.token);
      }
      return tokens.get(email)!;
    },
    sql: (query, params) => app.get(DataSource).query(query, params),
    indexed: () => app.get(SearchIndexer).drain(),
    close: () => app.close(),
  };
}
