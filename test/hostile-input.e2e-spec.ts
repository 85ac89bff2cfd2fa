import { gzipSync } from 'node:zlib';
import { createAgreement, publishFile } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
let agreementId: number;
let versionId: number;
beforeAll(async () => {
  // A small upload limit shows that a bad id is refused before the file is read (400, not 413).
  t = await startTestApp({ UPLOAD_MAX_BYTES: '100000' });
  agreementId = (await createAgreement(t)).id;
  const csv = [
    'seller_item_id,name,description,unspsc,price,currency,vat_rate,unit',
    `XSS-1,<img src=x onerror=alert(1)> Kopipapir,"Kopipapir <script>alert('x')</script> & ""mer""",14111507,49.90,NOK,25,PK`,
    'XSS-2,Kulepenn blå,,44121704,29.50,NOK,25,PK',
  ].join('\n');
  versionId = await publishFile(t, agreementId, Buffer.from(csv), 'xss.csv');
});
afterAll(() => t?.close());

const post = (token: string | null, body: unknown) => {
  const req = t.http.post('/graphql').send(body as object);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};
const tagsOf = (html: string) => html.match(/<[^>]*>/g) ?? [];

describe('search highlighting is HTML with only <mark> tags (stored XSS)', () => {
  const SEARCH = `query($i: ProductSearchInput!) { searchProducts(input: $i) { edges { node { sellerItemId name description highlightedName highlightedDescription } } } }`;

  it('escapes a supplier’s markup in highlightedName and highlightedDescription', async () => {
    const buyer = await t.login('bestiller@nordby.example');
    const res = await t.gql(buyer, SEARCH, { i: { text: 'kopipapir', agreementIds: [agreementId] } });
    const hit = res.data.searchProducts.edges.map((e: any) => e.node).find((n: any) => n.sellerItemId === 'XSS-1');
    // What was stored is what the supplier sent; only the HTML fields are escaped.
    expect(hit.name).toBe('<img src=x onerror=alert(1)> Kopipapir');
    expect(hit.highlightedName).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>Kopipapir</mark>');
    expect(hit.highlightedDescription).toBe('<mark>Kopipapir</mark> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;mer&quot;');
    for (const html of [hit.highlightedName, hit.highlightedDescription]) for (const tag of tagsOf(html)) expect(tag).toMatch(/^<\/?mark>$/);
  });

  it('escapes them in a search without text too', async () => {
    const buyer = await t.login('bestiller@nordby.example');
    const res = await t.gql(buyer, SEARCH, { i: { agreementIds: [agreementId], unspsc: ['14111507'] } });
    const [hit] = res.data.searchProducts.edges.map((e: any) => e.node);
    expect(hit.highlightedName).toBe('&lt;img src=x onerror=alert(1)&gt; Kopipapir');
    expect(tagsOf(hit.highlightedName)).toEqual([]);
  });
});

