import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { billionLaughs, DOCTYPE_REFUSED, endlessDocument, refusal as refusedBy, UBL_NS as NS, UBL_PREFIXES as PREFIXES } from '../../test/support/hostile-xml';
import { UBL_DOCUMENT_LIMITS, UblInput } from './ubl-document-input';
import { readUblInvoice } from './ubl-invoice-reader';
import { UblError } from './ubl-xml-reader';

/**
 * Invoices and credit notes as a hostile sender writes them (issue 16 §5): each is refused with a
 * UblError that says why, and none makes the reader crash, hang or grow unbounded.
 */

const BILLING = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const OPEN = `<Invoice xmlns="${NS}:Invoice-2" ${PREFIXES}>\n<cbc:CustomizationID>${BILLING}</cbc:CustomizationID>\n<cbc:ID>F-1</cbc:ID>\n<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n`;
const LINE =
  '<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">2</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="NOK">20</cbc:LineExtensionAmount><cac:Item><cbc:Name>Blyant</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="NOK">10</cbc:PriceAmount></cac:Price></cac:InvoiceLine>\n';
const CLOSE = '</Invoice>';

const refusal = (input: UblInput, limits = UBL_DOCUMENT_LIMITS): Promise<UblError> => refusedBy(readUblInvoice, input, limits);

