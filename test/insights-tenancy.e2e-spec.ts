import { DataSource } from 'typeorm';
import { IdentityService } from '../src/identity/identity.service';
import { Role } from '../src/identity/role';
import { SpendFacts } from '../src/insights/spend-facts';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { factsWritten } from './support/insights';
import { approvedOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every insight operation walked as the wrong organisation and the wrong role (issue 16 §5):
 * refused with the right code, and no figure of another buyer tree in any answer. Nordby skole
 * (under Storby kommune) has one approved order of 450.70; Vestby kommune one of 999.00.
 */
let t: TestApp;
let agreementId: number;

/** Each report as a GraphQL query reading its figures, and its export's name. */
const REPORTS: { query: string; file: string }[] = [
  { query: 'insightLoyalty(filter: $f) { organisationId total }', file: 'loyalty' },
  { query: 'insightLeakage(filter: $f) { organisationId amount }', file: 'leakage' },
  { query: 'insightOffAgreementLines(filter: $f) { organisationId amount }', file: 'off-agreement-lines' },
  { query: 'insightSpend(filter: $f) { organisationId amount }', file: 'spend' },
  { query: 'insightOrders(filter: $f) { organisationId amount }', file: 'orders' },
  { query: 'insightInvoices(filter: $f) { organisationId amount }', file: 'invoices' },
  { query: 'insightInvoiceExceptions(filter: $f) { organisationId received }', file: 'invoice-exceptions' },
  { query: 'insightCeilingUse(filter: $f) { agreementId orderedHere }', file: 'ceiling-use' },
  { query: 'insightEcoLabelledSpend(filter: $f) { organisationId total }', file: 'eco-labelled-spend' },
];

beforeAll(async () => {
  t = await startTestApp();
  const ds = t.app.get(DataSource);
  const system = new RequestContext(undefined, ds.manager);
  const identity = t.app.get(IdentityService);
  const grant = (email: string, org: number, roles: Role[]) => identity.grantMembership(system, { email, name: email.split('@')[0], organisationId: org, roles });
  await grant('innkjop@vestby.example', t.world.orgs.vestby, [Role.PURCHASER, Role.ADMIN]);
  await grant('faktura@sykehjem.example', t.world.orgs.sykehjem, [Role.ACCOUNTS_PAYABLE]);
  await grant('innkjop@storby.example', t.world.orgs.kommune, [Role.PURCHASER]);
  [{ id: agreementId }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);

  await approvedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await inTransaction(ds, system, (tx) =>
    t.app.get(SpendFacts).orderApproved(tx, {
      orderId: 900_001,
      orderNo: 'PO-V-1',
      buyerOrganisationId: t.world.orgs.vestby,
      supplierId: null,
      supplierName: 'Vestby Papir',
      agreementId: null,
      currency: 'NOK',
      submittedAt: new Date(),
      approvedAt: new Date(),
      lines: [
        {
          orderLineId: 900_001,
          unspscCode: '14111507',
          quantity: '1',
          unitCode: 'PK',
          unitPrice: '999.00',
          amount: '999.00',
          loyalty: 'OFF_AGREEMENT',
          agreementId: null,
          coveringAgreementIds: [],
          justificationCode: 'OTHER',
          justificationText: 'Vestby',
          catalogueItemId: null,
        },
      ],
    }),
  );
  await factsWritten(t);
}, 180_000);
afterAll(() => t?.close());

const ask = async (email: string | null, query: string, filter: Record<string, unknown> = {}) => t.gql(email ? await t.login(email) : null, `query($f: InsightFilter) { r: ${query} }`, { f: filter });
const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;

describe('insight reports, as the wrong role', () => {
  it.each([
    ['no token', null, 'UNAUTHENTICATED', 401],
    ['a supplier', 'katalog@kontorland.example', 'FORBIDDEN', 403],
    ['a requester', 'bestiller@nordby.example', 'FORBIDDEN', 403],
    ['an approver', 'attestant@nordby.example', 'FORBIDDEN', 403],
  ])('refuses %s every report and export', async (_who, email, gqlCode, status) => {
    for (const r of REPORTS) {
      const res = await ask(email, r.query);
      expect([r.file, code(res), res.data?.r ?? null]).toEqual([r.file, gqlCode, null]);
      for (const format of ['csv', 'json']) {
        const req = t.http.get(`/insights/${r.file}.${format}`);
        if (email) req.set('Authorization', `Bearer ${await t.login(email)}`);
        expect([r.file, format, (await req).status]).toEqual([r.file, format, status]);
      }
    }
  });
});

describe('insight reports, as the wrong organisation', () => {
  it.each([
    ['Vestby’s purchaser', 'innkjop@vestby.example', 'skole'],
    ['Storby sykehjem’s accounts payable (a sibling of the school)', 'faktura@sykehjem.example', 'skole'],
    ['Storby kommune’s admin', 'okonomi@storby.example', 'vestby'],
    ['the purchasing unit (Vestby takes part in none of its agreements)', 'innkjoper@storby.example', 'vestby'],
  ] as const)('%s is told NOT_FOUND for the other tree, in every report and export', async (_who, email, other) => {
    for (const r of REPORTS) {
      expect([r.file, code(await ask(email, r.query, { organisationId: t.world.orgs[other] }))]).toEqual([r.file, 'NOT_FOUND']);
      const res = await t.http.get(`/insights/${r.file}.csv?organisationId=${t.world.orgs[other]}`).set('Authorization', `Bearer ${await t.login(email)}`);
      expect([r.file, res.status]).toEqual([r.file, 404]);
    }
  });

  it('shows each caller only the spend of its own tree (or its agreements’ participants), in answers and exports alike', async () => {
    const seen = async (email: string) => {
      const rows = (await ask(email, 'insightSpend(filter: $f) { organisationId amount }', { groupBy: ['ORGANISATION'] })).data.r;
      const csv = (await t.http.get('/insights/spend.csv?groupBy=ORGANISATION').set('Authorization', `Bearer ${await t.login(email)}`)).text;
      return { rows, csvLines: csv.trim().split('\r\n').length - 1 };
    };
    const skole = { organisationId: t.world.orgs.skole, amount: '450.70' };
    const vestby = { organisationId: t.world.orgs.vestby, amount: '999.00' };
    expect(await seen('innkjop@vestby.example')).toEqual({ rows: [vestby], csvLines: 1 });
    expect(await seen('okonomi@storby.example')).toEqual({ rows: [skole], csvLines: 1 });
    expect(await seen('faktura@storby.example')).toEqual({ rows: [skole], csvLines: 1 });
    expect(await seen('innkjoper@storby.example')).toEqual({ rows: [skole], csvLines: 1 });
    expect(await seen('faktura@sykehjem.example')).toEqual({ rows: [], csvLines: 0 });
    const lines = (await ask('innkjoper@storby.example', 'insightOffAgreementLines(filter: $f) { documentNumber }')).data.r;
    expect(lines).toEqual([]);
  });
});

describe('open data, as the wrong organisation and role', () => {
  const publish = async (email: string | null) =>
    t.gql(email ? await t.login(email) : null, 'mutation($a: Int!) { setAgreementOpenData(agreementId: $a, published: true) { published } }', { a: agreementId });

  it.each([
    ['no token', null, 'UNAUTHENTICATED'],
    ['the agreement’s supplier', 'katalog@kontorland.example', 'FORBIDDEN'],
    ['a buyer ADMIN without PURCHASER', 'okonomi@storby.example', 'FORBIDDEN'],
    ['a PURCHASER of a participant', 'innkjop@storby.example', 'FORBIDDEN'],
    ['a PURCHASER of an outsider', 'innkjop@vestby.example', 'NOT_FOUND'],
  ])('refuses %s switching publication on, and nothing is published', async (_who, email, expected) => {
    expect(code(await publish(email))).toBe(expected);
    expect((await t.http.get(`/open-data/agreements/${agreementId}/usage.json`)).status).toBe(404);
  });

  it('answers 404 alike for an agreement that does not exist and a malformed file name', async () => {
    expect((await t.http.get('/open-data/agreements/999999/usage.json')).status).toBe(404);
    expect((await t.http.get(`/open-data/agreements/${agreementId}/orders.json`)).status).toBe(404);
    expect((await t.http.get('/open-data/agreements/abc/usage.json')).status).toBe(400);
  });
});
