import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgreement, upload } from './support/fixtures';
import { billionLaughs, DOCTYPE_REFUSED, UBL_NS, UBL_PREFIXES } from './support/hostile-xml';
import { kontorlandErp, postDocument } from './support/invoicing';
import { startTestApp, TestApp } from './support/test-app';
import { buildZip, entry, repeatedEntry, SHEET_CLOSE, SHEET_OPEN, STRINGS_OPEN, xlsxParts } from './support/zip-builder';

/**
 * Catalogue files as a hostile supplier sends them (issue 13, §1, §3, §4). Each attack must be
 * refused with a precise 4xx while a concurrent /health keeps answering within a second, the
 * process's memory stays bounded, and the temporary folder holds nothing afterwards.
 */

const HEADER = 'seller_item_id,name,unspsc,price,vat_rate,unit\n';
const CATALOGUE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n';

let t: TestApp;
/** The app's upload folder (UPLOAD_TMP_DIR). */
let appTmp: string;
/** What the system's temporary folder held before (the old XLSX reader left its unpacked sheets there, as tmp-<pid>-*; other processes' files are not ours to judge). */
let systemTmpBefore: string[];
/** Where the tests write their big files, outside appTmp. */
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'torg-hostile-work-'));
  appTmp = await mkdtemp(join(tmpdir(), 'torg-hostile-tmp-'));
  systemTmpBefore = await readdir(tmpdir());
  t = await startTestApp({ UPLOAD_TMP_DIR: appTmp });
});
afterAll(async () => {
  await t?.close();
  await rm(work, { recursive: true, force: true });
  await rm(appTmp, { recursive: true, force: true });
});