describe('hostile invoices and credit notes', () => {
  it('a well-formed invoice and credit note pass, so the refusals below are the attacks', async () => {
    const invoice = await readUblInvoice(Buffer.from(OPEN + LINE + CLOSE));
    expect(invoice.lines.map((l) => [l.quantity?.value, l.lineExtensionAmount?.value, l.item.name?.value])).toEqual([['2', '20', 'Blyant']]);
    const credit = OPEN.replace(/Invoice/g, 'CreditNote').replace('380', '381') + LINE.replace(/InvoiceLine/g, 'CreditNoteLine').replace(/InvoicedQuantity/g, 'CreditedQuantity') + '</CreditNote>';
    const note = await readUblInvoice(Buffer.from(credit));
    expect([note.kind, note.typeCode?.value, note.lines[0].quantity?.value]).toEqual(['CreditNote', '381', '2']);
  });

  it('refuses a DOCTYPE: entity expansion (billion laughs) and external entities are never reached', async () => {
    expect((await refusal(Buffer.from(billionLaughs(OPEN, CLOSE)))).message).toBe(DOCTYPE_REFUSED);
    const external = `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${OPEN}<cbc:Note>&xxe;</cbc:Note>${CLOSE}`;
    const e = await refusal(Buffer.from(external));
    expect(e.message).toBe(DOCTYPE_REFUSED);
    expect(e.xmlLine).toBe(2);
  });

  it('refuses an undeclared entity rather than expanding or dropping it', async () => {
    const e = await refusal(Buffer.from(OPEN + '<cbc:Note>&xxe;</cbc:Note>' + CLOSE));
    expect(e.message).toBe('The XML is not well-formed: undefined entity.');
    expect(e.xmlLine).toBe(5);
  });

  it('refuses a document over the byte bound while streaming it, without reading the rest', async () => {
    const endless = endlessDocument(OPEN, LINE);
    const e = await refusal(endless.stream, { ...UBL_DOCUMENT_LIMITS, maxBytes: 1024 * 1024 });
    expect(e.message).toBe('The document is larger than 1048576 bytes, the most accepted');
    expect(e.tooLarge).toBe(true);
    expect(endless.pulled()).toBeLessThan(10);
  });

  it('refuses more lines than the bound, and a line of too many elements', async () => {
    const e = await refusal(Buffer.from(OPEN + LINE.repeat(101) + CLOSE), { ...UBL_DOCUMENT_LIMITS, maxRecords: 100 });
    expect(e.message).toBe('The Invoice holds more than 100 InvoiceLine elements, the most accepted');
    expect(e.tooLarge).toBe(true);
    const fat = '<cac:InvoiceLine>' + '<cbc:Note>x</cbc:Note>'.repeat(20_000) + '</cac:InvoiceLine>';
    expect((await refusal(Buffer.from(OPEN + fat + CLOSE))).message).toBe('InvoiceLine 1 holds more than 10000 elements and attributes, the most one line (or the header) may hold');
  });

  it('refuses nesting deeper than 64 levels where it opens, in a line and in the header', async () => {
    const deepLine = OPEN + '<cac:InvoiceLine>' + '<cac:Item>'.repeat(100) + '</cac:Item>'.repeat(100) + '</cac:InvoiceLine>' + CLOSE;
    expect((await refusal(Buffer.from(deepLine))).message).toBe('The XML nests deeper than 64 elements (at <cac:Item>); no UBL Invoice needs that');
    const deepHeader = OPEN + '<cac:X>'.repeat(100) + '</cac:X>'.repeat(100) + CLOSE;
    expect((await refusal(Buffer.from(deepHeader))).message).toBe('The XML nests deeper than 64 elements (at <cac:X>); no UBL Invoice needs that');
  });

  it('refuses the wrong root, the wrong namespace, and another specification', async () => {
    expect((await refusal(Buffer.from(`<Order xmlns="${NS}:Order-2"/>`))).message).toBe('The root element is Order, not a UBL document Torg reads (Invoice, CreditNote)');
    expect((await refusal(Buffer.from(OPEN.replace(`${NS}:Invoice-2`, 'urn:evil') + CLOSE))).message).toBe(`The Invoice element is not in the UBL namespace ${NS}:Invoice-2 but in urn:evil`);
    // A CreditNote root in the Invoice namespace is no credit note either.
    const mixed = `<CreditNote xmlns="${NS}:Invoice-2" ${PREFIXES}/>`;
    expect((await refusal(Buffer.from(mixed))).message).toBe(`The CreditNote element is not in the UBL namespace ${NS}:CreditNote-2 but in ${NS}:Invoice-2`);
    const billing2 = OPEN.replace(BILLING, 'urn:www.cenbii.eu:transaction:biitrns010:ver2.0') + CLOSE;
    expect((await refusal(Buffer.from(billing2))).message).toMatch(/^The Invoice follows "urn:www.cenbii.eu:transaction:biitrns010:ver2.0" \(cbc:CustomizationID\), not a specification Torg reads/);
    expect((await refusal(Buffer.from(OPEN.replace(/<cbc:CustomizationID>.*<\/cbc:CustomizationID>/, '') + CLOSE))).message).toBe(
      'The Invoice has no cbc:CustomizationID, which says which specification it follows',
    );
  });

  it('refuses a lying encoding: ISO-8859-1 bytes in a document that declares UTF-8', async () => {
    const latin = iconv.encode('<?xml version="1.0" encoding="UTF-8"?>\n' + OPEN + '<cbc:Note>Blå</cbc:Note>' + CLOSE, 'latin1');
    const e = await refusal(latin);
    expect(e.message).toMatch(/^The XML is not UTF-8, as it declares or implies: byte 0xE5 at line 6, /);
    expect(e.xmlLine).toBe(6);
  });

  it('refuses a lying encoding: UTF-8 bytes in a document that declares ISO-8859-1 (or Windows-1252), even when the character spans two chunks', async () => {
    const utf8 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + OPEN + '<cbc:Note>Blå</cbc:Note>' + CLOSE, 'utf8');
    const e = await refusal(utf8);
    expect(e.message).toBe('The XML declares the encoding "iso-8859-1" but is UTF-8: the bytes 0xC3 0xA5 at line 6 are the UTF-8 character "å" (declare encoding="UTF-8")');
    expect(e.xmlLine).toBe(6);
    const cp1252 = Buffer.from(utf8.toString('utf8').replace('ISO-8859-1', 'windows-1252'), 'utf8');
    const at = cp1252.indexOf(0xc3) + 1;
    expect((await refusal(Readable.from([cp1252.subarray(0, at), cp1252.subarray(at)]))).message).toMatch(/^The XML declares the encoding "windows-1252" but is UTF-8: the bytes 0xC3 0xA5 at line 6/);
  });

  it('reads a document in the encoding it truly declares, ISO-8859-1 or UTF-8', async () => {
    const latin = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + OPEN + '<cbc:Note>Blå og grønn, 5 m²</cbc:Note>' + CLOSE, 'latin1');
    expect((await readUblInvoice(latin)).notes.map((n) => n.value)).toEqual(['Blå og grønn, 5 m²']);
    const utf8 = Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n' + OPEN + '<cbc:Note>Blå</cbc:Note>' + CLOSE, 'utf8');
    expect((await readUblInvoice(utf8)).notes.map((n) => n.value)).toEqual(['Blå']);
  });

  it('refuses an encoding no decoder knows, what is not XML at all, and an empty body', async () => {
    expect((await refusal(Buffer.from('<?xml version="1.0" encoding="x-klingon"?>' + OPEN + CLOSE))).message).toBe('The XML declares an unsupported encoding "x-klingon"');
    expect((await refusal(Buffer.from('{"json": true}'))).message).toMatch(/^The XML is not well-formed/);
    expect((await refusal(Buffer.alloc(0))).message).toBe('The file is empty');
    expect((await refusal(Buffer.from(OPEN + '<cac:InvoiceLine>'))).message).toMatch(/^The XML is not well-formed/);
  });
});
