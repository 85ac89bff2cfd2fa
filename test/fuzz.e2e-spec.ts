import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLObjectType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Random bytes, random JSON and random GraphQL at every endpoint, anonymously and with tokens:
 * nothing may answer 5xx (or a GraphQL INTERNAL_SERVER_ERROR), and every error is JSON with a
 * code. Seeded, so a failure reproduces: FUZZ_SEED=<seed> npm test -- test/fuzz.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const ROUNDS = 50; // seven requests a round

/** mulberry32: a small seeded PRNG, enough to make fuzz input reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof prng>;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'o:99999999999999999999',
  'bzo5OTk5OTk5OTk5OTk5OTk5OTk5OQ',
  '💥',
  '\ud800',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE agreement; --",
  '%FF',
  '../../etc/passwd',
  '=1+1',
  'x'.repeat(5000),
  '14111507',
  'admin@torg.example',
  'NaN',
  '-1',
  '1e400',
];
const INT_EDGES = [0, -1, 1, 2 ** 31 - 1, -(2 ** 31)];
const NASTY_NUMBERS = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 1e20, 1.5, -0.0001, Number.MAX_SAFE_INTEGER, 1e308];

function randomString(r: Random): string {
  if (r.chance(0.4)) return r.pick(NASTY_STRINGS);
  let s = '';
  for (let i = r.int(30); i > 0; i--) s += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x3000));
  return s;
}

function randomJson(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 4 : 6)) {
    case 0:
      return r.pick(NASTY_NUMBERS);
    case 1:
      return randomString(r);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default: {
      const keys = ['query', 'variables', 'operationName', 'extensions', 'input', 'text', 'id', 'first', 'after', randomString(r)];
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(keys), randomJson(r, depth + 1)]));
    }
  }
}

function randomBytes(r: Random, max = 2000): Buffer {
  return Buffer.from(Array.from({ length: r.int(max) }, () => r.int(256)));
}

/** Random GraphQL over the real schema: real fields and arguments, values of the right type or not, sometimes broken text. */
class GraphQLFuzzer {
  constructor(
    private readonly r: Random,
    private readonly query: GraphQLObjectType,
    private readonly mutation: GraphQLObjectType | null | undefined,
  ) {}

  /** In a well-typed operation every value fits its type (and holds no NUL), so it gets as far as the resolvers. */
  private wellTyped = false;

  operation(wellTyped = false): { query: string; variables: Record<string, unknown> } {
    const r = this.r;
    this.wellTyped = wellTyped;
    const root = this.mutation && r.chance(0.3) ? this.mutation : this.query;
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const fields = Array.from({ length: 1 + r.int(2) }, () => this.field(r.pick(Object.values(root.getFields())), 0, variables, definitions));
    const head = `${root === this.query ? 'query' : 'mutation'}${definitions.length ? `(${definitions.join(', ')})` : ''}`;
    let text = `${head} { ${fields.join(' ')} }`;
    if (wellTyped) return { query: text, variables };
    if (r.chance(0.15))
      text = text.slice(0, r.int(text.length)); // cut short
    else if (r.chance(0.1)) text = text.slice(0, r.int(text.length)) + r.pick(['{', '}', '"', '\\u0000', '$', '...', '#', '@skip', ':', '\u0000']) + text.slice(r.int(text.length));
    return { query: text, variables: r.chance(0.1) ? (randomJson(this.r) as Record<string, unknown>) : variables };
  }

  private field(f: GraphQLField<unknown, unknown>, depth: number, variables: Record<string, unknown>, definitions: string[]): string {
    const r = this.r;
    const args = f.args
      .filter((a) => isNonNullType(a.type) || r.chance(0.5))
      .map((a) => {
        if (r.chance(0.4)) {
          const name = `v${definitions.length}`;
          definitions.push(`$${name}: ${String(a.type)}`);
          variables[name] = r.chance(0.7) ? this.jsonFor(a.type, 0) : randomJson(r);
          return `${a.name}: $${name}`;
        }
        return `${a.name}: ${this.literalFor(a.type, 0)}`;
      });
    return `${f.name}${args.length ? `(${args.join(', ')})` : ''}${this.selection(getNamedType(f.type), depth, variables, definitions)}`;
  }

