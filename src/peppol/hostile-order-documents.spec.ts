import iconv from 'iconv-lite';
import { billionLaughs, DOCTYPE_REFUSED, endlessDocument, refusal, UBL_NS as NS, UBL_PREFIXES as PREFIXES } from '../../test/support/hostile-xml';
import { UBL_DOCUMENT_LIMITS } from './ubl-document-input';
import { readUblDespatchAdvice } from './ubl-despatch-advice-reader';
import { readUblOrderResponse } from './ubl-order-response-reader';

/**
 * Order responses and despatch advices as a hostile sender writes them (issue 15 §9): each is
 * refused with a UblError that says why, and none makes the reader crash, hang or grow unbounded.
 */

const OPEN = `<OrderResponse xmlns="${NS}:OrderResponse-2" ${PREFIXES}>\n<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order_response:3</cbc:CustomizationID>\n<cbc:ID>1</cbc:ID>\n<cbc:OrderResponseCode>CA</cbc:OrderResponseCode>\n`;
const LINE =
  '<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:LineStatusCode>5</cbc:LineStatusCode></cac:LineItem><cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference></cac:OrderLine>\n';
const CLOSE = '</OrderResponse>';

describe('hostile order responses and despatch advices', () => {
  it('a well-formed response passes, so the refusals below are the attacks', async () => {
    const r = await readUblOrderResponse(Buffer.from(OPEN + LINE + CLOSE));
    expect(r.lines.map((l) => l.statusCode?.value)).toEqual(['5']);
  });

  it('refuses a DOCTYPE, with or without entities (billion laughs, external entities)', async () => {
    const e = await refusal(readUblOrderResponse, Buffer.from(billionLaughs(OPEN, CLOSE)));
    expect(e.message).toBe(DOCTYPE_REFUSED);
    const external = `<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "file:///etc/passwd">\n<DespatchAdvice xmlns="${NS}:DespatchAdvice-2"/>`;
    expect((await refusal(readUblDespatchAdvice, Buffer.from(external))).message).toMatch(/^DOCTYPE declarations are not allowed/);
  });

  it('refuses an undeclared entity rather than expanding or dropping it', async () => {
    const e = await refusal(readUblOrderResponse, Buffer.from(OPEN + '<cbc:Note>&xxe;</cbc:Note>' + CLOSE));
    expect(e.message).toBe('The XML is not well-formed: undefined entity.');
    expect(e.xmlLine).toBe(5);
  });

  it('refuses a document over the byte bound while streaming it, without reading the rest', async () => {
    const endless = endlessDocument(OPEN, LINE);
    const limits = { ...UBL_DOCUMENT_LIMITS, maxBytes: 1024 * 1024 };
    const e = await refusal(readUblOrderResponse, endless.stream, limits);
    expect(e.message).toBe('The document is larger than 1048576 bytes, the most accepted');
    expect(e.tooLarge).toBe(true);
    expect(endless.pulled()).toBeLessThan(10);
  });

  it('refuses more lines than the bound, and a line of too many elements', async () => {
    const limits = { ...UBL_DOCUMENT_LIMITS, maxRecords: 100 };
    const e = await refusal(readUblOrderResponse, Buffer.from(OPEN + LINE.repeat(101) + CLOSE), limits);
    expect(e.message).toBe('The OrderResponse holds more than 100 OrderLine elements, the most accepted');
    expect(e.tooLarge).toBe(true);
    const fat = '<cac:OrderLine>' + '<cbc:Note>x</cbc:Note>'.repeat(20_000) + '</cac:OrderLine>';
    expect((await refusal(readUblOrderResponse, Buffer.from(OPEN + fat + CLOSE))).message).toBe(
      'OrderLine 1 holds more than 10000 elements and attributes, the most one line (or the header) may hold',
    );
  });

  it('refuses nesting deeper than 64 levels where it opens', async () => {
    const deep = OPEN + '<cac:OrderLine>' + '<cac:Item>'.repeat(100) + '</cac:Item>'.repeat(100) + '</cac:OrderLine>' + CLOSE;
    expect((await refusal(readUblOrderResponse, Buffer.from(deep))).message).toBe('The XML nests deeper than 64 elements (at <cac:Item>); no UBL OrderResponse needs that');
  });

  it('refuses the wrong root, the wrong namespace, and another specification', async () => {
    expect((await refusal(readUblOrderResponse, Buffer.from(`<Order xmlns="${NS}:Order-2"/>`))).message).toBe('The root element is Order, not a UBL OrderResponse');
    expect((await refusal(readUblDespatchAdvice, Buffer.from(`<DespatchAdvice xmlns="urn:evil"/>`))).message).toBe(
      `The DespatchAdvice element is not in the UBL namespace ${NS}:DespatchAdvice-2 but in urn:evil`,
    );
    const other = OPEN.replace('order_response:3', 'order_response:2') + CLOSE;
    expect((await refusal(readUblOrderResponse, Buffer.from(other))).message).toMatch(
      /^The OrderResponse follows "urn:fdc:peppol.eu:poacc:trns:order_response:2" \(cbc:CustomizationID\), not a specification Torg reads/,
    );
    // Names of Object's own members are no specification either (a plain-object lookup found them).
    for (const name of ['constructor', '__proto__', 'toString']) {
      const hostile = OPEN.replace('urn:fdc:peppol.eu:poacc:trns:order_response:3', name) + CLOSE;
      expect((await refusal(readUblOrderResponse, Buffer.from(hostile))).message).toMatch(new RegExp(`^The OrderResponse follows "${name}" \\(cbc:CustomizationID\\), not a specification`));
    }
  });

  it('refuses the wrong encoding: Latin-1 bytes in a document that implies UTF-8, and an encoding no decoder knows', async () => {
    const latin = iconv.encode(OPEN + '<cbc:Note>Blå</cbc:Note>' + CLOSE, 'latin1');
    expect((await refusal(readUblOrderResponse, latin)).message).toMatch(/^The XML is not UTF-8, as it declares or implies: byte 0xE5 at line 5/);
    const unknown = Buffer.from('<?xml version="1.0" encoding="x-klingon"?>' + OPEN + CLOSE);
    expect((await refusal(readUblOrderResponse, unknown)).message).toBe('The XML declares an unsupported encoding "x-klingon"');
    // Declared and used, ISO-8859-1 is read as such.
    const declared = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?>' + OPEN + '<cbc:Note>Blå</cbc:Note>' + CLOSE, 'latin1');
    expect((await readUblOrderResponse(declared)).note?.value).toBe('Blå');
  });

  it('refuses what is not XML at all, and an empty body', async () => {
    expect((await refusal(readUblDespatchAdvice, Buffer.from('{"json": true}'))).message).toMatch(/^The XML is not well-formed/);
    expect((await refusal(readUblDespatchAdvice, Buffer.alloc(0))).message).toBe('The file is empty');
    expect((await refusal(readUblDespatchAdvice, Buffer.from(`<DespatchAdvice xmlns="${NS}:DespatchAdvice-2"><unclosed>`))).message).toMatch(/^The XML is not well-formed/);
  });
});