describe('cursors', () => {
  const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const BAD = [cursor('o:99999999999999999999'), cursor('o:' + '9'.repeat(400)), '%%%junk!!', cursor('o:-5')];
  const LISTS: [string, string, (after: string) => Record<string, unknown>][] = [
    ['organisations', 'query($a: String) { organisations(first: 5, after: $a) { totalCount } }', (a) => ({ a })],
    ['agreements', 'query($a: String) { agreements(first: 5, after: $a) { totalCount } }', (a) => ({ a })],
    ['catalogueVersions', 'query($id: Int!, $a: String) { catalogueVersions(agreementId: $id, first: 5, after: $a) { totalCount } }', (a) => ({ a, id: agreementId })],
    ['catalogueVersion.items', 'query($id: Int!, $a: String) { catalogueVersion(id: $id) { items(first: 5, after: $a) { totalCount } } }', (a) => ({ a, id: versionId })],
    ['catalogueReview', 'query($id: Int!, $a: String) { catalogueReview(versionId: $id, first: 5, after: $a) { added } }', (a) => ({ a, id: versionId })],
    ['unspscChildren', 'query($a: String) { unspscChildren(first: 5, after: $a) { totalCount } }', (a) => ({ a })],
    ['UnspscNode.children', 'query($a: String) { unspscNode(code: "14000000") { children(first: 5, after: $a) { totalCount } } }', (a) => ({ a })],
    ['searchProducts', 'query($a: String) { searchProducts(input: { first: 5, after: $a }) { totalCount } }', (a) => ({ a })],
  ];

  it.each(LISTS)('%s refuses huge and malformed cursors as bad input', async (_name, query, variables) => {
    const purchaser = await t.login('innkjoper@storby.example');
    for (const after of BAD) {
      const res = await t.gql(purchaser, query, variables(after));
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(res.errors![0].message).toMatch(/^after: ".+" is not a cursor from this list/);
    }
    // And a cursor it gave out still works.
    const ok = await t.gql(purchaser, query, variables(cursor('o:0')));
    expect(ok.errors).toBeUndefined();
  });
});

describe('NUL characters in text', () => {
  const expectNulRefused = (res: { status: number; body: any }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(res.body.errors[0].message).toBe(`${field} contains a NUL character (\\u0000), which text in Torg may not hold`);
  };

  it('are refused in search text and attribute filters, as variables and as literals', async () => {
    const buyer = await t.login('bestiller@nordby.example');
    const Q = 'query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount } }';
    expectNulRefused(await post(buyer, { query: Q, variables: { i: { text: 'kopi\u0000papir' } } }), '$i.text');
    expectNulRefused(await post(buyer, { query: Q, variables: { i: { attributes: [{ name: 'ecolabel', values: ['Svane', 'x\u0000'] }] } } }), '$i.attributes[0].values[1]');
    expectNulRefused(await post(buyer, { query: '{ searchProducts(input: { attributes: [{ name: "eco\\u0000", values: ["x"] }] }) { totalCount } }' }), 'input.attributes.name');
  });

  it('are refused in createAgreement, and nothing is stored', async () => {
    const purchaser = await t.login('innkjoper@storby.example');
    const [{ n: before }] = await t.sql('SELECT count(*)::int AS n FROM agreement');
    const input = {
      supplierId: t.world.orgs.kontorland,
      reference: 'NUL-1',
      title: 'Skrive\u0000saker',
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      participantIds: [t.world.orgs.skole],
      scope: ['14110000'],
      mandatory: false,
    };
    expectNulRefused(await post(purchaser, { query: 'mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }', variables: { input } }), '$input.title');
    const [{ n: after }] = await t.sql('SELECT count(*)::int AS n FROM agreement');
    expect(after).toBe(before);
  });

  it('are refused in an anonymous devLogin, in a variable, a literal or a variable’s default', async () => {
    expectNulRefused(await post(null, { query: 'mutation($e: String!) { devLogin(email: $e) { token } }', variables: { e: 'admin@torg.example\u0000' } }), '$e');
    expectNulRefused(await post(null, { query: 'mutation { devLogin(email: "admin\\u0000@torg.example") { token } }' }), 'email');
    expectNulRefused(await post(null, { query: 'mutation($e: String = "a\\u0000") { devLogin(email: $e) { token } }' }), '$e');
  });
});

