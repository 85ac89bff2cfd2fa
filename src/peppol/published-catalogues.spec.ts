import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { needShared, sharedData } from '../../test/support/shared-data';
import { UblCatalogueHeader, UblCatalogueLine } from './ubl-catalogue';
import { readUblCatalogue } from './ubl-catalogue-reader';

/** The catalogues OpenPEPPOL and DFØ publish, read in place from ../shared/data beside the checkout. */
const SHARED = sharedData('peppol', 'catalogue');
const CATALOGUES = SHARED.dir;
const describeShared = needShared('the published PEPPOL catalogue tests', SHARED) ? describe : describe.skip;

async function read(file: string): Promise<{ header: UblCatalogueHeader; lines: UblCatalogueLine[] }> {
  let header: UblCatalogueHeader | undefined;
  const lines: UblCatalogueLine[] = [];
  for await (const e of readUblCatalogue(createReadStream(join(CATALOGUES, file)))) {
    if (e.type === 'header') header = e.header;
    else if (e.type === 'line') lines.push(e.line);
  }
  return { header: header!, lines };
}

describeShared('published PEPPOL / EHF catalogues read into typed documents', () => {
  it('reads every published catalogue: header and lines with ids, prices and classifications', async () => {
    const files = readdirSync(CATALOGUES).filter((f) => f.endsWith('.xml'));
    expect(files.sort()).toEqual(['Catalogue_Example.xml', 'catalogue-wo-response-use-case-1.xml', 'catalogue-wo-response-use-case-2.xml', 'ehf-Catalogue_Example.xml']);
    for (const file of files) {
      const { header, lines } = await read(file);
      expect(header.customizationId?.value).toMatch(/^urn:fdc:peppol\.eu:poacc:trns:catalogue:3/);
      expect(header.providerParty?.endpointId).toMatchObject({ value: '987654325', schemeId: '0192' });
      expect(header.contractId?.value).toBeTruthy();
      expect(lines.length).toBeGreaterThan(0);
      lines.forEach((l, i) => {
        expect(l.ordinal).toBe(i + 1);
        expect(l.path).toBe(`/Catalogue/CatalogueLine[${i + 1}]`);
        expect(l.item.name?.value).toBeTruthy();
      });
    }
  });

  it('reads the PEPPOL example: header, provider, receiver and the first line in full, with locations', async () => {
    const { header, lines } = await read('Catalogue_Example.xml');
    expect(header).toMatchObject({
      profileId: { value: 'urn:fdc:peppol.eu:poacc:bis:catalogue_only:3' },
      id: { value: '1387', path: '/Catalogue/cbc:ID', line: 8 },
      actionCode: { value: 'Add' },
      name: { value: 'Spring Catalogue' },
      issueDate: { value: '2016-08-01' },
      validityPeriod: { startDate: { value: '2018-09-01', path: '/Catalogue/cac:ValidityPeriod/cbc:StartDate' }, endDate: { value: '2019-08-31' } },
      contractId: { value: 'CRT1387', path: '/Catalogue/cac:ReferencedContract/cbc:ID' },
      providerParty: { path: '/Catalogue/cac:ProviderParty', registrationName: { value: 'Helseforetak AS' }, identifiers: [{ value: '5790000435951', schemeId: '0088' }] },
      receiverParty: { registrationName: { value: 'Medical AS' }, companyId: { value: '123456785', schemeId: '0192' }, postalAddress: { cityName: { value: 'Oslo' }, countryCode: { value: 'NO' } } },
    });
    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    expect(first).toMatchObject({
      line: 129,
      id: { value: '1' },
      actionCode: { value: 'Update', path: '/Catalogue/CatalogueLine[1]/cbc:ActionCode' },
      orderableUnit: { value: 'LBR' },
      validityPeriod: { startDate: { value: '2018-09-26' }, endDate: { value: '2019-08-31' } },
      priceAmount: {
        value: '10.00',
        path: '/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount',
        currency: { value: 'EUR', path: '/Catalogue/CatalogueLine[1]/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount/@currencyID' },
      },
      baseQuantity: { value: '1', unitCode: 'C62' },
    });
    expect(first.item).toMatchObject({
      name: { value: 'Copy paper', path: '/Catalogue/CatalogueLine[1]/cac:Item/cbc:Name' },
      description: { value: 'Photo copy paper 80g A4, package of 500 sheets.' },
      keywords: [{ value: 'text' }],
      sellersItemId: { value: 'MNTR011' },
      manufacturersItemId: { value: 'MNTR01349087911' },
      standardItemIds: [{ value: '1234567890114', schemeId: '0160' }],
      commodityClassifications: [{ value: '20101601', listId: 'MP', listVersionId: '19.0501' }],
      taxCategory: { id: { value: 'S' }, percent: { value: '18', path: '/Catalogue/CatalogueLine[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent' } },
      additionalProperties: [{ name: { value: 'Paper weight in grams' }, value: { value: '18' } }],
      manufacturerName: { value: 'Manufacturer AS' },
      certificates: [{ id: { value: '123450' }, typeCode: { value: 'SVANEN' }, type: { value: 'Environmental' } }],
    });
    expect(second).toMatchObject({ line: 268, id: { value: '2' }, priceAmount: { value: '90.00' }, item: { sellersItemId: { value: 'MNTR012' } } });
    expect(second.actionCode).toBeUndefined();
  });

  it('reads the ISO-8859-1 use case 1 by its declared encoding, and use case 2 as an Update with line actions', async () => {
    const one = await read('catalogue-wo-response-use-case-1.xml');
    expect(one.header).toMatchObject({ id: { value: '1234' }, actionCode: { value: 'Add' }, contractId: { value: '3299-RA' } });
    expect(one.lines.map((l) => l.item.sellersItemId?.value)).toEqual(['2451015', '2451037', '1038195', '7690213', '123', '55123', '4747']);
    expect(one.lines.map((l) => l.priceAmount?.value)).toEqual(['20.00', '20.00', '504.50', '145.00', '350.00', '1000.00', '23.75']);
    const apples = one.lines[6];
    expect(apples).toMatchObject({ orderableUnit: { value: 'KGM' }, priceAmount: { currency: { value: 'NOK' } } });
    expect(apples.item).toMatchObject({
      name: { value: 'Green apples', line: 435 },
      standardItemIds: [{ value: '05790000435944', schemeId: '0160' }],
      commodityClassifications: [{ value: '50101634', listId: 'MP' }],
      taxCategory: { percent: { value: '12' } },
    });
    expect(apples.item.certificates).toEqual([expect.objectContaining({ id: expect.objectContaining({ value: 'Z04' }), type: expect.objectContaining({ value: 'Miljömärkning' }) })]);
    expect(one.lines[3].item.additionalProperties.map((p) => `${p.name?.value}=${p.value?.value}`)).toEqual(['Size=A4', 'Weight=80G', 'Colour=White', 'Holes=Yes']);
    expect(one.lines[0].item.keywords.map((k) => k.value)).toEqual(['writing equipment', 'felt pen']);

    const two = await read('catalogue-wo-response-use-case-2.xml');
    expect(two.header).toMatchObject({ id: { value: '1235' }, actionCode: { value: 'Update' } });
    expect(two.lines.map((l) => [l.actionCode?.value, l.item.sellersItemId?.value ?? l.item.standardItemIds[0]?.value])).toEqual([
      ['Update', '2451015'],
      ['Add', '2451027'],
      ['Delete', '05790000436040'],
    ]);
  });

  it('reads the EHF example with the EHF customization and the same lines as the PEPPOL one', async () => {
    const ehf = await read('ehf-Catalogue_Example.xml');
    const peppol = await read('Catalogue_Example.xml');
    expect(ehf.header.customizationId?.value).toBe('urn:fdc:peppol.eu:poacc:trns:catalogue:3:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0');
    const essentials = (l: UblCatalogueLine) => [
      l.item.sellersItemId?.value,
      l.item.name?.value,
      l.priceAmount?.value,
      l.priceAmount?.currency?.value,
      l.item.commodityClassifications[0]?.value,
      l.item.taxCategory?.percent?.value,
    ];
    expect(ehf.lines.map(essentials)).toEqual(peppol.lines.map(essentials));
  });
});
