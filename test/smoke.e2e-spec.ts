import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('serves health and search', async () => {
  const h = await t.http.get('/health');
  console.log(h.status, h.body);
  const token = await t.login('bestiller@nordby.example');
  const r = await t.gql(token, '{ searchProducts(input: { text: "kopipapri" }) { totalCount engine edges { node { name highlightedName mandatory } } facets { segment { value label count } } } }');
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
});
