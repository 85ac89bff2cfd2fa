import Decimal from 'decimal.js';
import { ehfOrderExample } from '../../test/support/ehf-order-example';
import { UblOrder } from './ubl-order';
import { readUblOrder } from './ubl-order-reader';
import { writeOrder } from './ubl-order-writer';
import { UblError } from './ubl-xml-reader';

/** The order as it reads back: decimals as the text they are written as, nothing else changed. */
function asWritten(order: UblOrder): UblOrder {
  // The holder's own value, before JSON.stringify applies Decimal's toJSON (which may use an exponent).
  const plain = JSON.stringify(order, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Decimal ? raw.toFixed() : value;
  });
  return JSON.parse(plain) as UblOrder;
}

/** A Torg-shaped order: 0192 parties, agreement, buyer reference, UNSPSC and GTIN, Decimal amounts, escaped names. */
function torgOrder(): UblOrder {
  const line = (id: string, qty: string, price: string) => ({
    id,
    quantity: { value: new Decimal(qty), unitCode: 'EA' },
    lineExtensionAmount: new Decimal(qty).times(price).toDecimalPlaces(2),
    accountingCost: '4010',
    requestedDeliveryPeriod: { startDate: '2026-12-07', endDate: '2026-12-09' },
    price: { amount: new Decimal(price), baseQuantity: { value: '1', unitCode: 'EA' } },
    item: {
      name: `Vare ${id} «blå» & <grønn>`,
      sellersItemId: `KL-${id}`,
      standardItemId: { value: '07311041012315', schemeId: '0160' },
      classifications: [{ code: '44121701', listId: 'MP' }],
      taxCategory: { id: 'S', percent: '25' },
    },
  });
  const lines = [line('1', '3', '12.3456'), line('2', '10', '45.07')];
  const net = lines.reduce((s, l) => s.plus(l.lineExtensionAmount), new Decimal(0));
  const vat = net.times('0.25').toDecimalPlaces(2);
  return {
    profile: 'peppol-ordering',
    id: 'PO-2026-000123',
    issueDate: '2026-11-30',
    issueTime: '10:15:00',
    currency: 'NOK',
    customerReference: 'Nordby skole / attestant',
    accountingCost: '4010-7120',
    contractId: '2025-001',
    buyer: { endpointId: { value: '987654325', schemeId: '0192' }, identifiers: [{ value: '987654325', schemeId: '0192' }], name: 'Nordby skole' },
    seller: {
      endpointId: { value: '123456785', schemeId: '0192' },
      name: 'Kontorland AS',
      postalAddress: { streetName: 'Industrigata 5', cityName: 'Storby', postalZone: '0150', countryCode: 'NO' },
      legalEntity: { registrationName: 'Kontorland AS', companyId: { value: '123456785', schemeId: '0192' } },
    },
    delivery: { address: { streetName: 'Skoleveien 1', addressLine: 'Inngang B', cityName: 'Storby', postalZone: '0123', countryCode: 'NO' }, requestedPeriod: { startDate: '2026-12-07' } },
    taxAmount: vat,
    totals: { lineExtension: net, taxExclusive: net, taxInclusive: net.plus(vat), payable: net.plus(vat) },
    lines,
  };
}

async function refusal(xml: string): Promise<UblError> {
  try {
    await readUblOrder(Buffer.from(xml));
  } catch (e) {
    if (e instanceof UblError) return e;
    throw e;
  }
  throw new Error('the order was read');
}

describe('readUblOrder: a written order reads back as the same order', () => {
  it('the full published EHF example (every field writeOrder writes) round-trips', async () => {
    const order = ehfOrderExample();
    expect(await readUblOrder(Buffer.from(writeOrder(order)))).toEqual(order);
  });

  it('a Torg-shaped order with Decimal amounts round-trips under each profile, decimals as written', async () => {
    for (const profile of ['peppol-ordering', 'peppol-order-only', 'ehf'] as const) {
      const order = { ...torgOrder(), profile };
      const back = await readUblOrder(Buffer.from(writeOrder(order)));
      expect(back).toEqual(asWritten(order));
      expect(back.lines[0].item.name).toBe('Vare 1 «blå» & <grønn>');
      expect(back.lines[0].price?.amount).toBe('12.3456');
      expect(back.totals.lineExtension).toBe('487.74');
    }
  });

  it('round-trips generated variations: optional fields present or absent, many lines', async () => {
    // A deterministic sweep (no random seed to chase): each bit of i drops or keeps one optional part.
    for (let i = 0; i < 32; i++) {
      const order = torgOrder();
      if (i & 1) delete order.customerReference;
      if (i & 2) delete order.delivery;
      if (i & 4) order.lines = Array.from({ length: 40 }, (_, n) => ({ ...order.lines[n % 2], id: String(n + 1) }));
      if (i & 8) order.lines.forEach((l) => delete l.price);
      if (i & 16) order.note = `Merknad ${i}: ]]> & "sitat"`;
      expect(await readUblOrder(Buffer.from(writeOrder(order)))).toEqual(asWritten(order));
    }
  });
});

describe('readUblOrder refusals', () => {
  const xml = () => writeOrder(torgOrder());

  it('names the path of what every order needs and the document lacks', async () => {
    const noSellerEndpoint = xml().replace(/<cbc:EndpointID schemeID="0192">123456785<\/cbc:EndpointID>/, '');
    expect((await refusal(noSellerEndpoint)).message).toBe('The Order has no /Order/cac:SellerSupplierParty/cac:Party/cbc:EndpointID, which every order needs');
    const noUnit = xml().replace('<cbc:Quantity unitCode="EA">3</cbc:Quantity>', '<cbc:Quantity>3</cbc:Quantity>');
    expect((await refusal(noUnit)).message).toBe('/Order/cac:OrderLine[1]/cac:LineItem/cbc:Quantity has no unitCode');
    const emptyId = xml().replace('<cbc:ID>PO-2026-000123</cbc:ID>', '<cbc:ID> </cbc:ID>');
    expect((await refusal(emptyId)).message).toBe('/Order/cbc:ID is empty');
  });

  it('refuses an order of another profile and another document type', async () => {
    const otherProfile = xml().replace('urn:fdc:peppol.eu:poacc:bis:ordering:3', 'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3');
    expect((await refusal(otherProfile)).message).toBe('The Order\'s cbc:ProfileID "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3" is neither PEPPOL BIS Ordering 3 nor Order only 3');
    expect((await refusal('<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"/>')).message).toBe('The root element is Catalogue, not a UBL Order');
  });
});
