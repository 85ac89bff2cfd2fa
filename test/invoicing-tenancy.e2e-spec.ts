import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';

/**
 * Every invoicing operation as the wrong organisation and as the wrong role (issue 16 §5): a
 * supplier sees only its invoices, a buyer only its own organisation's (and those below it);
 * outsiders are told NOT_FOUND, never whether an invoice exists; wrong roles FORBIDDEN.
 */
let t: TestApp;
let invoice: { id: number; version: number; number: string };
let orderNumber: string;
let ruleId: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const erp = await kontorlandErp(t);
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
  orderNumber = order.number;
  await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
  // 50.00 for a 45.07 item: an exception, so there is something to decide.
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: 'F-TENANT', orderReference: order.number, lines: [{ quantity: '2', price: '50.00', orderLineId: '1' }] }));
  expect(posted.body.status).toBe('EXCEPTION');
  const [row] = await t.sql(`SELECT id, version, invoice_number AS number FROM invoice WHERE id = $1`, [Number(posted.body.id)]);
  invoice = row;

  // Vestby kommune's accounts payable: the right role in the wrong organisation.
  const operator = await t.login('operator@torg.example');
  const granted = await t.gql(
    operator,
    'mutation($o: Int!) { grantMembership(input: { email: "faktura@vestby.example", name: "Vera Vestby", organisationId: $o, roles: [ACCOUNTS_PAYABLE, ADMIN] }) { userId } }',
    {
      o: t.world.orgs.vestby,
    },
  );
  expect(granted.errors).toBeUndefined();
  for (const email of [
    'faktura@storby.example',
    'faktura@vestby.example',
    'bestiller@nordby.example',
    'attestant@nordby.example',
    'innkjoper@storby.example',
    'katalog@kontorland.example',
    'katalog@medisinsk.example',
  ])
    tokens[email] = await t.login(email);
  tokens['medisinsk-erp'] = (await t.gql(null, 'mutation { devClientToken(clientId: "medisinsk-erp") { token } }')).data.devClientToken.token;
  tokens['kontorland-erp'] = erp;

  const rule = await t.gql(
    tokens['faktura@storby.example'],
    `mutation($o: Int!) { addInvoiceMatchRule(input: { organisationId: $o, unspscPrefix: "14", mode: TWO_WAY }) { ... on InvoiceMatchRule { id } } }`,
    {
      o: t.world.orgs.skole,
    },
  );
  ruleId = rule.data.addInvoiceMatchRule.id;
});
afterAll(() => t?.close());

