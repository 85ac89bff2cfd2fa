import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { catalogueLinePath, UblCatalogueEvent } from './ubl-catalogue';
import { readUblCatalogue } from './ubl-catalogue-reader';
import { UblError, UBL_LIMITS } from './ubl-xml-reader';

const OPEN =
  '<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">';
const LINE = (id: string) => `<cac:CatalogueLine><cbc:ID>${id}</cbc:ID><cac:Item><cbc:Name>Vare ${id}</cbc:Name></cac:Item></cac:CatalogueLine>\n`;

/** A stream of the given pieces, counting how many of them the reader pulled. */
function pieces(parts: (string | Buffer)[]) {
  const stats = { pulled: 0 };
  const stream = Readable.from(
    (function* () {
      for (const p of parts) {
        stats.pulled++;
        yield typeof p === 'string' ? Buffer.from(p) : p;
      }
    })(),
  );
  return { stream, stats };
}

async function readAll(input: Readable, limits = UBL_LIMITS): Promise<UblCatalogueEvent[]> {
  const events: UblCatalogueEvent[] = [];
  for await (const e of readUblCatalogue(input, limits)) events.push(e);
  return events;
}

async function failure(input: Readable, limits = UBL_LIMITS): Promise<UblError> {
  try {
    await readAll(input, limits);
  } catch (e) {
    if (e instanceof UblError) return e;
    throw e;
  }
  throw new Error('the document was accepted');
}

describe('readUblCatalogue bounds', () => {
  it('refuses the 65th level of nesting where it opens, without reading on', async () => {
    // One element per line, so the line the parser stopped at shows how far it read.
    const deep = '<?xml version="1.0"?>\n' + OPEN + '\n' + '<cbc:Note>\n'.repeat(100_000);
    const { stream, stats } = pieces([deep, '<never-read/>'.repeat(1000)]);
    const e = await failure(stream);
    expect(e.message).toBe('The XML nests deeper than 64 elements (at <cbc:Note>); no UBL Catalogue needs that');
    expect(e.xmlLine).toBe(2 + 64); // declaration, root on line 2, the 64th Note opens the 65th level
    expect(e.tooLarge).toBe(false);
    expect(stats.pulled).toBe(1);
  });

  it('accepts 64 levels', async () => {
    // Encoded as Latin-1 below: å becomes the single byte 0xE5, 60th on line 3.
    const xml = OPEN + LINE('1') + '<cbc:Note>'.repeat(63) + '</cbc:Note>'.repeat(63) + '</Catalogue>';
    const events = await readAll(Readable.from([Buffer.from(xml)]));
    expect(events.filter((e) => e.type === 'line')).toHaveLength(1);
  });

  it('refuses a line with more elements than the bound, naming the line and the bound', async () => {
    const huge = '<cac:CatalogueLine>' + '<cbc:Note/>'.repeat(5000) + '</cac:CatalogueLine>';
    const limits = { ...UBL_LIMITS, maxLineElements: 1000 };
    const e = await failure(Readable.from([Buffer.from(OPEN + LINE('1') + huge + '</Catalogue>')]), limits);
    expect(e.message).toBe('CatalogueLine 2 holds more than 1000 elements and attributes, the most one line (or the header) may hold');
    expect(e.tooLarge).toBe(true);
  });

  it('refuses a start tag of too many attributes while the parser reads them, not after', async () => {
    const limits = { ...UBL_LIMITS, maxLineElements: 1000 };
    const attributes = Array.from({ length: 200_000 }, (_, i) => ` a${i}=""`).join('');
    const { stream, stats } = pieces([OPEN + '<cac:CatalogueLine><cbc:Note' + attributes.slice(0, 500_000), attributes.slice(500_000) + '/></cac:CatalogueLine></Catalogue>']);
    const e = await failure(stream, limits);
    expect(e.message).toBe('CatalogueLine 1 holds more than 1000 elements and attributes, the most one line (or the header) may hold');
    expect(stats.pulled).toBe(1);
  });

  it('counts each line on its own: many lines of ordinary size pass', async () => {
    const limits = { ...UBL_LIMITS, maxLineElements: 10 };
    const events = await readAll(Readable.from([Buffer.from(OPEN + LINE('1').repeat(3000) + '</Catalogue>')]), limits);
    expect(events.filter((e) => e.type === 'line')).toHaveLength(3000);
  });

  it('refuses too much text in a line and in the header', async () => {
    const limits = { ...UBL_LIMITS, maxLineChars: 10_000 };
    const longLine = `<cac:CatalogueLine><cbc:ID>${'x'.repeat(20_000)}</cbc:ID></cac:CatalogueLine>`;
    const e1 = await failure(Readable.from([Buffer.from(OPEN + longLine + '</Catalogue>')]), limits);
    expect(e1.message).toBe('CatalogueLine 1 holds more than 10000 characters of text, the most one line (or the header) may hold');
    const longHeader = '<cbc:Name>abc</cbc:Name>'.repeat(5000);
    const e2 = await failure(Readable.from([Buffer.from(OPEN + longHeader + '</Catalogue>')]), limits);
    expect(e2.message).toMatch(/^The Catalogue header holds more than 10000 characters/);
  });
});

