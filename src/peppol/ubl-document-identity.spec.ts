import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { needShared, sharedData } from '../../test/support/shared-data';
import { readUblDocument } from './ubl-document-input';
import { identifyUblDocument, readIdentifiedUblDocument } from './ubl-document-identity';
import { ublDocumentKind } from './ubl-document-types';
import { UblError } from './ubl-xml-reader';

const SHARED = sharedData('peppol');
const EXAMPLES = SHARED.dir;
const describeShared = needShared('the document identity tests on the published PEPPOL examples', SHARED) ? describe : describe.skip;

const NS = 'urn:oasis:names:specification:ubl:schema:xsd';
const CBC = `xmlns:cbc="${NS}:CommonBasicComponents-2" xmlns:cac="${NS}:CommonAggregateComponents-2"`;
const RESPONSE_HEADER = [
  `<OrderResponse xmlns="${NS}:OrderResponse-2" ${CBC}>`,
  '<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order_response:3:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0</cbc:CustomizationID>',
  '<cbc:ProfileID>urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:02:1.0</cbc:ProfileID>',
  '<cbc:ID>R-1</cbc:ID>',
  '<cac:SellerSupplierParty><cac:Party><cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID></cac:Party></cac:SellerSupplierParty>',
  '<cac:BuyerCustomerParty><cac:Party><cbc:EndpointID schemeID="0192">123456785</cbc:EndpointID></cac:Party></cac:BuyerCustomerParty>',
].join('\n');

async function refusal(input: Buffer | Readable): Promise<UblError> {
  try {
    await identifyUblDocument(input);
  } catch (e) {
    if (e instanceof UblError) return e;
    throw e;
  }
  throw new Error('the document was identified');
}

