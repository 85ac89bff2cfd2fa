import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Decimal from 'decimal.js';
import { ehfOrderExample } from '../../test/support/ehf-order-example';
import { fatalRules, RULES } from '../../test/support/peppol-rules';
import { needShared, sharedData } from '../../test/support/shared-data';
import { UblOrder } from './ubl-order';
import { ORDER_NAMESPACES, writeOrder } from './ubl-order-writer';
import { readUblRecords } from './ubl-xml-reader';
import { XmlElement } from './xml-element';
import { XmlWriteError } from './xml-writer';

const ORDERS = sharedData('peppol', 'order');
const haveShared = needShared('the writeOrder conformance tests (the published orders and the official rules)', ORDERS, RULES);
const describeShared = haveShared ? describe : describe.skip;

const T01 = 'PEPPOLBIS-T01.sef.json';
const EHF = 'EHF-ORDER-3.0.sef.json';

interface Plain {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Plain[];
}

/** A document as a plain tree of local names, attributes and trimmed text, read with peppol's own XML layer. */
async function plainTree(xml: Buffer): Promise<Plain> {
  const children: XmlElement[] = [];
  for await (const e of readUblRecords(Readable.from([xml]), { root: 'Order', namespace: ORDER_NAMESPACES[''], record: 'OrderLine' })) {
    if (e.type === 'header') children.push(...e.elements);
    else if (e.type === 'record') children.push(e.element);
  }
  const plain = (el: XmlElement): Plain => ({ name: el.name, attrs: el.attrs, text: el.children.length ? '' : el.text.trim(), children: el.children.map(plain) });
  return { name: 'Order', attrs: {}, text: '', children: children.map(plain) };
}

/** A Torg-shaped order: 0192 parties, agreement, buyer reference, UNSPSC and GTIN, Decimal amounts. */
function torgOrder(): UblOrder {
  const line = (id: string, sellerItem: string, gtin: string, unspsc: string, qty: string, price: string) => ({
    id,
    quantity: { value: new Decimal(qty), unitCode: 'EA' },
    lineExtensionAmount: new Decimal(qty).times(price).toDecimalPlaces(2),
    price: { amount: new Decimal(price), baseQuantity: { value: '1', unitCode: 'EA' } },
    item: {
      name: `Vare ${sellerItem} «blå» & <grønn>`,
      sellersItemId: sellerItem,
      standardItemId: { value: gtin, schemeId: '0160' },
      classifications: [{ code: unspsc, listId: 'MP' }],
      taxCategory: { id: 'S', percent: '25' },
    },
  });
  const lines = [line('1', 'KL-100', '07311041012315', '44121701', '3', '12.3456'), line('2', 'KL-200', '05790000435944', '14111507', '10', '45.07')];
  const net = lines.reduce((s, l) => s.plus(l.lineExtensionAmount), new Decimal(0));
  const vat = net.times('0.25').toDecimalPlaces(2);
  return {
    profile: 'ehf',
    id: 'PO-2026-000123',
    issueDate: '2026-11-30',
    currency: 'NOK',
    customerReference: 'Nordby skole / attestant',
    accountingCost: '4010-7120',
    contractId: '2025-001',
    buyer: {
      endpointId: { value: '987654325', schemeId: '0192' },
      identifiers: [{ value: '987654325', schemeId: '0192' }],
      name: 'Nordby skole',
      legalEntity: { registrationName: 'Storby kommune', companyId: { value: '987654325', schemeId: '0192' } },
      contact: { name: 'Bestiller', email: 'bestiller@nordby.example' },
    },
    seller: {
      endpointId: { value: '123456785', schemeId: '0192' },
      identifiers: [{ value: '123456785', schemeId: '0192' }],
      name: 'Kontorland AS',
      postalAddress: { streetName: 'Industrigata 5', cityName: 'Storby', postalZone: '0150', countryCode: 'NO' },
      legalEntity: { registrationName: 'Kontorland AS', companyId: { value: '123456785', schemeId: '0192' } },
    },
    delivery: { address: { streetName: 'Skoleveien 1', cityName: 'Storby', postalZone: '0123', countryCode: 'NO' }, requestedPeriod: { startDate: '2026-12-07' } },
    taxAmount: vat,
    totals: { lineExtension: net, taxExclusive: net, taxInclusive: net.plus(vat), payable: net.plus(vat) },
    lines,
  };
}

