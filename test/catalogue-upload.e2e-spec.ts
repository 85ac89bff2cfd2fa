import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createAgreement, fixture, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ UPLOAD_MAX_BYTES: String(64 * 1024) });
});
afterAll(() => t?.close());

async function counts(agreementId: number) {
  const [{ versions }] = await t.sql('SELECT count(*)::int AS versions FROM catalogue_version WHERE agreement_id = $1', [agreementId]);
  const [{ items }] = await t.sql('SELECT count(*)::int AS items FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id WHERE v.agreement_id = $1', [agreementId]);
  return { versions, items };
}

describe('catalogue upload', () => {
  it('stores a valid CSV as a DRAFT version with exact prices and attributes', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, fixture('kontor-good.csv'));
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ status: 'DRAFT', itemCount: 3, sourceFormat: 'csv', versionNo: 1 });
    const items = await t.gql(
      await t.login('katalog@kontorland.example'),
      `query($id: Int!) { catalogueVersion(id: $id) { items { totalCount edges { node { sellerItemId price vatRate unitCode gtin attributes } } } } }`,
      { id: res.body.version.id },
    );
    const nodes = items.data.catalogueVersion.items.edges.map((e: any) => e.node);
    expect(nodes[0]).toEqual({ sellerItemId: 'T-1', price: '49.90', vatRate: '25.00', unitCode: 'PK', gtin: '7038010009457', attributes: { ecolabel: 'Svanemerket' } });
    expect(nodes.map((n: any) => n.sellerItemId)).toEqual(['T-1', 'T-2', 'T-3']);
  });

  it('reports every bad line with line number, field and reason, and stores nothing', async () => {
    const a = await createAgreement(t, { validFrom: '2025-01-01', validTo: '2028-12-31' });
    const res = await upload(t, a.id, fixture('kontor-bad.csv'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CATALOGUE_INVALID');
    const problems: { line: number; field: string; reason: string }[] = res.body.problems;
    const at = (line: number, field: string) => problems.find((p) => p.line === line && p.field === field)?.reason;
    expect(at(3, 'sellerItemId')).toBe('is required');
    expect(at(4, 'name')).toBe('is required');
    expect(at(5, 'unspsc')).toBe('is not a known UNSPSC code');
    expect(at(6, 'unspsc')).toMatch(/outside the agreement scope/);
    expect(at(7, 'price')).toMatch(/positive decimal/);
    expect(at(8, 'currency')).toMatch(/ISO 4217/);
    expect(at(9, 'vatRate')).toMatch(/Norwegian VAT rate/);
    expect(at(10, 'unitCode')).toMatch(/Recommendation 20/);
    expect(at(11, 'gtin')).toMatch(/check digit/);
    expect(at(12, 'sellerItemId')).toBe('duplicate seller item id (first on line 2)');
    expect(at(13, 'validFrom')).toMatch(/outside the agreement period/);
    expect(at(13, 'validTo')).toMatch(/outside the agreement period/);
    expect(at(14, 'price')).toMatch(/positive decimal/);
    expect(res.body.problemCount).toBe(problems.length);
    expect(problems.some((p) => p.line === 2)).toBe(false); // the good line has no problem
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
  });

  it('reports a NUL byte in a CSV cell as a line problem, not a server error', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nN-1,Kule\u0000penn,44121704,9.90,25,EA\n'), 'nul.csv');
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'name', reason: 'contains the control character U+0000' })]);
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
  });

  it('reports a price too large for the price column as a line problem, not a server error', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nB-1,Kulepenn,44121704,123456789012345.50,25,EA\n'), 'big.csv');
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'price', reason: 'may have at most 14 digits before the decimal point' })]);
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
  });

  it('reads XLSX with the same columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ws.addRow(['Seller Item ID', 'Name', 'UNSPSC', 'Price', 'VAT rate', 'Unit', 'attr_farge']);
    ws.addRow(['X-1', 'Kulepenn svart', 44121704, 12.5, 25, 'EA', 'svart']);
    ws.addRow(['X-2', 'Kopipapir A3', '14111507', '89.00', '25', 'PK', '']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const a = await createAgreement(t);
    const res = await upload(t, a.id, buffer, 'katalog.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ itemCount: 2, sourceFormat: 'xlsx' });
  });

  it('reports bad XLSX cells by row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ws.addRow(['seller_item_id', 'name', 'unspsc', 'price', 'vat_rate', 'unit']);
    ws.addRow(['X-1', 'Kulepenn', 44121704, 12.5, 25, 'EA']);
    ws.addRow(['X-2', 'Kulepenn', 44121704, 0, 25, 'EA']);
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from(await wb.xlsx.writeBuffer()), 'k.xlsx');
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 422 }); // the body says why, if not
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 3, field: 'price', reason: 'must be greater than zero' })]);
  });

  it('decodes a UBL catalogue by its declared ISO-8859-1 encoding', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>L1</cbc:ID><cbc:ActionCode>Add</cbc:ActionCode>
 <cac:CatalogueLine><cbc:ID>1</cbc:ID><cbc:OrderableUnit>EA</cbc:OrderableUnit>
  <cac:RequiredItemLocationQuantity><cac:Price><cbc:PriceAmount currencyID="NOK">100</cbc:PriceAmount><cbc:BaseQuantity unitCode="EA">4</cbc:BaseQuantity></cac:Price></cac:RequiredItemLocationQuantity>
  <cac:Item><cbc:Name>Blå perm med påskrift «Ærlig»</cbc:Name>
   <cac:SellersItemIdentification><cbc:ID>L-1</cbc:ID></cac:SellersItemIdentification>
   <cac:CommodityClassification><cbc:ItemClassificationCode listID="TST">44122000</cbc:ItemClassificationCode></cac:CommodityClassification>
   <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
  </cac:Item></cac:CatalogueLine>
</Catalogue>`;
    const a = await createAgreement(t);
    const res = await upload(t, a.id, iconv.encode(xml, 'latin1'), 'latin1.xml');
    expect(res.status).toBe(201);
    const items = await t.gql(await t.login('katalog@kontorland.example'), `query($id: Int!) { catalogueVersion(id: $id) { headerAction items { edges { node { name price } } } } }`, {
      id: res.body.version.id,
    });
    expect(items.data.catalogueVersion.items.edges[0].node).toEqual({ name: 'Blå perm med påskrift «Ærlig»', price: '25.00' });
  });

  it.each([
    ['broken CSV quoting', 'broken-quoting.csv', 400, /malformed at line/],
    ['missing required columns', 'missing-columns.csv', 400, /lacks the required column\(s\) unspsc, vatRate, unitCode/],
    ['a corrupt XLSX', 'corrupt.xlsx', 400, /XLSX file could not be read/],
    ['XML with DOCTYPE and entities', 'doctype-attack.xml', 400, /DOCTYPE declarations are not allowed/],
    ['XML that is not well-formed', 'not-wellformed.xml', 400, /not well-formed/],
  ])('refuses %s with a clear error and keeps running', async (_what, file, status, message) => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, fixture(file));
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
    expect((await t.http.get('/health')).body.status).toBe('ok');
  });

  it('refuses a file above UPLOAD_MAX_BYTES with 413', async () => {
    const a = await createAgreement(t);
    const big = Buffer.alloc(100 * 1024, 'a');
    const res = await upload(t, a.id, big, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      maxBytes: 64 * 1024,
      message: expect.stringMatching(/larger than the 65,536 bytes \(0\.1 MiB\) a catalogue upload may have \(UPLOAD_MAX_BYTES\)/),
    });
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
  });

  it('refuses uploads without a file, for someone else’s agreement, and without a token', async () => {
    const a = await createAgreement(t);
    const token = await t.login('katalog@kontorland.example');
    const none = await t.http.post(`/agreements/${a.id}/catalogue`).set('Authorization', `Bearer ${token}`);
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/field named "file"/);
    const misnamed = await t.http.post(`/agreements/${a.id}/catalogue`).set('Authorization', `Bearer ${token}`).attach('catalogue', fixture('kontor-good.csv'));
    expect(misnamed.status).toBe(400);
    expect(misnamed.body).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/field named "file"; the request sent a file in "catalogue"/) });
    const other = await upload(t, a.id, readFileSync(fixture('kontor-good.csv')), 'kontor-good.csv', 'katalog@medisinsk.example');
    expect(other.status).toBe(404);
    // Refusals come before the body is read, and the server may close the connection while a
    // streamed file is still being written (EPIPE): send the small file as one buffer.
    const file = readFileSync(fixture('kontor-good.csv'));
    const anonymous = await t.http.post(`/agreements/${a.id}/catalogue`).attach('file', file, 'kontor-good.csv');
    expect(anonymous.status).toBe(401);
    const buyer = await t.http
      .post(`/agreements/${a.id}/catalogue`)
      .set('Authorization', `Bearer ${await t.login('bestiller@nordby.example')}`)
      .attach('file', file, 'kontor-good.csv');
    expect(buyer.status).toBe(403);
    expect(await counts(a.id)).toEqual({ versions: 0, items: 0 });
  });
});