describe('readUblCatalogue encodings', () => {
  it('refuses Latin-1 bytes in a document that implies UTF-8, at their line', async () => {
    // Encoded as Latin-1 below: å becomes the single byte 0xE5, 60th on line 3.
    const xml = OPEN + '\n' + LINE('1') + '<cac:CatalogueLine><cbc:ID>2</cbc:ID><cac:Item><cbc:Name>Blå perm</cbc:Name></cac:Item></cac:CatalogueLine>\n' + '</Catalogue>';
    const e = await failure(Readable.from([Buffer.from(xml, 'latin1')]));
    expect(e.message).toBe(
      'The XML is not UTF-8, as it declares or implies: byte 0xE5 at line 3, byte 60 of the line, is not UTF-8 (the file is most likely ISO-8859-1 or Windows-1252: save it as UTF-8)',
    );
    expect(e.xmlLine).toBe(3);
  });

  it('reads a declared ISO-8859-1 document, and UTF-8 with a byte-order mark split across chunks', async () => {
    const latin = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?>' + OPEN + LINE('å') + '</Catalogue>', 'latin1');
    const [, line] = await readAll(Readable.from([latin]));
    expect(line.type === 'line' && line.line.id?.value).toBe('å');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(OPEN + LINE('blå') + '</Catalogue>')]);
    const at = utf8.indexOf('å') + 1; // between the two bytes of å
    const [, split] = await readAll(Readable.from([utf8.subarray(0, at), utf8.subarray(at)]));
    expect(split.type === 'line' && split.line.id?.value).toBe('blå');
  });
});

describe('readUblCatalogue: UTF-8 declared as ISO-8859-1', () => {
  const DECLARED = '<?xml version="1.0" encoding="ISO-8859-1"?>\n';

  it('reads the text as the UTF-8 it is and says so before it, naming the character and its line', async () => {
    const utf8 = Buffer.from(DECLARED + OPEN + '\n' + LINE('1') + LINE('Blå perm «Ærlig»') + '</Catalogue>', 'utf8');
    const events = await readAll(Readable.from([utf8]));
    // Decided as the bytes arrive, before the parser reads them: here the whole document is one chunk.
    expect(events.map((e) => e.type)).toEqual(['encoding', 'header', 'line', 'line']);
    const warning = events[0];
    expect(warning.type === 'encoding' && warning.misdeclared).toEqual({ declared: 'iso-8859-1', line: 4, character: 'å', bytes: '0xC3 0xA5' });
    const last = events[3];
    expect(last.type === 'line' && last.line.id?.value).toBe('Blå perm «Ærlig»');
  });

  it('decides on a character split between two chunks without garbling either half', async () => {
    const utf8 = Buffer.from(DECLARED + OPEN + LINE('blå') + '</Catalogue>', 'utf8');
    const at = utf8.indexOf('å') + 1;
    const events = await readAll(Readable.from([utf8.subarray(0, at), utf8.subarray(at)]));
    expect(events.find((e) => e.type === 'encoding')).toBeDefined();
    const line = events.find((e) => e.type === 'line');
    expect(line?.type === 'line' && line.line.id?.value).toBe('blå');
  });

  it('refuses a document that starts as UTF-8 and goes on in Latin-1, rather than garble either part', async () => {
    const mixed = Buffer.concat([Buffer.from(DECLARED + OPEN + '\n' + LINE('blå'), 'utf8'), Buffer.from(LINE('grå') + '</Catalogue>', 'latin1')]);
    const e = await failure(Readable.from([mixed]));
    expect(e.message).toMatch(
      /^The XML declares the encoding "iso-8859-1" but its first non-ASCII character \(line 3\) is UTF-8, so it is read as UTF-8; yet it is not UTF-8 throughout: byte 0xE5 at line 4/,
    );
    expect(e.xmlLine).toBe(4);
  });

  it('leaves real ISO-8859-1 as declared, with no warning', async () => {
    const events = await readAll(Readable.from([iconv.encode(DECLARED + OPEN + LINE('Blå «Ærlig»') + '</Catalogue>', 'latin1')]));
    expect(events.map((e) => e.type)).toEqual(['header', 'line']);
    expect(events[1].type === 'line' && events[1].line.id?.value).toBe('Blå «Ærlig»');
  });
});