/** Writes `parts` to a file in the work folder as a stream, so a big file is never held whole. */
async function bigFile(name: string, parts: Iterable<string>): Promise<string> {
  const path = join(work, name);
  const out = createWriteStream(path);
  let buffered = '';
  for (const p of parts) {
    buffered += p;
    if (buffered.length > 1024 * 1024) {
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
  }
  out.end(buffered);
  await once(out, 'finish');
  return path;
}

function* repeat(text: string, times: number): Generator<string> {
  for (let i = 0; i < times; i++) yield text;
}

/**
 * Runs an attack while polling /health; returns the response, the slowest /health answer and
 * how far the process's RSS rose above where it was before.
 */
async function underAttack<T>(attack: () => Promise<T>): Promise<{ res: T; slowestHealthMs: number; rssGrowthMb: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let slowest = 0;
  let done = false;
  const watch = (async () => {
    while (!done) {
      const started = Date.now();
      const health = await t.http.get('/health');
      slowest = Math.max(slowest, Date.now() - started);
      expect(health.status).toBe(200);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { res: await attack(), slowestHealthMs: slowest, rssGrowthMb: (peak - baseline) / 1024 / 1024 };
  } finally {
    done = true;
    await watch;
  }
}

/**
 * What is left in the upload folder, and new tmp-* files in the system's temporary folder, once
 * the cleanup that runs when a response closes has had its moment.
 */
async function leftInTmp(): Promise<string[]> {
  const left = async () => [...(await readdir(appTmp)), ...(await readdir(tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`) && !systemTmpBefore.includes(f))];
  for (let i = 0; i < 50; i++) {
    const files = await left();
    if (!files.length) return files;
    await new Promise((r) => setTimeout(r, 100));
  }
  return left();
}

async function versionsOf(agreementId: number): Promise<number> {
  const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1', [agreementId]);
  return n;
}

describe('hostile catalogue files', () => {
  it('refuses a UBL line of millions of elements (413, naming the line and the bound) without building it', async () => {
    const a = await createAgreement(t);
    const line = (id: number) => `<cac:CatalogueLine><cbc:ID>${id}</cbc:ID><cac:Item><cbc:Name>Vare ${id}</cbc:Name></cac:Item></cac:CatalogueLine>\n`;
    const file = await bigFile('huge-line.xml', [CATALOGUE_OPEN, line(1), '<cac:CatalogueLine>', ...repeat('<cbc:Note/>', 5_000_000), '</cac:CatalogueLine>\n</Catalogue>\n']);
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => upload(t, a.id, file, 'huge-line.xml'));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'CatalogueLine 2 holds more than 10000 elements and attributes, the most one line (or the header) may hold (XML line 4)' });
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await versionsOf(a.id)).toBe(0);
    expect(await leftInTmp()).toEqual([]);
  });

  it('refuses XML nested deeper than 64 levels (400) where the 65th opens, not after reading it all', async () => {
    const a = await createAgreement(t);
    // 100,000 levels, well-formed: the old reader took minutes over it and then accepted it.
    const file = await bigFile('deep.xml', [CATALOGUE_OPEN, ...repeat('<cbc:Note>', 100_000), ...repeat('</cbc:Note>', 100_000), '\n</Catalogue>\n']);
    const { res, slowestHealthMs } = await underAttack(() => upload(t, a.id, file, 'deep.xml'));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The XML nests deeper than 64 elements (at <cbc:Note>); no UBL Catalogue needs that (XML line 3)');
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(await versionsOf(a.id)).toBe(0);
    expect(await leftInTmp()).toEqual([]);
  });

  it('refuses an XLSX zip bomb (413) without inflating it', async () => {
    const a = await createAgreement(t);
    const bomb = buildZip([...xlsxParts(), repeatedEntry('xl/worksheets/sheet1.xml', '<row/>'.repeat(100_000), 5000, { before: SHEET_OPEN, after: SHEET_CLOSE })]);
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => upload(t, a.id, bomb, 'bomb.xlsx'));
    expect(res.status).toBe(413);
    expect(res.body.message).toBe(
      `The XLSX file is refused: it would inflate to more than 1073741824 bytes (xl/worksheets/sheet1.xml alone declares ${600 * 5000 * 1000 + SHEET_OPEN.length + SHEET_CLOSE.length}), the most an XLSX upload may hold`,
    );
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await leftInTmp()).toEqual([]);
  });

  it('refuses an XLSX whose shared strings run past the bound (413) with memory bounded', async () => {
    const a = await createAgreement(t);
    const strings = repeatedEntry('xl/sharedStrings.xml', '<si/>'.repeat(1000), 3000, { before: STRINGS_OPEN, after: '</sst>' }); // 3 million strings
    const sheet = entry('xl/worksheets/sheet1.xml', SHEET_OPEN + SHEET_CLOSE);
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => upload(t, a.id, buildZip([...xlsxParts(), strings, sheet]), 'strings.xlsx'));
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('The XLSX file is refused: its shared strings hold more than 2000000 strings, the most an XLSX upload may hold (save large catalogues as CSV)');
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await leftInTmp()).toEqual([]);
  });

  it('imports an ordinary XLSX and leaves nothing in the temporary folder', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ws.addRow(['Seller Item ID', 'Name', 'UNSPSC', 'Price', 'VAT rate', 'Unit']);
    ws.addRow(['X-1', 'Kulepenn svart', 44121704, 12.5, 25, 'EA']);
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from(await wb.xlsx.writeBuffer()), 'katalog.xlsx');
    expect(res.status).toBe(201);
    expect(await leftInTmp()).toEqual([]);
  });

  it('removes a half-written upload when the client hangs up in the middle', async () => {
    const a = await createAgreement(t);
    const token = await t.login('katalog@kontorland.example');
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const boundary = 'torg-abort-boundary';
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/agreements/${a.id}/catalogue`,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10 * 1024 * 1024) },
    });
    req.on('error', () => undefined); // the hang-up below
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="halv.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}`);
    req.write(Buffer.alloc(1024 * 1024, 'a'));
    // Wait until the upload's file exists, then hang up.
    for (let i = 0; i < 100 && !(await readdir(appTmp)).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await readdir(appTmp)).length).toBeGreaterThan(0);
    req.destroy();
    expect(await leftInTmp()).toEqual([]);
    expect(await versionsOf(a.id)).toBe(0);
    expect((await t.http.get('/health')).status).toBe(200);
  });

  it('refuses a Latin-1 CSV at its first non-UTF-8 byte (400, naming line and byte) and stores nothing', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from(`${HEADER}L-1,Kulepenn,44121704,9.90,25,EA\nL-2,Blå perm,44122000,19.90,25,EA\n`, 'latin1'), 'latin1.csv');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The CSV file is not UTF-8: byte 0xE5 at line 3, byte 7 of the line, is not UTF-8 (the file is most likely ISO-8859-1 or Windows-1252: save it as UTF-8)',
    });
    expect(await versionsOf(a.id)).toBe(0);
  });

  it('names the encoding of a UTF-16 CSV (400)', async () => {
    const a = await createAgreement(t);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}U-1,Kulepenn,44121704,9.90,25,EA\n`, 'utf16le')]);
    const res = await upload(t, a.id, utf16, 'unicode.csv');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The CSV file is encoded as UTF-16LE ("Unicode text"); Torg reads CSV in UTF-8: save it as "CSV UTF-8 (comma delimited)"');
    expect(await versionsOf(a.id)).toBe(0);
  });

  it('refuses a UBL file that declares UTF-8 but holds Latin-1 bytes (400, naming the XML line)', async () => {
    const a = await createAgreement(t);
    const xml = `${CATALOGUE_OPEN}<cbc:ID>L1</cbc:ID>\n<cbc:Name>Kontorrekvisita for skolene i Bærum</cbc:Name>\n</Catalogue>\n`;
    const res = await upload(t, a.id, Buffer.from(xml, 'latin1'), 'latin1-claims-utf8.xml');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'The XML is not UTF-8, as it declares or implies: byte 0xE6 at line 4, byte 42 of the line, is not UTF-8 (the file is most likely ISO-8859-1 or Windows-1252: save it as UTF-8) (XML line 4)',
    );
    expect(await versionsOf(a.id)).toBe(0);
  });

  it('keeps a UTF-8 file name as sent (not decoded as Latin-1)', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from(`${HEADER}K-1,Kulepenn,44121704,9.90,25,EA\n`), 'Kåtålog for Ærø.csv');
    expect(res.status).toBe(201);
    const [{ file_name }] = await t.sql('SELECT file_name FROM catalogue_version WHERE agreement_id = $1', [a.id]);
    expect(file_name).toBe('Kåtålog for Ærø.csv');
  });
});

/**
 * Invoices as a hostile sender posts them to POST /documents (issue 16): the same criterion as the
 * catalogue files above — a precise 4xx (413 for size; 422 with the problem for what cannot be read), /health answering within a second throughout, the
 * process's memory bounded — and nothing stored.
 */
describe('hostile invoices posted to /documents', () => {
  const INVOICE_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="${UBL_NS}:Invoice-2" ${UBL_PREFIXES}>\n<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n`;
  const INVOICE_CLOSE = '\n</Invoice>\n';
  const MAX = 10 * 1024 * 1024; // DOCUMENT_MAX_BYTES, the default
  let erp: string;
  beforeAll(async () => {
    erp = await kontorlandErp(t);
  });
  const received = async () => (await t.sql(`SELECT count(*)::int AS n FROM received_document`))[0].n + (await t.sql(`SELECT count(*)::int AS n FROM invoice`))[0].n;

  it('refuses a 20 MB invoice (413, naming the bound) before reading it', async () => {
    const before = await received();
    // Built before the baseline is taken: the test's own copy is not the server's memory.
    const body = Buffer.from(INVOICE_OPEN + '<cbc:Note>padding padding padding padding</cbc:Note>\n'.repeat(Math.ceil((20 * 1024 * 1024) / 50)) + INVOICE_CLOSE);
    expect(body.length).toBeGreaterThan(20 * 1024 * 1024);
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => postDocument(t, erp, body));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: `The document is larger than the ${MAX.toLocaleString('en-US')} bytes (10.0 MiB) Torg accepts (DOCUMENT_MAX_BYTES); nothing was stored`,
    });
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await received()).toBe(before);
  });

  it('refuses a 20 MB invoice sent chunked, with no length declared (413), reading past the bound without keeping it', async () => {
    const before = await received();
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const line = Buffer.from('<cbc:Note>padding padding padding padding</cbc:Note>\n'.repeat(20_000)); // about 1 MB
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(
      () =>
        new Promise<{ status: number; body: any }>((resolve, reject) => {
          const req = httpRequest(
            { host: '127.0.0.1', port, method: 'POST', path: '/documents', headers: { authorization: `Bearer ${erp}`, 'content-type': 'application/xml', 'transfer-encoding': 'chunked' } },
            (answer) => {
              let text = '';
              answer.on('data', (c) => (text += c));
              answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          (async () => {
            req.write(INVOICE_OPEN);
            for (let i = 0; i < 20; i++) if (!req.write(line)) await once(req, 'drain');
            req.end(INVOICE_CLOSE);
          })().catch(reject);
        }),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await received()).toBe(before);
  });

  it('refuses a billion-laughs invoice (422) at its DOCTYPE, expanding nothing', async () => {
    const before = await received();
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => postDocument(t, erp, billionLaughs(INVOICE_OPEN, INVOICE_CLOSE)));
    // A document Torg cannot read is answered like any refused document: 422 with its problems, nothing stored.
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ id: null, problems: [{ message: DOCTYPE_REFUSED }] });
    expect(res.body.problems).toHaveLength(1);
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await received()).toBe(before);
  });

  it('refuses an invoice nested 100,000 levels deep (422) where the 65th level opens', async () => {
    const before = await received();
    const body = INVOICE_OPEN + '<cbc:Note>'.repeat(100_000) + '</cbc:Note>'.repeat(100_000) + INVOICE_CLOSE;
    const { res, slowestHealthMs, rssGrowthMb } = await underAttack(() => postDocument(t, erp, body));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ id: null, problems: [{ message: 'The XML nests deeper than 64 elements (at <cbc:Note>); no UBL Invoice needs that' }] });
    expect(res.body.problems).toHaveLength(1);
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(250);
    expect(await received()).toBe(before);
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