  private selection(type: GraphQLNamedType, depth: number, variables: Record<string, unknown>, definitions: string[]): string {
    if (isScalarType(type) || isEnumType(type)) return '';
    if (!isObjectType(type) || depth >= 3) return ' { __typename }';
    const fields = Object.values(type.getFields());
    const chosen = Array.from({ length: 1 + this.r.int(3) }, () => this.field(this.r.pick(fields), depth + 1, variables, definitions));
    return ` { ${chosen.join(' ')} }`;
  }

  private string(): string {
    const s = randomString(this.r);
    return this.wellTyped ? s.replace(/\0/g, '').replace(/[\ud800-\udfff]/g, '') : s;
  }

  /** A value for the type, as JSON (for variables): mostly fitting, sometimes not. */
  private jsonFor(type: GraphQLInputType, depth: number): unknown {
    const r = this.r;
    if (!this.wellTyped && (r.chance(0.15) || depth > 4)) return randomJson(r, 3);
    if (isNonNullType(type)) return this.jsonFor(type.ofType, depth);
    if (isListType(type)) return Array.from({ length: r.int(3) }, () => this.jsonFor(type.ofType, depth + 1));
    if (isInputObjectType(type))
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type) || r.chance(0.5))
          .map((f) => [f.name, this.jsonFor(f.type, depth + 1)]),
      );
    if (isEnumType(type)) return r.pick(type.getValues()).name;
    switch (type.name) {
      case 'Int':
        return r.chance(0.5) ? r.int(20) : r.pick(this.wellTyped ? INT_EDGES : NASTY_NUMBERS);
      case 'Boolean':
        return r.chance(0.5);
      default:
        return this.string();
    }
  }

  /** The same, written as a GraphQL literal. */
  private literalFor(type: GraphQLInputType, depth: number): string {
    const r = this.r;
    if (!this.wellTyped && (r.chance(0.1) || depth > 4)) return r.pick(['null', '"x"', '-1', '3000000000', '[]', '{}', 'true', '1.5', 'ENUM', '"\\u0000"', '$undeclared']);
    if (isNonNullType(type)) return this.literalFor(type.ofType, depth);
    if (isListType(type)) return `[${Array.from({ length: r.int(3) }, () => this.literalFor(type.ofType, depth + 1)).join(', ')}]`;
    if (isInputObjectType(type))
      return `{ ${Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) || r.chance(0.5))
        .map((f) => `${f.name}: ${this.literalFor(f.type, depth + 1)}`)
        .join(', ')} }`;
    if (isEnumType(type)) return r.pick(type.getValues()).name;
    switch (type.name) {
      case 'Int':
        return String(r.chance(0.5) ? r.int(20) : r.pick(this.wellTyped ? INT_EDGES : NASTY_NUMBERS));
      case 'Boolean':
        return String(r.chance(0.5));
      default:
        return JSON.stringify(this.string());
    }
  }
}

let t: TestApp;
let tokens: (string | null)[];
let agreementId: number;
beforeAll(async () => {
  t = await startTestApp();
  tokens = [null, await t.login('katalog@kontorland.example'), await t.login('innkjoper@storby.example'), await t.login('bestiller@nordby.example'), 'not.a.token'];
  agreementId = t.world.agreements['2025-001'];
});
afterAll(() => t?.close());

/** Error codes in a body: GraphQL errors' extensions.code, or a REST error's code. */
function errorCodes(body: any): unknown[] {
  if (body && Array.isArray(body.errors)) return body.errors.map((e: any) => e?.extensions?.code);
  if (body && typeof body === 'object' && 'code' in body) return [body.code];
  return [];
}