describe('ids out of range', () => {
  it('POST /agreements/:id/catalogue refuses ids that are not 1 to 2^31 - 1 with 400, before reading the file', async () => {
    const supplier = await t.login('katalog@kontorland.example');
    for (const id of ['2147483648', '3000000000', '99999999999999999999999', '-1', '0', 'abc', '1e3']) {
      const res = await t.http.post(`/agreements/${id}/catalogue`).set('Authorization', `Bearer ${supplier}`).attach('file', Buffer.from('a,b\n1,2\n'), 'x.csv');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'BAD_USER_INPUT', field: 'agreementId', message: `agreementId in the path must be a whole number from 1 to 2147483647, not "${id}"` });
    }
    const tooLarge = Buffer.alloc(200_000, 'a');
    const beforeBody = await t.http.post('/agreements/3000000000/catalogue').set('Authorization', `Bearer ${supplier}`).attach('file', tooLarge, 'x.csv');
    expect(beforeBody.status).toBe(400);
    expect(beforeBody.body.field).toBe('agreementId');
    const missing = await t.http.post('/agreements/2147483647/catalogue').set('Authorization', `Bearer ${supplier}`).attach('file', Buffer.from('a,b\n1,2\n'), 'x.csv');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('GraphQL refuses Int arguments of 2^31 and more, and unknown operation names, with 400', async () => {
    const purchaser = await t.login('innkjoper@storby.example');
    const literal = await post(purchaser, { query: '{ agreement(id: 3000000000) { id } }' });
    expect(literal.status).toBe(400);
    expect(literal.body.errors[0].message).toMatch(/Int cannot represent non 32-bit signed integer value: 3000000000/);
    for (const [query, variables] of [
      ['query($id: Int!) { agreement(id: $id) { id } }', { id: 2 ** 31 }],
      ['query($id: Int!) { catalogueVersion(id: $id) { id } }', { id: 1e20 }],
      ['query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount } }', { i: { agreementIds: [3000000000] } }],
    ] as const) {
      const res = await post(purchaser, { query, variables });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/got invalid value .*Int cannot represent non 32-bit signed integer value/);
    }
    for (const [body, message] of [
      [{ query: '{ __typename }', operationName: 'x' }, 'operationName "x" names no operation in the query'],
      [{ query: 'query A { __typename } query B { __typename }' }, 'The query holds several operations: name the one to run in operationName'],
    ] as const) {
      const res = await post(null, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ message, extensions: { code: 'BAD_USER_INPUT', field: 'operationName' } }]);
    }
    const negative = await post(purchaser, { query: '{ agreement(id: -7) { id } }' });
    expect(negative.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('request bodies', () => {
  const raw = (path: string) => t.http.post(path).serialize((b: unknown) => b as string);

  it('a 3 MB JSON body gets 413 with a JSON error, on /graphql and on REST paths', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3_000_000) } });
    for (const path of ['/graphql', `/agreements/${agreementId}/catalogue`]) {
      const res = await raw(path).set('content-type', 'application/json').send(big);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large: at most 1 MB is accepted (it has 2.86 MB)' });
    }
  });

  it('a body that is not what its Content-Encoding says gets 400; unknown encodings and charsets 415', async () => {
    const bogus = await raw('/graphql').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"query":"{ __typename }"}');
    expect(bogus.status).toBe(400);
    expect(bogus.body).toEqual({ code: 'BAD_USER_INPUT', message: 'The request body could not be decoded as gzip, as its Content-Encoding says' });

    const gzipped = await raw('/graphql')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(gzipSync('{"query":"{ __typename }"}') as unknown as string);
    expect(gzipped.status).toBe(200);
    expect(gzipped.body).toEqual({ data: { __typename: 'Query' } });

    const unknown = await raw('/health').set('content-type', 'application/json').set('content-encoding', 'compress').send('xx');
    expect(unknown.status).toBe(415);
    expect(unknown.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Encoding "compress" is not supported: send the body as is, or as gzip, deflate or br' });

    const charset = await raw('/graphql').set('content-type', 'application/json; charset=koi8-r').send('{}');
    expect(charset.status).toBe(415);
    expect(charset.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'charset "koi8-r" is not supported: send JSON as UTF-8' });

    const broken = await raw('/graphql').set('content-type', 'application/json').send('{"query":');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('BAD_USER_INPUT');
    expect(broken.body.message).toBe('Unexpected end of JSON input');

    // The server carries on.
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
