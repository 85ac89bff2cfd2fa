import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptedOrder, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 16 §5: "tests walk every invoicing and insight operation as the wrong organisation and
 * role". The operations are not listed by hand: they are every query and mutation of
 * src/schema.gql that a resolver of src/invoicing/ or src/insights/ declares, and the first test
 * fails when one has no walk here (a new operation must say who may not call it). Each is then
 * called by a caller with the right roles in the wrong organisation (told NOT_FOUND, FORBIDDEN, or
 * shown nothing of the other organisation) and by callers of the right organisation without the
 * role (FORBIDDEN); nothing they try changes anything; and the right party is not refused, so the
 * refusals are not a broken operation. The deeper checks per module stay in invoicing-tenancy,
 * insights-tenancy, posting-export, invoice-responses and invoice-from-portal.
 */

const ROOT = join(__dirname, '..');

/** The query and mutation names of src/schema.gql. */
function schemaOperations(): Set<string> {
  const schema = readFileSync(join(ROOT, 'src/schema.gql'), 'utf8');
  const names = new Set<string>();
  for (const type of ['Query', 'Mutation']) {
    const body = new RegExp(`\\ntype ${type} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
    const fields = body.replace(/"""[\s\S]*?"""/g, '').replace(/"[^"\n]*"/g, '');
    for (const m of fields.matchAll(/^ {2}(\w+)\s*[(:]/gm)) names.add(m[1]);
  }
  return names;
}

/** The operations the resolvers under `dir` declare: the method after each @Query / @Mutation (or its `name:`). */
function declaredOperations(dir: string): string[] {
  const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.resolver.ts'));
  return files.flatMap((f) => {
    const source = readFileSync(join(ROOT, dir, f), 'utf8');
    return [...source.matchAll(/@(?:Query|Mutation)\(([\s\S]*?)\n\s*(?:async\s+)?(\w+)\(/g)].map((m) => /\bname:\s*'(\w+)'/.exec(m[1])?.[1] ?? m[2]);
  });
}

let t: TestApp;
const tokens: Record<string, string> = {};
/** An invoice of Nordby skole in EXCEPTION, one APPROVED and not yet exported, Storby's match rule and posting batch, an order of Nordby skole to invoice. */
const world = { exception: { id: 0, version: 0 }, approved: { id: 0, version: 0 }, ruleId: 0, batchId: 0, orderId: 0, agreementId: 0 };

beforeAll(async () => {
  t = await startTestApp();
  const erp = await kontorlandErp(t);
  const invoiceOf = async (id: string, price: string) => {
    const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
    await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
    const posted = await postDocument(t, erp, quickInvoiceXml({ id, orderReference: order.number, lines: [{ quantity: '2', price, orderLineId: '1' }] }));
    const [row] = await t.sql(`SELECT id, version, status FROM invoice WHERE id = $1`, [Number(posted.body.id)]);
    return row;
  };
  const exported = await invoiceOf('F-WALK-EXPORTED', '45.07');
  expect(exported.status).toBe('APPROVED');
  const ap = await t.login('faktura@storby.example');
  world.batchId = (await t.gql(ap, `mutation { createPostingExport { ... on PostingExportBatch { id } } }`)).data.createPostingExport.id;
  const exception = await invoiceOf('F-WALK-EXCEPTION', '50.00');
  const approved = await invoiceOf('F-WALK-APPROVED', '45.07');
  expect([exception.status, approved.status]).toEqual(['EXCEPTION', 'APPROVED']);
  world.exception = exception;
  world.approved = approved;
  world.orderId = (await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }])).id;
  [{ id: world.agreementId }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);

  // Vestby kommune: every buyer role, in the wrong organisation.
  const operator = await t.login('operator@torg.example');
  const granted = await t.gql(
    operator,
    'mutation($o: Int!) { grantMembership(input: { email: "alt@vestby.example", name: "Vilde Vestby", organisationId: $o, roles: [ACCOUNTS_PAYABLE, ADMIN, PURCHASER] }) { userId } }',
    {
      o: t.world.orgs.vestby,
    },
  );
  expect(granted.errors).toBeUndefined();
  for (const email of ['alt@vestby.example', 'katalog@medisinsk.example', 'bestiller@nordby.example', 'katalog@kontorland.example', 'faktura@storby.example', 'innkjoper@storby.example'])
    tokens[email] = await t.login(email);
  tokens['medisinsk-erp'] = (await t.gql(null, 'mutation { devClientToken(clientId: "medisinsk-erp") { token } }')).data.devClientToken.token;
  const rule = await t.gql(ap, `mutation($o: Int!) { addInvoiceMatchRule(input: { organisationId: $o, unspscPrefix: "14", mode: TWO_WAY }) { ... on InvoiceMatchRule { id } } }`, {
    o: t.world.orgs.skole,
  });
  world.ruleId = rule.data.addInvoiceMatchRule.id;
}, 300_000);
afterAll(() => t?.close());

type Answer = { data?: any; errors?: { extensions?: Record<string, any> }[] };
/** What a caller of the wrong organisation is told: an error code, or an answer that holds nothing of the other organisation. */
type Refusal = 'NOT_FOUND' | 'FORBIDDEN' | { shows: (data: any) => unknown; nothing: unknown };

interface Walk {
  request: () => { query: string; variables?: Record<string, unknown> };
  /** Callers with the right roles in another organisation (or another supplier), and what each is told. */
  wrongOrganisation: [string, Refusal][];
  /** Callers of the right organisation without the role: each is told FORBIDDEN. */
  wrongRole: string[];
  /** The party the operation is for: not refused. */
  rightParty: string;
}

const VESTBY = 'alt@vestby.example';
const OTHER_SUPPLIER = 'katalog@medisinsk.example';
const REQUESTER = 'bestiller@nordby.example';
const SUPPLIER = 'katalog@kontorland.example';
const AP = 'faktura@storby.example';
const PURCHASING_UNIT = 'innkjoper@storby.example';

/** A buyer-side operation on Nordby skole's invoice: Vestby's accounts payable is told it does not exist; a requester and the supplier may not. */
const onInvoice = (request: Walk['request']): Walk => ({ request, wrongOrganisation: [[VESTBY, 'NOT_FOUND']], wrongRole: [REQUESTER, SUPPLIER], rightParty: AP });
/** An insight report about Nordby skole: Vestby's purchaser and accounts payable are told it is not found; requesters and suppliers may not. */
const report = (field: string, selection: string): Walk => ({
  request: () => ({ query: `query($f: InsightFilter) { ${field}(filter: $f) { ${selection} } }`, variables: { f: { organisationId: t.world.orgs.skole } } }),
  wrongOrganisation: [[VESTBY, 'NOT_FOUND']],
  wrongRole: [REQUESTER, SUPPLIER],
  rightParty: PURCHASING_UNIT,
});
const ids = (connection: { edges: { node: { id: number } }[] }) => connection.edges.map((e) => e.node.id);

const WALK: Record<string, Walk> = {
  invoice: {
    request: () => ({ query: `query($id: Int!) { invoice(id: $id) { id } }`, variables: { id: world.exception.id } }),
    wrongOrganisation: [
      [VESTBY, 'NOT_FOUND'],
      [OTHER_SUPPLIER, 'NOT_FOUND'],
      ['medisinsk-erp', 'NOT_FOUND'],
    ],
    wrongRole: [REQUESTER],
    rightParty: SUPPLIER,
  },
  invoices: {
    request: () => ({ query: `{ invoices(first: 100) { totalCount edges { node { id } } } }` }),
    wrongOrganisation: [
      [VESTBY, { shows: (d) => d.invoices.totalCount, nothing: 0 }],
      [OTHER_SUPPLIER, { shows: (d) => d.invoices.totalCount, nothing: 0 }],
    ],
    wrongRole: [REQUESTER],
    rightParty: SUPPLIER,
  },
  invoiceResponses: {
    request: () => ({ query: `query($id: Int!) { invoiceResponses(invoiceId: $id) { id } }`, variables: { id: world.exception.id } }),
    wrongOrganisation: [
      [VESTBY, 'NOT_FOUND'],
      [OTHER_SUPPLIER, 'NOT_FOUND'],
    ],
    wrongRole: [REQUESTER],
    rightParty: SUPPLIER,
  },
  invoiceExceptions: {
    request: () => ({ query: `{ invoiceExceptions(first: 100) { edges { node { id } } } }` }),
    wrongOrganisation: [[VESTBY, { shows: (d) => ids(d.invoiceExceptions), nothing: [] }]],
    wrongRole: [REQUESTER, SUPPLIER, PURCHASING_UNIT],
    rightParty: AP,
  },
  approveInvoice: onInvoice(() => ({
    query: `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: world.exception.id, expectedVersion: world.exception.version, reason: 'walk' } },
  })),
  disputeInvoice: onInvoice(() => ({
    query: `mutation($i: DisputeInvoiceInput!) { disputeInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: world.exception.id, expectedVersion: world.exception.version, reason: 'walk' } },
  })),
  queryInvoice: onInvoice(() => ({
    query: `mutation($i: QueryInvoiceInput!) { queryInvoice(input: $i) { __typename } }`,
    variables: { i: { invoiceId: world.exception.id, expectedVersion: world.exception.version, reasons: [{ code: 'PRI', text: 'walk' }] } },
  })),
  markInvoicesPaid: onInvoice(() => ({
    query: `mutation($i: MarkInvoicesPaidInput!) { markInvoicesPaid(input: $i) { __typename } }`,
    variables: { i: { invoiceIds: [world.approved.id], paidOn: '2026-01-02', paidAmounts: [{ invoiceId: world.approved.id, amount: '1.00' }] } },
  })),
  invoiceMatchPolicy: {
    request: () => ({ query: `query($o: Int) { invoiceMatchPolicy(organisationId: $o) { mode } }`, variables: { o: t.world.orgs.skole } }),
    wrongOrganisation: [[VESTBY, 'FORBIDDEN']],
    wrongRole: [REQUESTER, SUPPLIER],
    rightParty: AP,
  },
  setInvoiceMatchPolicy: {
    request: () => ({ query: `mutation($o: Int) { setInvoiceMatchPolicy(input: { organisationId: $o, mode: TWO_WAY }) { mode } }`, variables: { o: t.world.orgs.skole } }),
    wrongOrganisation: [[VESTBY, 'FORBIDDEN']],
    wrongRole: [REQUESTER, SUPPLIER],
    rightParty: AP,
  },
  addInvoiceMatchRule: {
    request: () => ({
      query: `mutation($o: Int, $s: Int) { addInvoiceMatchRule(input: { organisationId: $o, supplierId: $s, mode: TWO_WAY }) { __typename } }`,
      variables: { o: t.world.orgs.skole, s: t.world.orgs.kontorland },
    }),
    wrongOrganisation: [[VESTBY, 'FORBIDDEN']],
    wrongRole: [REQUESTER, SUPPLIER],
    rightParty: AP,
  },
  removeInvoiceMatchRule: {
    request: () => ({ query: `mutation($r: Int!) { removeInvoiceMatchRule(ruleId: $r) { id } }`, variables: { r: world.ruleId } }),
    wrongOrganisation: [[VESTBY, 'NOT_FOUND']],
    wrongRole: [REQUESTER, SUPPLIER],
    rightParty: AP,
  },
  postingExports: {
    request: () => ({ query: `{ postingExports(first: 100) { totalCount edges { node { id } } } }` }),
    wrongOrganisation: [[VESTBY, { shows: (d) => ids(d.postingExports), nothing: [] }]],
    wrongRole: [REQUESTER, SUPPLIER, PURCHASING_UNIT],
    rightParty: AP,
  },
  createPostingExport: {
    request: () => ({ query: `mutation { createPostingExport { __typename } }` }),
    // Vestby has nothing approved: it is told so, and Nordby skole's approved invoice stays unexported (checked below).
    wrongOrganisation: [[VESTBY, { shows: (d) => d.createPostingExport.__typename, nothing: 'NothingToExportError' }]],
    wrongRole: [REQUESTER, SUPPLIER, PURCHASING_UNIT],
    rightParty: AP,
  },
  createInvoiceFromOrder: {
    request: () => ({
      query: `mutation($i: CreateInvoiceFromOrderInput!) { createInvoiceFromOrder(input: $i) { __typename } }`,
      variables: { i: { orderId: world.orderId, paymentAccount: '15032080119' } },
    }),
    wrongOrganisation: [[OTHER_SUPPLIER, 'NOT_FOUND']],
    wrongRole: [REQUESTER, AP, VESTBY],
    rightParty: SUPPLIER,
  },
  insightLoyalty: report('insightLoyalty', 'organisationId total'),
  insightLeakage: report('insightLeakage', 'organisationId amount'),
  insightOffAgreementLines: report('insightOffAgreementLines', 'organisationId amount'),
  insightSpend: report('insightSpend', 'organisationId amount'),
  insightOrders: report('insightOrders', 'organisationId amount'),
  insightInvoices: report('insightInvoices', 'organisationId amount'),
  insightInvoiceExceptions: report('insightInvoiceExceptions', 'organisationId received'),
  insightCeilingUse: report('insightCeilingUse', 'agreementId orderedHere'),
  insightEcoLabelledSpend: report('insightEcoLabelledSpend', 'organisationId total ecoLabelled'),
  insightOrganisations: {
    request: () => ({ query: `{ insightOrganisations(first: 100) { edges { node { id } } } }` }),
    wrongOrganisation: [[VESTBY, { shows: (d) => ids(d.insightOrganisations).filter((id) => id !== t.world.orgs.vestby), nothing: [] }]],
    wrongRole: [REQUESTER, SUPPLIER],
    rightParty: PURCHASING_UNIT,
  },
  setAgreementOpenData: {
    request: () => ({ query: `mutation($a: Int!) { setAgreementOpenData(agreementId: $a, published: true) { published } }`, variables: { a: world.agreementId } }),
    wrongOrganisation: [[VESTBY, 'NOT_FOUND']],
    wrongRole: [REQUESTER, SUPPLIER, AP],
    rightParty: PURCHASING_UNIT,
  },
};

const call = (who: string, op: string): Promise<Answer> => {
  const { query, variables } = WALK[op].request();
  return t.gql(tokens[who], query, variables ?? {});
};
const codeOf = (res: Answer): string => res.errors?.[0]?.extensions?.code ?? 'OK';

/** Everything a refused caller might have changed. */
const state = async () => ({
  invoices: await t.sql(`SELECT id, status, version, paid_amount::text FROM invoice ORDER BY id`),
  rules: await t.sql(`SELECT id, buyer_organisation_id, mode FROM invoice_match_rule ORDER BY id`),
  policies: await t.sql(`SELECT * FROM invoice_match_policy ORDER BY 1`),
  batches: await t.sql(`SELECT id, organisation_id FROM posting_export_batch ORDER BY id`),
  openData: await t.sql(`SELECT agreement_id FROM insights_open_agreement ORDER BY 1`),
  responses: await t.sql(`SELECT count(*)::int AS n FROM invoice_response`),
});

it('walks every invoicing and insight query and mutation of the schema, and no operation that is not one', () => {
  const schema = schemaOperations();
  const declared = [...declaredOperations('src/invoicing'), ...declaredOperations('src/insights')];
  // The parse found the operations it should (the walk below would otherwise be vacuous).
  expect(declared).toEqual(expect.arrayContaining(['invoice', 'markInvoicesPaid', 'createPostingExport', 'insightLoyalty', 'setAgreementOpenData']));
  expect(declared.filter((op) => !schema.has(op))).toEqual([]);
  // An operation named for invoices or insights but declared elsewhere would escape the walk: there is none.
  const named = [...schema].filter((op) => /invoice|insight|posting|openData/i.test(op));
  expect(named.filter((op) => !declared.includes(op))).toEqual([]);
  expect(Object.keys(WALK).sort()).toEqual([...new Set(declared)].sort());
});

it('tells a caller with the right roles in the wrong organisation NOT_FOUND or FORBIDDEN, or shows it nothing of the other organisation; nothing changes', async () => {
  const before = await state();
  const seen: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const [op, walk] of Object.entries(WALK))
    for (const [who, refusal] of walk.wrongOrganisation) {
      const res = await call(who, op);
      const key = `${op} as ${who}`;
      if (typeof refusal === 'string') {
        seen[key] = codeOf(res);
        expected[key] = refusal;
      } else {
        seen[key] = res.errors ? `error ${codeOf(res)}` : refusal.shows(res.data);
        expected[key] = refusal.nothing;
      }
    }
  expect(seen).toEqual(expected);
  expect(await state()).toEqual(before);
  expect(await t.sql(`SELECT batch_id FROM posting_export_item WHERE invoice_id = $1`, [world.approved.id])).toEqual([]);
});

it('tells a caller of the right organisation without the role FORBIDDEN for every operation; nothing changes', async () => {
  const before = await state();
  const seen: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [op, walk] of Object.entries(WALK))
    for (const who of walk.wrongRole) {
      seen[`${op} as ${who}`] = codeOf(await call(who, op));
      expected[`${op} as ${who}`] = 'FORBIDDEN';
    }
  expect(seen).toEqual(expected);
  expect(await state()).toEqual(before);
});

it('does not refuse the party each operation is for: the refusals are the walk’s, not a broken operation', async () => {
  const seen: Record<string, string> = {};
  for (const [op, walk] of Object.entries(WALK)) {
    const res = await call(walk.rightParty, op);
    // A state error after an earlier operation of this walk (a disputed invoice is not approved) is an answer too.
    seen[op] = ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'].includes(codeOf(res)) ? `refused: ${codeOf(res)}` : 'answered';
  }
  expect(seen).toEqual(Object.fromEntries(Object.keys(WALK).map((op) => [op, 'answered'])));
});