describe('readUblCatalogue typed values', () => {
  const HEADER =
    '<cbc:ID>C-1</cbc:ID>\n<cbc:ActionCode>Replace</cbc:ActionCode>\n<cac:ReferencedContract><cbc:ID>2025-001</cbc:ID></cac:ReferencedContract>\n<cac:ProviderParty><cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID></cac:ProviderParty>\n';
  const TYPED_LINE = [
    '<cac:CatalogueLine><cbc:ID>1</cbc:ID>',
    '<cac:RequiredItemLocationQuantity><cac:Price><cbc:PriceAmount currencyID="NOK">49.90</cbc:PriceAmount><cbc:BaseQuantity unitCode="EA">10</cbc:BaseQuantity></cac:Price></cac:RequiredItemLocationQuantity>',
    '<cac:Item><cbc:Name> Kopipapir </cbc:Name>',
    '<cac:StandardItemIdentification><cbc:ID schemeID="0088">111</cbc:ID></cac:StandardItemIdentification>',
    '<cac:StandardItemIdentification><cbc:ID schemeID="0160">07311041012315</cbc:ID></cac:StandardItemIdentification>',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="STI">30197630</cbc:ItemClassificationCode></cac:CommodityClassification>',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="MP" listVersionID="19.0501">14111507</cbc:ItemClassificationCode></cac:CommodityClassification>',
    '</cac:Item></cac:CatalogueLine>\n',
  ].join('\n');

  it('gives each value with its XML line and path, positions only where siblings repeat', async () => {
    const xml = OPEN + '\n' + HEADER + TYPED_LINE + '<cbc:Note>after the lines: kept nowhere</cbc:Note></Catalogue>';
    const [header, line, ...rest] = await readAll(Readable.from([Buffer.from(xml)]));
    expect(rest).toEqual([]);
    expect(header.type === 'header' && header.header).toMatchObject({
      id: { value: 'C-1', path: '/Catalogue/cbc:ID', line: 2 },
      actionCode: { value: 'Replace', line: 3 },
      contractId: { value: '2025-001', path: '/Catalogue/cac:ReferencedContract/cbc:ID' },
      providerParty: { endpointId: { value: '987654325', schemeId: '0192', path: '/Catalogue/cac:ProviderParty/cbc:EndpointID', line: 5 } },
    });
    if (line.type !== 'line') throw new Error('no line');
    const l = line.line;
    expect(l).toMatchObject({ ordinal: 1, path: '/Catalogue/CatalogueLine[1]', line: 6 });
    expect(l.priceAmount).toEqual({
      value: '49.90',
      path: '/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount',
      line: 7,
      currency: { value: 'NOK', path: '/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount/@currencyID', line: 7 },
    });
    expect(l.baseQuantity).toMatchObject({ value: '10', unitCode: 'EA' });
    expect(l.item.name).toEqual({ value: 'Kopipapir', path: '/Catalogue/CatalogueLine[1]/cac:Item/cbc:Name', line: 8 });
    expect(l.item.standardItemIds).toEqual([
      { value: '111', schemeId: '0088', path: '/Catalogue/CatalogueLine[1]/cac:Item/cac:StandardItemIdentification[1]/cbc:ID', line: 9 },
      { value: '07311041012315', schemeId: '0160', path: '/Catalogue/CatalogueLine[1]/cac:Item/cac:StandardItemIdentification[2]/cbc:ID', line: 10 },
    ]);
    expect(l.item.commodityClassifications.map((c) => [c.value, c.listId, c.listVersionId, c.path])).toEqual([
      ['30197630', 'STI', undefined, '/Catalogue/CatalogueLine[1]/cac:Item/cac:CommodityClassification[1]/cbc:ItemClassificationCode'],
      ['14111507', 'MP', '19.0501', '/Catalogue/CatalogueLine[1]/cac:Item/cac:CommodityClassification[2]/cbc:ItemClassificationCode'],
    ]);
    expect(l.actionCode).toBeUndefined();
    expect(catalogueLinePath(l, 'actionCode')).toBe('/Catalogue/CatalogueLine[1]/cbc:ActionCode');
  });
});