describeShared('writeOrder against the published EHF example and the official rules', () => {
  it('writes the published ehf-Order_Example element for element, value for value', async () => {
    const written = await plainTree(Buffer.from(writeOrder(ehfOrderExample())));
    const published = await plainTree(readFileSync(join(ORDERS.dir, 'ehf-Order_Example.xml')));
    expect(written).toEqual(published);
  });

  it('EHF profile: no fatal assert under EHF Order 3.0 (which holds the PEPPOL T01 rules too); under T01 alone only the EHF ProfileID, as for the published example', () => {
    const xml = writeOrder(ehfOrderExample());
    expect(fatalRules(EHF, xml)).toEqual([]);
    expect(fatalRules(T01, xml)).toEqual(['PEPPOL-T01-R031']);
    expect(fatalRules(T01, readFileSync(join(ORDERS.dir, 'ehf-Order_Example.xml'), 'utf8'))).toEqual(['PEPPOL-T01-R031']);
  });

  it('PEPPOL profiles: no fatal assert under PEPPOL BIS T01', () => {
    expect(fatalRules(T01, writeOrder({ ...ehfOrderExample(), profile: 'peppol-ordering' }))).toEqual([]);
    expect(fatalRules(T01, writeOrder({ ...torgOrder(), profile: 'peppol-order-only' }))).toEqual([]);
  });

  it('a Torg-shaped order (Decimal amounts, escaped names) passes EHF Order 3.0 with no fatal assert', () => {
    const xml = writeOrder(torgOrder());
    expect(xml).toContain('<cbc:Name>Vare KL-100 «blå» &amp; &lt;grønn&gt;</cbc:Name>');
    expect(xml).toContain('<cbc:PriceAmount currencyID="NOK">12.3456</cbc:PriceAmount>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="NOK">37.04</cbc:LineExtensionAmount>');
    expect(fatalRules(EHF, xml)).toEqual([]);
  });

  it('the rules are live: a wrong line total or a seller without endpoint or address is fatal', () => {
    const wrongTotal = ehfOrderExample();
    wrongTotal.totals.lineExtension = '6526.00'; // the lines sum to 6525.00
    // R008: sum of line amounts; R011: tax exclusive = lines - allowances + charges.
    expect(fatalRules(EHF, writeOrder(wrongTotal))).toEqual(['PEPPOL-T01-R008', 'PEPPOL-T01-R011']);
    expect(fatalRules(T01, writeOrder({ ...wrongTotal, profile: 'peppol-ordering' }))).toEqual(['PEPPOL-T01-R008', 'PEPPOL-T01-R011']);

    // What the types require; a caller outside TypeScript could still leave them out.
    const noEndpoint = torgOrder();
    delete (noEndpoint.seller as Partial<UblOrder['seller']>).endpointId;
    expect(fatalRules(EHF, writeOrder(noEndpoint))).toEqual(['EHF-T01-B06801']);
    const noAddress = torgOrder();
    delete (noAddress.seller as Partial<UblOrder['seller']>).postalAddress;
    expect(fatalRules(EHF, writeOrder(noAddress))).toEqual(['EHF-T01-B06802']);
    expect(fatalRules(T01, writeOrder({ ...noAddress, profile: 'peppol-ordering' }))).toEqual(['PEPPOL-T01-B07202']);
  });
});

describe('writeOrder refusals (no rules needed)', () => {
  it('refuses a float amount and more than 2 decimals on an amount; a unit price may keep more', () => {
    const float = ehfOrderExample();
    (float.totals as Record<string, unknown>).payable = 6363.5;
    expect(() => writeOrder(float)).toThrow(new XmlWriteError('cbc:PayableAmount must be a decimal string or Decimal, not number'));
    const threeDecimals = ehfOrderExample();
    threeDecimals.lines[0].lineExtensionAmount = '6300.005';
    expect(() => writeOrder(threeDecimals)).toThrow('Line 1 cbc:LineExtensionAmount "6300.005" has more than 2 decimals');
    expect(writeOrder(ehfOrderExample())).toContain('<cbc:PriceAmount currencyID="NOK">50.000</cbc:PriceAmount>');
  });

  it('declares the Order, cac and cbc namespaces on the root and writes UTF-8', () => {
    const xml = writeOrder(ehfOrderExample());
    expect(xml.split('\n').slice(0, 2)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">',
    ]);
  });
});
