import { InvoiceStatus } from '../src/invoicing/invoice-status';
import { acceptedOrder, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { approvedOrder } from './support/orders';
import { storedInvoice } from './support/stored-invoices';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Posting export (issue 16 §3): accounts payable of a buyer organisation exports every approved
 * invoice and credit note of it and the organisations below it, each exactly once, as CSV and
 * JSON that read back byte for byte.
 */

const CREATE = `mutation { createPostingExport { __typename
  ... on PostingExportBatch { id organisationId invoiceCount createdAt csvPath jsonPath }
  ... on ErrorResult { errorCode message } } }`;
const LIST = `query($first: Int, $after: String) { postingExports(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id organisationId invoiceCount } } } }`;
const GRANT = 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }';
const REGISTER_CLIENT = `mutation($i: RegisterMachineClientInput!) { registerMachineClient(input: $i) { __typename ... on MachineClient { id } } }`;
const CLIENT_TOKEN = 'mutation($c: String) { devClientToken(clientId: $c) { token } }';

describe('posting export', () => {
  let t: TestApp;
  let ap: string;
  let order: { id: number; number: string };
  let costCentre: { code: string; name: string };
  let agreementReference: string;
  const ids: Record<string, number> = {};

  const create = async (token: string) => (await t.gql(token, CREATE)).data?.createPostingExport;
  const file = (token: string, path: string) => t.http.get(path).set('Authorization', `Bearer ${token}`).buffer(true);
  const batchesOf = async (invoiceIds: number[]) =>
    (await t.sql(`SELECT invoice_id, batch_id FROM posting_export_item WHERE invoice_id = ANY($1) ORDER BY invoice_id`, [invoiceIds])).map((r) => [r.invoice_id, r.batch_id]);

  beforeAll(async () => {
    t = await startTestApp();
    ap = await t.login('faktura@storby.example');
    const { orgs } = t.world;
    order = await approvedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }], undefined, { accountingString: '6540.2100.100' });
    [costCentre] = await t.sql(`SELECT c.code, c.name FROM cost_centre c JOIN purchase_order o ON o.cost_centre_id = c.id WHERE o.id = $1`, [order.id]);
    [{ reference: agreementReference }] = await t.sql(`SELECT a.reference FROM agreement a JOIN purchase_order o ON o.agreement_id = a.id WHERE o.id = $1`, [order.id]);
    ids.school = await storedInvoice(t, { number: 'KL-F-1', supplierId: orgs.kontorland, buyerOrganisationId: orgs.skole, net: '1000.00', orderId: order.id });
    ids.credit = await storedInvoice(t, { number: 'KL-K-1', kind: 'CREDIT_NOTE', supplierId: orgs.kontorland, buyerOrganisationId: orgs.skole, net: '100.00', orderId: order.id });
    ids.municipality = await storedInvoice(t, {
      number: 'MF-77',
      supplierId: orgs.medisinsk,
      buyerOrganisationId: orgs.kommune,
      net: '80.00',
      accountingCost: 'SUPPLIER-WROTE-THIS',
      contractReference: 'AVTALE-X',
    });
    ids.exception = await storedInvoice(t, { number: 'KL-F-2', supplierId: orgs.kontorland, buyerOrganisationId: orgs.skole, net: '50.00', status: InvoiceStatus.EXCEPTION });
    ids.vestby = await storedInvoice(t, { number: 'KL-F-3', supplierId: orgs.kontorland, buyerOrganisationId: orgs.vestby, net: '70.00' });
  });
  afterAll(() => t?.close());

  it('exports the approved invoices and credit notes of the organisation and those below it, once, and the files read back byte for byte', async () => {
    const batch = await create(ap);
    expect(batch).toMatchObject({ __typename: 'PostingExportBatch', organisationId: t.world.orgs.kommune, invoiceCount: 3 });
    expect(batch.csvPath).toBe(`/posting-exports/${batch.id}.csv`);
    expect(await batchesOf(Object.values(ids))).toEqual([
      [ids.school, batch.id],
      [ids.credit, batch.id],
      [ids.municipality, batch.id],
    ]);

    const csv = await file(ap, batch.csvPath);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.split('\r\n');
    const header = lines[0].split(';');
    const cell = (row: number, name: string) => lines[row].split(';')[header.indexOf(name)];
    expect(lines).toHaveLength(5); // header, three invoices, and the final line end
    // Invoice id order: the school's invoice, its credit note, the municipality's.
    expect(lines.slice(1, 4).map((_, i) => cell(i + 1, 'invoice_number'))).toEqual(['"KL-F-1"', '"KL-K-1"', '"MF-77"']);
    expect([cell(1, 'supplier_name'), cell(1, 'supplier_org_number'), cell(1, 'buyer_name')]).toEqual(['"Kontorland AS"', '"981000056"', '"Nordby skole"']);
    expect([cell(1, 'order_number'), cell(1, 'cost_centre_code'), cell(1, 'cost_centre_name'), cell(1, 'accounting_string'), cell(1, 'agreement_reference')]).toEqual([
      `"${order.number}"`,
      `"${costCentre.code}"`,
      `"${costCentre.name}"`,
      '"6540.2100.100"',
      `"${agreementReference}"`,
    ]);
    expect([cell(1, 'invoice_date'), cell(1, 'due_date'), cell(1, 'currency')]).toEqual(['"2026-11-20"', '"2026-12-20"', '"NOK"']);
    expect([cell(1, 'amount_excl_vat'), cell(1, 'vat_25_basis'), cell(1, 'vat_25_amount'), cell(1, 'vat_15_basis'), cell(1, 'total_incl_vat')]).toEqual([
      '1000.00',
      '1000.00',
      '250.00',
      '0.00',
      '1250.00',
    ]);
    // A credit note reverses: its amounts are negative.
    expect([cell(2, 'kind'), cell(2, 'amount_excl_vat'), cell(2, 'vat_25_amount'), cell(2, 'payable_amount')]).toEqual(['"CREDIT_NOTE"', '-100.00', '-25.00', '-125.00']);
    // Without an order: no cost centre or order number; the supplier's accounting string and contract reference stand.
    expect([cell(3, 'order_number'), cell(3, 'cost_centre_code'), cell(3, 'accounting_string'), cell(3, 'agreement_reference')]).toEqual(['', '', '"SUPPLIER-WROTE-THIS"', '"AVTALE-X"']);

    const json = await file(ap, batch.jsonPath);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(json.text);
    expect(doc.batch).toMatchObject({
      id: String(batch.id),
      organisationId: t.world.orgs.kommune,
      invoiceCount: 3,
      totals: [{ currency: 'NOK', amountExclVat: '980.00', vatTotal: '245.00', payableAmount: '1225.00' }],
    });
    expect(doc.invoices[0]).toMatchObject({
      invoiceNumber: 'KL-F-1',
      costCentre: costCentre,
      orderNumber: order.number,
      vat: [{ category: 'S', rate: '25', taxableAmount: '1000.00', vatAmount: '250.00' }],
    });

    // The same bytes again, even after the cost centre and the supplier are renamed.
    await t.sql(`UPDATE cost_centre SET name = 'Renamed' WHERE code = $1`, [costCentre.code]);
    await t.sql(`UPDATE organisation SET name = 'Kontorland Renamed AS' WHERE id = $1`, [t.world.orgs.kontorland]);
    expect((await file(ap, batch.csvPath)).body).toEqual(csv.body);
    expect((await file(ap, batch.jsonPath)).body).toEqual(json.body);
    await t.sql(`UPDATE organisation SET name = 'Kontorland AS' WHERE id = $1`, [t.world.orgs.kontorland]);
  });

  it('says there is nothing to export, without making an empty batch, and a new export holds only new invoices', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM posting_export_batch`);
    expect(await create(ap)).toMatchObject({ __typename: 'NothingToExportError', errorCode: 'NOTHING_TO_EXPORT' });
    expect(await t.sql(`SELECT count(*)::int AS n FROM posting_export_batch`)).toEqual(before);

    // The exception is approved later: only it goes into the next batch.
    await t.sql(`UPDATE invoice SET status = 'APPROVED' WHERE id = $1`, [ids.exception]);
    const next = await create(ap);
    expect(next).toMatchObject({ __typename: 'PostingExportBatch', invoiceCount: 1 });
    const lines = (await file(ap, next.csvPath)).text.split('\r\n');
    expect(lines.slice(1, -1).map((l) => l.split(';')[3])).toEqual(['"KL-F-2"']);
  });

  it('never puts one invoice in two batches when exports run at once', async () => {
    const fresh = await Promise.all(
      Array.from({ length: 12 }, (_, i) => storedInvoice(t, { number: `RACE-${i}`, supplierId: t.world.orgs.kontorland, buyerOrganisationId: t.world.orgs.sykehjem, net: '10.00' })),
    );
    const results = await Promise.all(Array.from({ length: 4 }, () => create(ap)));
    const made = results.filter((r) => r.__typename === 'PostingExportBatch');
    expect(results.every((r) => ['PostingExportBatch', 'NothingToExportError'].includes(r.__typename))).toBe(true);
    expect(made.reduce((n, b) => n + b.invoiceCount, 0)).toBe(fresh.length);
    const placed = await batchesOf(fresh);
    expect(placed.map(([invoiceId]) => invoiceId)).toEqual([...fresh].sort((a, b) => a - b));
    // Each batch's count is what it holds.
    for (const b of made) expect(placed.filter(([, batchId]) => batchId === b.id)).toHaveLength(b.invoiceCount);
  });

  it('exports an invoice that came in through POST /documents and was approved by matching, with its order’s cost centre', async () => {
    const accepted = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '4' }]);
    await receive(t, accepted.id, [{ lineId: '1', quantity: '4' }]);
    const posted = await postDocument(
      t,
      await kontorlandErp(t),
      quickInvoiceXml({ id: 'REAL-1', orderReference: accepted.number, lines: [{ quantity: '4', price: '45.07', orderLineId: '1', sellerItemId: 'KL-100' }] }),
    );
    expect(posted.body).toMatchObject({ status: 'APPROVED' });
    const batch = await create(ap);
    expect(batch).toMatchObject({ __typename: 'PostingExportBatch', invoiceCount: 1 });
    const [invoice] = JSON.parse((await file(ap, batch.jsonPath)).text).invoices;
    expect(invoice).toMatchObject({
      invoiceId: String(posted.body.id),
      invoiceNumber: 'REAL-1',
      kind: 'INVOICE',
      supplier: { name: 'Kontorland AS', orgNumber: '981000056' },
      buyer: { orgNumber: '911000024' },
      orderNumber: accepted.number,
      costCentre: { code: costCentre.code },
      agreementReference,
      amountExclVat: '180.28',
      vat: [{ category: 'S', rate: '25', taxableAmount: '180.28', vatAmount: '45.07' }],
      totalInclVat: '225.35',
    });
  });

  it('lists batches newest first with pagination', async () => {
    const all = (await t.gql(ap, LIST, { first: 100 })).data.postingExports;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    const ids = all.edges.map((e: { node: { id: number } }) => e.node.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = (await t.gql(ap, LIST, { first: 1 })).data.postingExports;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await t.gql(ap, LIST, { first: 1, after: first.pageInfo.endCursor })).data.postingExports;
    expect(second.edges[0].node.id).toBe(ids[1]);
  });

  it('lets the finance system export as a machine client with ACCOUNTS_PAYABLE', async () => {
    const operator = await t.login('operator@torg.example');
    const registered = await t.gql(operator, REGISTER_CLIENT, { i: { organisationId: t.world.orgs.kommune, clientId: 'storby-okonomi', name: 'Storby økonomisystem', roles: ['ACCOUNTS_PAYABLE'] } });
    expect(registered.data?.registerMachineClient.__typename).toBe('MachineClient');
    const client = (await t.gql(null, CLIENT_TOKEN, { c: 'storby-okonomi' })).data.devClientToken.token;
    const invoice = await storedInvoice(t, { number: 'MACHINE-1', supplierId: t.world.orgs.kontorland, buyerOrganisationId: t.world.orgs.kommune, net: '20.00' });
    const batch = await create(client);
    expect(batch).toMatchObject({ __typename: 'PostingExportBatch', invoiceCount: 1 });
    expect(await batchesOf([invoice])).toEqual([[invoice, batch.id]]);
    const [row] = await t.sql(`SELECT created_by_user_id, created_by_client_id FROM posting_export_batch WHERE id = $1`, [batch.id]);
    expect(row.created_by_user_id).toBeNull();
    expect(row.created_by_client_id).toBe(registered.data.registerMachineClient.id);
    expect((await file(client, batch.jsonPath)).status).toBe(200);
  });

  describe('tenancy and roles', () => {
    let vestbyAp: string;
    let schoolAp: string;

    beforeAll(async () => {
      const operator = await t.login('operator@torg.example');
      for (const [email, org] of [
        ['faktura@vestby.example', t.world.orgs.vestby],
        ['faktura@nordby.example', t.world.orgs.skole],
      ] as const) {
        const granted = await t.gql(operator, GRANT, { i: { email, name: email, organisationId: org, roles: ['ACCOUNTS_PAYABLE'] } });
        expect(granted.data?.grantMembership.userId).toEqual(expect.any(Number));
      }
      vestbyAp = await t.login('faktura@vestby.example');
      schoolAp = await t.login('faktura@nordby.example');
    });

    it('never exports another organisation’s invoices: Vestby’s accounts payable gets Vestby’s alone', async () => {
      const batch = await create(vestbyAp);
      expect(batch).toMatchObject({ __typename: 'PostingExportBatch', organisationId: t.world.orgs.vestby, invoiceCount: 1 });
      expect(await batchesOf([ids.vestby])).toEqual([[ids.vestby, batch.id]]);
      const doc = JSON.parse((await file(vestbyAp, batch.jsonPath)).text);
      expect(doc.invoices.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual(['KL-F-3']);
    });

    it('shows a batch only to accounts payable at or above its organisation (404 otherwise), and lists theirs alone', async () => {
      const [kommuneBatch] = await t.sql(`SELECT id FROM posting_export_batch WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [t.world.orgs.kommune]);
      for (const token of [vestbyAp, schoolAp]) {
        const res = await file(token, `/posting-exports/${kommuneBatch.id}.csv`);
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('KL-F-1');
      }
      const vestbyList = (await t.gql(vestbyAp, LIST, { first: 100 })).data.postingExports;
      expect(vestbyList.edges.map((e: { node: { organisationId: number } }) => e.node.organisationId)).toEqual([t.world.orgs.vestby]);
      // The school's accounts payable has nothing of its own to export: the municipality took it all.
      expect(await create(schoolAp)).toMatchObject({ __typename: 'NothingToExportError' });
    });

    it('refuses callers without ACCOUNTS_PAYABLE: suppliers, requesters, anonymous', async () => {
      const [batch] = await t.sql(`SELECT id FROM posting_export_batch ORDER BY id LIMIT 1`);
      for (const email of ['katalog@kontorland.example', 'bestiller@nordby.example']) {
        const token = await t.login(email);
        expect((await t.gql(token, CREATE)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await t.gql(token, LIST)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await file(token, `/posting-exports/${batch.id}.csv`)).status).toBe(403);
      }
      expect((await t.http.get(`/posting-exports/${batch.id}.csv`)).status).toBe(401);
    });

    it('answers a malformed file name 400 and an unknown batch 404', async () => {
      expect((await file(ap, '/posting-exports/1.xlsx')).status).toBe(400);
      expect((await file(ap, '/posting-exports/abc.csv')).status).toBe(400);
      expect((await file(ap, '/posting-exports/99999999999.json')).status).toBe(400);
      expect((await file(ap, '/posting-exports/999999.json')).status).toBe(404);
    });
  });
});