describe('identifyUblDocument', () => {
  it('gives type, specification, ids and endpoints with their locations', async () => {
    const identity = await identifyUblDocument(Buffer.from(RESPONSE_HEADER + '\n<cac:OrderLine/></OrderResponse>'));
    expect(identity).toEqual({
      type: 'OrderResponse',
      specification: 'ehf',
      namespace: `${NS}:OrderResponse-2`,
      customizationId: expect.objectContaining({ path: '/OrderResponse/cbc:CustomizationID', line: 2 }),
      profileId: expect.objectContaining({ value: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:02:1.0' }),
      id: { value: 'R-1', path: '/OrderResponse/cbc:ID', line: 4 },
      senderEndpoint: { value: '987654325', schemeId: '0192', path: '/OrderResponse/cac:SellerSupplierParty/cac:Party/cbc:EndpointID', line: 5 },
      receiverEndpoint: { value: '123456785', schemeId: '0192', path: '/OrderResponse/cac:BuyerCustomerParty/cac:Party/cbc:EndpointID', line: 6 },
    });
  });

  it('reads no further than the first line: of a long stream only the chunks the streams buffer ahead are pulled, and the first bytes are enough', async () => {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        pulled++;
        yield Buffer.from(RESPONSE_HEADER + '<cac:OrderLine>');
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.from(i < 999 ? '<cac:LineItem>'.repeat(10) : 'not even XML <<<<');
        }
      })(),
    );
    expect((await identifyUblDocument(stream)).id?.value).toBe('R-1');
    expect(pulled).toBeLessThanOrEqual(3); // the header's chunk and one read ahead by each of the two streams
    // The first bytes of a document cut off inside its first line are enough.
    expect((await identifyUblDocument(Buffer.from(RESPONSE_HEADER + '<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:I'))).type).toBe('OrderResponse');
  });

  it('refuses an unknown root, a UBL root in the wrong namespace, and an unknown or missing CustomizationID, naming each', async () => {
    expect((await refusal(Buffer.from('<Purchase xmlns="urn:example"/>'))).message).toBe(
      'The root element is Purchase, not a UBL document Torg reads (Order, OrderResponse, DespatchAdvice, Catalogue, Invoice, CreditNote, ApplicationResponse)',
    );
    expect((await refusal(Buffer.from(`<OrderResponse xmlns="${NS}:Order-2"/>`))).message).toBe(`The OrderResponse element is not in the UBL namespace ${NS}:OrderResponse-2 but in ${NS}:Order-2`);
    expect((await refusal(Buffer.from('<OrderResponse/>'))).message).toBe(`The OrderResponse element is not in the UBL namespace ${NS}:OrderResponse-2`);
    const unknown = await refusal(
      Buffer.from(`<DespatchAdvice xmlns="${NS}:DespatchAdvice-2" ${CBC}>\n<cbc:CustomizationID>urn:www.cenbii.eu:transaction:biitrns016:ver1.0</cbc:CustomizationID></DespatchAdvice>`),
    );
    expect(unknown.message).toBe(
      'The DespatchAdvice follows "urn:www.cenbii.eu:transaction:biitrns016:ver1.0" (cbc:CustomizationID), not a specification Torg reads: urn:fdc:peppol.eu:poacc:trns:despatch_advice:3 or urn:fdc:peppol.eu:poacc:trns:despatch_advice:3:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0',
    );
    expect(unknown.xmlLine).toBe(2);
    expect((await refusal(Buffer.from(`<Order xmlns="${NS}:Order-2" ${CBC}><cbc:ID>1</cbc:ID></Order>`))).message).toBe(
      'The Order has no cbc:CustomizationID, which says which specification it follows',
    );
  });

  it('refuses a DOCTYPE (entity expansion) and a document over the byte bound before parsing it all', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n${RESPONSE_HEADER}<cbc:Note>&lol2;</cbc:Note></OrderResponse>`;
    expect((await refusal(Buffer.from(laughs))).message).toBe('DOCTYPE declarations are not allowed in UBL documents (they could define entities)');
    const big = Buffer.from(`<OrderResponse xmlns="${NS}:OrderResponse-2">` + ' '.repeat(30 * 1024 * 1024));
    const e = await refusal(big);
    expect(e.message).toBe('The document is larger than 20971520 bytes, the most accepted');
    expect(e.tooLarge).toBe(true);
  });
});

describe('readIdentifiedUblDocument', () => {
  it('gives what identifyUblDocument and then readUblDocument give, from one pass', async () => {
    const bytes = Buffer.from(
      RESPONSE_HEADER +
        '\n<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID></cac:LineItem></cac:OrderLine>\n<cac:OrderLine><cac:LineItem><cbc:ID>2</cbc:ID></cac:LineItem></cac:OrderLine></OrderResponse>',
    );
    const identity = await identifyUblDocument(bytes);
    const read = await readIdentifiedUblDocument(bytes);
    expect(read.identity).toEqual(identity);
    expect(read.nodes).toEqual(await readUblDocument(bytes, ublDocumentKind(identity.type)));
    expect(read.nodes.records.map((r) => r.path)).toEqual(['/OrderResponse/cac:OrderLine[1]', '/OrderResponse/cac:OrderLine[2]']);
  });

  it('refuses by the header first, as identification does, even when the rest is not XML', async () => {
    const unknown = `<DespatchAdvice xmlns="${NS}:DespatchAdvice-2" ${CBC}>\n<cbc:CustomizationID>urn:example</cbc:CustomizationID><cac:DespatchLine>`;
    const rest = '<cac:DespatchLine>x</cac:DespatchLine>'.repeat(5000) + 'not even XML <<<<';
    const bytes = Buffer.from(unknown + rest);
    const [first, again] = await Promise.all([
      refusal(bytes),
      readIdentifiedUblDocument(bytes).then(
        () => null,
        (e: unknown) => e,
      ),
    ]);
    expect(again).toBeInstanceOf(UblError);
    expect((again as UblError).message).toBe(first.message);
    expect(first.message).toMatch(/^The DespatchAdvice follows "urn:example" \(cbc:CustomizationID\)/);
    // A document whose header is fine but whose lines are not XML is refused for the lines.
    await expect(readIdentifiedUblDocument(Buffer.from(RESPONSE_HEADER + '<cac:OrderLine>' + '<a>'.repeat(3) + '</b>'))).rejects.toBeInstanceOf(UblError);
  });
});

describeShared('identifyUblDocument on every published example', () => {
  it('identifies every file in ../shared/data/peppol by its folder, with the sender and receiver endpoints', async () => {
    const expected: Record<string, string> = {
      order: 'Order',
      'order-response': 'OrderResponse',
      'despatch-advice': 'DespatchAdvice',
      catalogue: 'Catalogue',
      invoice: 'Invoice',
      'credit-note': 'CreditNote',
      'invoice-response': 'ApplicationResponse',
    };
    const seen: string[] = [];
    for (const folder of readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(join(EXAMPLES, folder.name)).filter((n) => n.endsWith('.xml'))) {
        const identity = await identifyUblDocument(readFileSync(join(EXAMPLES, folder.name, name)));
        expect([name, identity.type]).toEqual([name, expected[folder.name]]);
        expect([name, identity.specification]).toEqual([name, name.startsWith('ehf-') && folder.name !== 'invoice' ? 'ehf' : 'peppol']);
        expect(identity.id?.value).toBeTruthy();
        expect(identity.senderEndpoint?.value).toBeTruthy();
        expect(identity.receiverEndpoint?.value).toBeTruthy();
        seen.push(`${folder.name}/${name}`);
      }
    }
    expect(seen).toHaveLength(20);
  });
});
