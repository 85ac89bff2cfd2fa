import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EcoLabelledLines1763800000177 } from '../migrations/1763800000177-EcoLabelledLines';
import { IdentityService } from '../src/identity/identity.service';
import { Role } from '../src/identity/role';
import { RequestContext } from '../src/platform/context/request-context';
import { osloToday } from '../src/platform/time/oslo-date';
import { publishFile } from './support/fixtures';
import { factsWritten, submitCart } from './support/insights';
import { acceptedOrder, drain, kontorlandErp, postDocument, receive } from './support/invoicing';
import { QUICK_ISSUE_DATE, quickInvoiceXml } from './support/invoices';
import { COPY_PAPER_FROM_THE_SHOP } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

const ECO = 'period organisationId category supplierId supplierName currency total ecoLabelled notLabelled unknown ecoLabelledShare ecoLabelledShareOfKnown lines';

/**
 * The share of eco-labelled spend (issue 17 §2) over the real app: orders over HTTP, invoices and
 * a credit note through POST /documents, facts through the outbox. From the demo catalogue of
 * Kontorland, Nordby skole orders:
 *  1  10 × KL-100 copy paper, Svanemerket: 450.70 eco-labelled, and 2 × KL-106, no label: 509.62;
 *  2  10 PK copy paper in free text from "Nærbutikken" at 60.00: 600.00, unknown;
 * then Kontorland publishes a catalogue version in which KL-100 has no label, and
 *  3  1 × KL-100, now unlabelled: 45.07.
 * Order 1 is invoiced whole (960.32) and 2 × KL-100 credited (−90.14), after the label was removed.
 */