/** Each operation, as a GraphQL request; `code` is the error expected, or null when the caller sees nothing of the invoice in a list. */
const OPERATIONS = {
  invoice: () => ({ query: `query($id: Int!) { invoice(id: $id) { id } }`, variables: { id: invoice.id } }),
  approveInvoice: () => ({
    query: `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: invoice.id, expectedVersion: invoice.version, reason: 'x' } },
  }),
  disputeInvoice: () => ({
    query: `mutation($i: DisputeInvoiceInput!) { disputeInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: invoice.id, expectedVersion: invoice.version, reason: 'x' } },
  }),
  queryInvoice: () => ({
    query: `mutation($i: QueryInvoiceInput!) { queryInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: invoice.id, expectedVersion: invoice.version, reasons: [{ code: 'PRI', text: 'x' }] } },
  }),
  markInvoicesPaid: () => ({
    query: `mutation($i: MarkInvoicesPaidInput!) { markInvoicesPaid(input: $i) { __typename } }`,
    variables: { i: { invoiceIds: [invoice.id], paidOn: '2026-01-02' } },
  }),
  invoiceExceptions: () => ({ query: `{ invoiceExceptions(first: 100) { edges { node { id } } } }`, variables: {} }),
  invoiceMatchPolicy: () => ({ query: `query($o: Int) { invoiceMatchPolicy(organisationId: $o) { mode } }`, variables: { o: t.world.orgs.skole } }),
  setInvoiceMatchPolicy: () => ({ query: `mutation($o: Int) { setInvoiceMatchPolicy(input: { organisationId: $o, mode: TWO_WAY }) { mode } }`, variables: { o: t.world.orgs.skole } }),
  addInvoiceMatchRule: () => ({
    query: `mutation($o: Int, $s: Int) { addInvoiceMatchRule(input: { organisationId: $o, supplierId: $s, mode: TWO_WAY }) { __typename } }`,
    variables: { o: t.world.orgs.skole, s: t.world.orgs.kontorland },
  }),
  removeInvoiceMatchRule: () => ({ query: `mutation($r: Int!) { removeInvoiceMatchRule(ruleId: $r) { id } }`, variables: { r: ruleId } }),
};
type Operation = keyof typeof OPERATIONS;

const run = async (who: string, op: Operation) => {
  const { query, variables } = OPERATIONS[op]();
  return t.gql(tokens[who], query, variables);
};
const codeOf = async (who: string, op: Operation) => (await run(who, op)).errors?.[0]?.extensions?.code ?? 'OK';

it('tells the wrong roles FORBIDDEN for every invoicing operation', async () => {
  const wrongRoles: [string, Operation[]][] = [
    ['bestiller@nordby.example', Object.keys(OPERATIONS) as Operation[]],
    ['attestant@nordby.example', Object.keys(OPERATIONS) as Operation[]],
    [
      'innkjoper@storby.example',
      ['approveInvoice', 'disputeInvoice', 'queryInvoice', 'markInvoicesPaid', 'invoiceExceptions', 'invoiceMatchPolicy', 'setInvoiceMatchPolicy', 'addInvoiceMatchRule', 'removeInvoiceMatchRule'],
    ],
    [
      'katalog@kontorland.example',
      ['approveInvoice', 'disputeInvoice', 'queryInvoice', 'markInvoicesPaid', 'invoiceExceptions', 'invoiceMatchPolicy', 'setInvoiceMatchPolicy', 'addInvoiceMatchRule', 'removeInvoiceMatchRule'],
    ],
    ['kontorland-erp', ['approveInvoice', 'disputeInvoice', 'queryInvoice', 'markInvoicesPaid', 'invoiceExceptions', 'setInvoiceMatchPolicy']],
  ];
  const seen: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [who, ops] of wrongRoles)
    for (const op of ops) {
      seen[`${who} ${op}`] = await codeOf(who, op);
      expected[`${who} ${op}`] = 'FORBIDDEN';
    }
  expect(seen).toEqual(expected);
});

it('tells another buyer organisation’s accounts payable NOT_FOUND (or FORBIDDEN for the policy), and shows it nothing', async () => {
  const vestby = 'faktura@vestby.example';
  expect({
    invoice: await codeOf(vestby, 'invoice'),
    approveInvoice: await codeOf(vestby, 'approveInvoice'),
    disputeInvoice: await codeOf(vestby, 'disputeInvoice'),
    queryInvoice: await codeOf(vestby, 'queryInvoice'),
    markInvoicesPaid: await codeOf(vestby, 'markInvoicesPaid'),
    removeInvoiceMatchRule: await codeOf(vestby, 'removeInvoiceMatchRule'),
    invoiceMatchPolicy: await codeOf(vestby, 'invoiceMatchPolicy'),
    setInvoiceMatchPolicy: await codeOf(vestby, 'setInvoiceMatchPolicy'),
    addInvoiceMatchRule: await codeOf(vestby, 'addInvoiceMatchRule'),
  }).toEqual({
    invoice: 'NOT_FOUND',
    approveInvoice: 'NOT_FOUND',
    disputeInvoice: 'NOT_FOUND',
    queryInvoice: 'NOT_FOUND',
    markInvoicesPaid: 'NOT_FOUND',
    removeInvoiceMatchRule: 'NOT_FOUND',
    invoiceMatchPolicy: 'FORBIDDEN',
    setInvoiceMatchPolicy: 'FORBIDDEN',
    addInvoiceMatchRule: 'FORBIDDEN',
  });
  expect((await run(vestby, 'invoiceExceptions')).data.invoiceExceptions.edges).toEqual([]);
  expect((await t.gql(tokens[vestby], `{ invoices { totalCount } }`)).data.invoices.totalCount).toBe(0);
  // Nothing changed for all those attempts.
  const [row] = await t.sql(`SELECT status, version FROM invoice WHERE id = $1`, [invoice.id]);
  expect(row).toEqual({ status: 'EXCEPTION', version: invoice.version });
  expect(await t.sql(`SELECT id FROM invoice_match_rule WHERE id = $1`, [ruleId])).toHaveLength(1);
});

it('serves an invoice’s received document to its supplier and buyer only: NOT_FOUND for another organisation, FORBIDDEN for a wrong role', async () => {
  const path = `/invoices/${invoice.id}/document`;
  const status = async (who: string) => (await t.http.get(path).set('Authorization', `Bearer ${tokens[who]}`)).status;
  expect({
    supplier: await status('kontorland-erp'),
    buyer: await status('faktura@storby.example'),
    otherSupplier: await status('medisinsk-erp'),
    otherBuyer: await status('faktura@vestby.example'),
    outsideUnit: await status('innkjoper@storby.example'),
    requester: await status('bestiller@nordby.example'),
  }).toEqual({ supplier: 200, buyer: 200, otherSupplier: 404, otherBuyer: 404, outsideUnit: 404, requester: 403 });
});

it('shows a purchasing unit outside the buyer’s tree nothing', async () => {
  const purchaser = 'innkjoper@storby.example';
  expect(await codeOf(purchaser, 'invoice')).toBe('NOT_FOUND');
  expect((await t.gql(tokens[purchaser], `{ invoices { totalCount } }`)).data.invoices.totalCount).toBe(0);
});

it('shows another supplier nothing, and does not tell it whether an order exists', async () => {
  for (const who of ['katalog@medisinsk.example', 'medisinsk-erp']) {
    expect(await codeOf(who, 'invoice')).toBe('NOT_FOUND');
    expect((await t.gql(tokens[who], `{ invoices { totalCount } }`)).data.invoices.totalCount).toBe(0);
  }
  const posted = await postDocument(
    t,
    tokens['medisinsk-erp'],
    quickInvoiceXml({ id: 'F-STEAL', seller: '982000068', orderReference: orderNumber, lines: [{ quantity: '1', price: '45.07', orderLineId: '1' }] }),
  );
  expect(posted.status).toBe(422);
  expect(posted.body.problems[0].message).toMatch(new RegExp(`^No order ${orderNumber} of Nordby skole was sent to you`));
});

it('lets the right parties in: the supplier reads its invoice, the municipality’s accounts payable sees and decides its school’s', async () => {
  expect(await codeOf('katalog@kontorland.example', 'invoice')).toBe('OK');
  expect(await codeOf('kontorland-erp', 'invoice')).toBe('OK');
  const ap = 'faktura@storby.example';
  const queue = await run(ap, 'invoiceExceptions');
  expect(queue.data.invoiceExceptions.edges.map((e: any) => e.node.id)).toContain(invoice.id);
  expect(await codeOf('innkjoper@storby.example', 'invoice')).toBe('NOT_FOUND');
  const queried = await run(ap, 'queryInvoice');
  expect(queried.data.queryInvoice.__typename).toBe('Invoice');
  invoice.version = (await t.sql(`SELECT version FROM invoice WHERE id = $1`, [invoice.id]))[0].version;
  const decided = await run(ap, 'disputeInvoice');
  expect(decided.data.disputeInvoice.__typename).toBe('Invoice');
  // Seen and decided by the right party, but a disputed invoice is not paid: refused as data, not hidden.
  expect((await run(ap, 'markInvoicesPaid')).data.markInvoicesPaid.__typename).toBe('InvoicesNotPayableError');
});