it(`answers random requests without a server error (seed ${SEED})`, async () => {
  const r = prng(SEED);
  const schema = t.app.get(GraphQLSchemaHost).schema;
  const gql = new GraphQLFuzzer(r, schema.getQueryType()!, schema.getMutationType());
  const problems: string[] = [];
  let sent = 0;
  let executed = 0; // GraphQL requests that got as far as running

  const check = (what: string, res: Response) => {
    sent++;
    if (res.body && typeof res.body === 'object' && 'data' in res.body) executed++;
    const codes = errorCodes(res.body);
    const isError = res.status >= 400 || codes.length > 0;
    const fault =
      res.status >= 500
        ? `status ${res.status}`
        : isError && !/json/.test(String(res.headers['content-type']))
          ? `error ${res.status} is not JSON (${res.headers['content-type']})`
          : isError && (codes.length === 0 || codes.some((c) => typeof c !== 'string'))
            ? `error ${res.status} without a code`
            : codes.includes('INTERNAL_SERVER_ERROR')
              ? 'INTERNAL_SERVER_ERROR'
              : null;
    if (fault) problems.push(`${what}: ${fault}: ${(res.text ?? '').slice(0, 300)}`);
  };
  const auth = <T extends { set(name: string, value: string): T }>(req: T): T => {
    const token = r.pick(tokens);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const contentType = () =>
    r.pick([
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/octet-stream',
      'application/graphql',
      'multipart/form-data; boundary=xyz',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
    ]);
  const raw = (req: any) => req.serialize((b: unknown) => b);

  for (let round = 0; round < ROUNDS; round++) {
    // GraphQL over POST: random operations, random JSON, random bytes.
    for (const op of [gql.operation(), gql.operation(true)]) check(`POST /graphql ${JSON.stringify(op).slice(0, 500)}`, await auth(t.http.post('/graphql')).send(op));
    const json = r.chance(0.5)
      ? randomJson(r)
      : { query: r.pick(['{ __typename }', '{ me { email } }', gql.operation().query]), variables: randomJson(r), operationName: r.chance(0.3) ? randomString(r) : undefined };
    check(
      `POST /graphql json ${JSON.stringify(json).slice(0, 500)}`,
      await auth(raw(t.http.post('/graphql')))
        .set('content-type', 'application/json')
        .send(JSON.stringify(json)),
    );
    const bytes = randomBytes(r);
    const encoding = r.chance(0.3) ? { 'content-encoding': r.pick(['gzip', 'deflate', 'br', 'identity', 'x-junk']) } : {};
    check(
      `POST /graphql bytes ${bytes.length} ${JSON.stringify(encoding)}`,
      await auth(raw(t.http.post('/graphql')))
        .set({ 'content-type': contentType(), ...encoding })
        .send(bytes),
    );

    // GraphQL over GET.
    const get = gql.operation();
    const params = new URLSearchParams({ query: get.query, ...(r.chance(0.5) ? { variables: r.chance(0.8) ? JSON.stringify(get.variables) : randomString(r) } : {}) });
    const getReq = auth(t.http.get(`/graphql?${params.toString()}`));
    check(`GET /graphql ${params.toString().slice(0, 500)}`, await (r.chance(0.8) ? getReq.set('apollo-require-preflight', 'true') : getReq));

    // REST: the upload path with ids good and bad, /health, /metrics, an unknown path.
    const id = r.pick([String(agreementId), '0', '-1', '2147483648', '99999999999999999999', 'abc', '%FF', '1e3', String(r.int(50))]);
    const upload = auth(t.http.post(`/agreements/${id}/catalogue`));
    const uploaded = r.chance(0.5)
      ? await upload.attach('file', randomBytes(r, 600), r.pick(['x.csv', 'x.xlsx', 'x.xml', 'x.txt', 'ø.csv', 'a\u0001b.csv']))
      : r.chance(0.5)
        ? await raw(upload).set('content-type', contentType()).send(randomBytes(r))
        : await raw(upload)
            .set('content-type', 'application/json')
            .send(JSON.stringify(randomJson(r)));
    check(`POST /agreements/${id}/catalogue`, uploaded);
    const path = r.pick(['/health', '/metrics', '/nowhere', `/agreements/${id}`, '/graphql/x', '/%FF', '/health?x=\u0000']);
    const method = r.pick(['get', 'post', 'put', 'delete', 'patch'] as const);
    const req = auth(t.http[method](path));
    check(`${method.toUpperCase()} ${path}`, await (method === 'get' ? req : raw(req).set('content-type', contentType()).send(randomBytes(r, 300))));
  }

  expect(sent).toBe(ROUNDS * 7);
  // The well-typed operations reach the resolvers (about 56 of 100 with the default seed).
  expect(executed).toBeGreaterThan(ROUNDS / 2);
  expect(problems).toEqual([]);
  // Still serving.
  expect((await t.http.get('/health')).status).toBe(200);
});
