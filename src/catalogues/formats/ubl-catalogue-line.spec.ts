import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { needShared, sharedData } from '../../../test/support/shared-data';
import { readUblCatalogue, UblCatalogueHeader, UblCatalogueLine } from '../../peppol';
import { ublHeader, ublLineToRaw } from './ubl-catalogue-line';

const OPEN =
  '<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">';

async function read(body: string): Promise<{ header: UblCatalogueHeader; lines: UblCatalogueLine[] }> {
  let header: UblCatalogueHeader | undefined;
  const lines: UblCatalogueLine[] = [];
  for await (const e of readUblCatalogue(Readable.from([Buffer.from(OPEN + body + '</Catalogue>')]))) {
    if (e.type === 'header') header = e.header;
    else if (e.type === 'line') lines.push(e.line);
  }
  return { header: header!, lines };
}

describe('UBL catalogue line → RawCatalogueLine', () => {
  it('takes the UNSPSC classification and the GTIN among several, and reports where each sits', async () => {
    const { lines } = await read(
      '<cac:CatalogueLine><cbc:OrderableUnit>EA</cbc:OrderableUnit><cac:Item><cbc:Description>Hvitt</cbc:Description><cbc:Name>Kopipapir</cbc:Name><cbc:Keyword>papir</cbc:Keyword>' +
        '<cac:SellersItemIdentification><cbc:ID>KP-1</cbc:ID></cac:SellersItemIdentification>' +
        '<cac:StandardItemIdentification><cbc:ID schemeID="0199">X</cbc:ID></cac:StandardItemIdentification><cac:StandardItemIdentification><cbc:ID schemeID="0160">07311041012315</cbc:ID></cac:StandardItemIdentification>' +
        '<cac:CommodityClassification><cbc:ItemClassificationCode listID="STI">30197630</cbc:ItemClassificationCode></cac:CommodityClassification><cac:CommodityClassification><cbc:ItemClassificationCode listID="TST">14111507</cbc:ItemClassificationCode></cac:CommodityClassification>' +
        '<cac:AdditionalItemProperty><cbc:Name>Paper weight</cbc:Name><cbc:Value>80 g</cbc:Value></cac:AdditionalItemProperty>' +
        '<cac:Certificate><cbc:ID>Svanemerket</cbc:ID><cbc:CertificateType>Environmental</cbc:CertificateType></cac:Certificate></cac:Item></cac:CatalogueLine>',
    );
    const raw = ublLineToRaw(lines[0]);
    expect(raw).toMatchObject({
      lineNo: 1,
      location: '/Catalogue/CatalogueLine[1]',
      action: 'Add',
      sellerItemId: 'KP-1',
      name: 'Kopipapir',
      description: 'Hvitt — papir',
      unspsc: '14111507',
      unspscListId: 'TST',
      gtin: '07311041012315',
      unitCode: 'EA',
    });
    expect(raw.attributes).toEqual({ paperweight: '80 g', ecolabel: 'Svanemerket' });
    expect(raw.price).toBeUndefined();
    expect(raw.paths).toMatchObject({
      unspsc: '/Catalogue/CatalogueLine[1]/cac:Item/cac:CommodityClassification[2]/cbc:ItemClassificationCode',
      gtin: '/Catalogue/CatalogueLine[1]/cac:Item/cac:StandardItemIdentification[2]/cbc:ID',
      // Missing values point where they belong.
      price: '/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount',
      vatRate: '/Catalogue/CatalogueLine[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
    });
  });

  it('takes the unit from the price’s base quantity when the line names no orderable unit, and reads the orderable indicator', async () => {
    const price =
      '<cac:RequiredItemLocationQuantity><cac:Price><cbc:PriceAmount currencyID="NOK">90</cbc:PriceAmount><cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity></cac:Price></cac:RequiredItemLocationQuantity>';
    const { lines } = await read(
      `<cac:CatalogueLine><cbc:ID>1</cbc:ID>${price}<cac:Item><cbc:Name>Pant</cbc:Name></cac:Item></cac:CatalogueLine>` +
        `<cac:CatalogueLine><cbc:ID>2</cbc:ID><cbc:OrderableIndicator>false</cbc:OrderableIndicator><cbc:OrderableUnit>PK</cbc:OrderableUnit>${price}<cac:Item><cbc:Name>Pant</cbc:Name></cac:Item></cac:CatalogueLine>` +
        `<cac:CatalogueLine><cbc:ID>3</cbc:ID><cac:Item><cbc:Name>Uten pris</cbc:Name></cac:Item></cac:CatalogueLine>`,
    );
    const [fromBase, own, none] = lines.map(ublLineToRaw);
    expect(fromBase).toMatchObject({ unitCode: 'C62', orderable: undefined });
    expect(fromBase.paths!.unitCode).toBe('/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:BaseQuantity/@unitCode');
    // The line's own unit wins over the base quantity's.
    expect(own).toMatchObject({ unitCode: 'PK', orderable: 'false' });
    expect(own.paths!.orderable).toBe('/Catalogue/CatalogueLine[2]/cbc:OrderableIndicator');
    expect(none.unitCode).toBeUndefined();
    expect(none.paths!.unitCode).toBe('/Catalogue/CatalogueLine[3]/cbc:OrderableUnit');
  });

  const published = sharedData('peppol', 'catalogue');
  (needShared('the published PEPPOL catalogue line test', published) ? it : it.skip)(
    'gives the published PEPPOL example’s second line (no OrderableUnit) the unit of its base quantity, C62',
    async () => {
      const lines: UblCatalogueLine[] = [];
      for await (const e of readUblCatalogue(createReadStream(join(published.dir, 'Catalogue_Example.xml')))) if (e.type === 'line') lines.push(e.line);
      expect(lines.map((l) => [l.orderableUnit?.value, ublLineToRaw(l).unitCode])).toEqual([
        ['LBR', 'LBR'],
        [undefined, 'C62'],
      ]);
    },
  );

  it('maps the header action case-insensitively (Add when absent or empty) and refuses an unknown one', async () => {
    const header = async (xml: string) => ublHeader((await read(xml)).header);
    expect(await header('<cbc:ActionCode>replace</cbc:ActionCode><cac:ProviderParty><cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID></cac:ProviderParty>')).toMatchObject({
      action: 'Replace',
      providerEndpoint: '987654325',
      providerEndpointScheme: '0192',
    });
    expect((await header('<cbc:ActionCode></cbc:ActionCode>'))?.action).toBe('Add');
    expect((await header(''))?.action).toBe('Add');
    expect(await header('<cbc:ActionCode>Merge</cbc:ActionCode>')).toBeNull();
    // Names of Object's members are no action (a plain-object lookup found them and stored them).
    for (const name of ['constructor', '__proto__', 'toString']) expect(await header(`<cbc:ActionCode>${name}</cbc:ActionCode>`)).toBeNull();
  });
});