describe('Eco-labelled spend in insights (issue 17 §2)', () => {
  let t: TestApp;
  let unit: string;
  let accountsPayable: string;
  let vestby: string;
  const month = `${osloToday().slice(0, 7)}-01`;

  const q = async (token: string, filter: Record<string, unknown>) => {
    const res = await t.gql(token, `query($f: InsightFilter) { r: insightEcoLabelledSpend(filter: $f) { ${ECO} } }`, { f: filter });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.r;
  };

  beforeAll(async () => {
    t = await startTestApp();
    unit = await t.login('innkjoper@storby.example');
    accountsPayable = await t.login('faktura@storby.example');
    const ds = t.app.get(DataSource);
    await t.app.get(IdentityService).grantMembership(new RequestContext(undefined, ds.manager), {
      email: 'innkjop@vestby.example',
      name: 'Vestby innkjøp',
      organisationId: t.world.orgs.vestby,
      roles: [Role.PURCHASER, Role.ADMIN, Role.ACCOUNTS_PAYABLE],
    });
    vestby = await t.login('innkjop@vestby.example');

    const order1 = await acceptedOrder(t, [
      { sellerItemId: 'KL-100', quantity: '10' },
      { sellerItemId: 'KL-106', quantity: '2' },
    ]);
    await submitCart(t, [COPY_PAPER_FROM_THE_SHOP]);
    await factsWritten(t);
    const lines = await t.sql('SELECT line_no, eco_labelled FROM purchase_order_line WHERE order_id = $1 ORDER BY line_no', [order1.id]);
    expect(lines.map((l: any) => l.eco_labelled)).toEqual([true, false]);

    // Kontorland publishes a new version of its demo catalogue in which KL-100 has no label.
    const [{ id: agreementId }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
    const demo = readFileSync(join(__dirname, '..', 'catalogs', 'kontorland-kontorrekvisita.csv'), 'utf8');
    const unlabelled = demo.replace(/^(KL-100,(?:[^,"]*|"[^"]*"),(?:[^,"]*|"[^"]*"),14111507,45\.07,NOK,25,PK,\d+,Kontorland,)Svanemerket,/m, '$1,');
    expect(unlabelled).not.toBe(demo);
    await publishFile(t, agreementId, Buffer.from(unlabelled, 'utf8'), 'kontorland-v2.csv');
    await submitCart(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);

    const erp = await kontorlandErp(t);
    await receive(t, order1.id, [
      { lineId: '1', quantity: '10' },
      { lineId: '2', quantity: '2' },
    ]);
    const invoice = await postDocument(
      t,
      erp,
      quickInvoiceXml({
        id: 'ECO-F1',
        orderReference: order1.number,
        lines: [
          { quantity: '10', price: '45.07', orderLineId: '1' },
          { quantity: '2', price: '254.81', orderLineId: '2' },
        ],
      }),
    );
    expect(invoice.body.status).toBe('APPROVED');
    const credit = await postDocument(
      t,
      erp,
      quickInvoiceXml({ kind: 'CreditNote', id: 'ECO-K1', orderReference: order1.number, billingReference: 'ECO-F1', lines: [{ quantity: '2', price: '45.07', orderLineId: '1' }] }),
    );
    expect(credit.body.status).toBe('APPROVED');
    await drain(t);
    await factsWritten(t);
  }, 300_000);
  afterAll(() => t?.close());

  it('splits ordered spend into eco-labelled, unlabelled and unknown (free text), to the øre, for the purchasing unit and the buyer organisation alike', async () => {
    const expected = {
      period: month,
      currency: 'NOK',
      total: '1605.39',
      ecoLabelled: '450.70',
      notLabelled: '554.69',
      unknown: '600.00',
      // 450.70 / 1605.39 and 450.70 / (450.70 + 554.69)
      ecoLabelledShare: '0.2807',
      ecoLabelledShareOfKnown: '0.4483',
      lines: 4,
    };
    expect(await q(unit, { organisationId: t.world.orgs.skole })).toEqual([expect.objectContaining(expected)]);
    expect(await q(accountsPayable, {})).toEqual([expect.objectContaining(expected)]);
  });

  it('keeps what was eco-labelled when bought: the label removed from the catalogue later counts only for the order placed after', async () => {
    const rows = await q(unit, { organisationId: t.world.orgs.skole, groupBy: ['SUPPLIER'] });
    expect(rows.map((r: any) => [r.supplierName, r.total, r.ecoLabelled, r.notLabelled, r.unknown])).toEqual([
      ['Kontorland AS', '1005.39', '450.70', '554.69', '0.00'],
      ['Nærbutikken', '600.00', '0.00', '0.00', '600.00'],
    ]);
    const facts = await t.sql(`SELECT round(amount, 2)::text AS amount, eco_labelled FROM insights_order_line WHERE buyer_organisation_id = $1 ORDER BY order_line_id`, [t.world.orgs.skole]);
    expect(facts.map((f: any) => [f.amount, f.eco_labelled])).toEqual([
      ['450.70', true],
      ['509.62', false],
      ['600.00', null],
      ['45.07', false],
    ]);
  });

  it('groups by period, UNSPSC family and supplier', async () => {
    const rows = await q(unit, { organisationId: t.world.orgs.skole, groupBy: ['PERIOD', 'CATEGORY', 'SUPPLIER'], unspscLevel: 'FAMILY' });
    expect(rows.map((r: any) => [r.period, r.category, r.supplierName, r.ecoLabelled, r.ecoLabelledShare])).toEqual([
      [month, '14110000', 'Kontorland AS', '450.70', '0.4483'],
      [month, '14110000', 'Nærbutikken', '0.00', '0.00'],
    ]);
  });

  it('counts invoiced eco-labelled spend from the order line as ordered, credit notes deducted', async () => {
    const [row] = await q(accountsPayable, { basis: 'INVOICED', organisationId: t.world.orgs.skole });
    // 450.70 − 90.14 eco-labelled (the credit note came after the label was removed: still eco), 509.62 not.
    expect(row).toMatchObject({
      period: `${QUICK_ISSUE_DATE.slice(0, 7)}-01`,
      total: '870.18',
      ecoLabelled: '360.56',
      notLabelled: '509.62',
      unknown: '0.00',
      ecoLabelledShare: '0.4144',
      ecoLabelledShareOfKnown: '0.4144',
      lines: 3,
    });
  });

  it('shows another buyer tree nothing: Vestby sees no rows, and Nordby skole is not found for it', async () => {
    expect(await q(vestby, {})).toEqual([]);
    expect(await q(vestby, { basis: 'INVOICED' })).toEqual([]);
    const refused = await t.gql(vestby, `query($f: InsightFilter) { insightEcoLabelledSpend(filter: $f) { total } }`, { f: { organisationId: t.world.orgs.skole } });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const csv = await t.http.get(`/insights/eco-labelled-spend.csv?organisationId=${t.world.orgs.skole}`).set('Authorization', `Bearer ${vestby}`);
    expect(csv.status).toBe(404);
    const requester = await t.gql(await t.login('bestiller@nordby.example'), `{ insightEcoLabelledSpend { total } }`);
    expect(requester.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exports the same figures as CSV beside the other insight reports', async () => {
    const csv = await t.http.get(`/insights/eco-labelled-spend.csv?organisationId=${t.world.orgs.skole}&groupBy=PERIOD`).set('Authorization', `Bearer ${unit}`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
      'period,currency,total,ecoLabelled,notLabelled,unknown,ecoLabelledShare,ecoLabelledShareOfKnown,lines',
      `${month},NOK,1605.39,450.70,554.69,600.00,0.2807,0.4483,4`,
    ]);
  });

  it('fills in the lines bought before migration 177 from the item rows they snapshot: the same flags as recorded', async () => {
    const flags = () =>
      t.sql(`SELECT 'cart' AS t, id, eco_labelled FROM cart_line UNION ALL SELECT 'order', id, eco_labelled FROM purchase_order_line
             UNION ALL SELECT 'ordered', order_line_id, eco_labelled FROM insights_order_line UNION ALL SELECT 'invoiced', invoice_line_id, eco_labelled FROM insights_invoice_line
             ORDER BY 1, 2`);
    const recorded = await flags();
    expect(recorded.filter((r: any) => r.eco_labelled === true).length).toBeGreaterThanOrEqual(4);
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await new EcoLabelledLines1763800000177().down(runner);
      await new EcoLabelledLines1763800000177().up(runner);
    } finally {
      await runner.release();
    }
    expect(await flags()).toEqual(recorded);
    expect((await q(unit, { organisationId: t.world.orgs.skole }))[0]).toMatchObject({ ecoLabelled: '450.70', notLabelled: '554.69', unknown: '600.00' });
  });
});
