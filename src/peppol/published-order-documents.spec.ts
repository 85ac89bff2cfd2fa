import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ehfOrderExample } from '../../test/support/ehf-order-example';
import { needShared, sharedData } from '../../test/support/shared-data';
import { readUblDespatchAdvice } from './ubl-despatch-advice-reader';
import { readUblOrder } from './ubl-order-reader';
import { UblOrderResponse } from './ubl-order-response';
import { readUblOrderResponse } from './ubl-order-response-reader';

/** The orders, order responses and despatch advices OpenPEPPOL and DFØ publish, read in place from ../shared/data. */
const SHARED = sharedData('peppol');
const EXAMPLES = SHARED.dir;
const describeShared = needShared('the published PEPPOL order document tests', SHARED) ? describe : describe.skip;
const file = (folder: string, name: string) => readFileSync(join(EXAMPLES, folder, name));
const xmlFiles = (folder: string) => readdirSync(join(EXAMPLES, folder)).filter((f) => f.endsWith('.xml'));

/** A line's answer in one row: line id, status, order line, quantity unit, price, promised period, substitute. */
const summary = (r: UblOrderResponse) =>
  r.lines.map((l) => [
    l.id?.value,
    l.statusCode?.value,
    l.orderLineId?.value,
    l.quantity && `${l.quantity.value} ${l.quantity.unitCode}`,
    l.priceAmount && `${l.priceAmount.value} ${l.priceAmount.currency?.value}`,
    l.promisedDeliveryPeriod && `${l.promisedDeliveryPeriod.startDate?.value}..${l.promisedDeliveryPeriod.endDate?.value}`,
    l.substitutedItem && [l.substitutedItem.id?.value, l.substitutedItem.item?.sellersItemId?.value, l.substitutedItem.item?.standardItemId?.value, l.substitutedItem.item?.name?.value],
  ]);

describeShared('published order responses read into typed documents', () => {
  it('reads every published order response (the folder holds exactly the three known)', async () => {
    expect(xmlFiles('order-response').sort()).toEqual(['OrderResponse_Example.xml', 'UC1_Order_response.xml', 'ehf-OrderResponse_Example.xml']);
  });

  it('OrderResponse_Example: CA with a changed line (quantity, price, promised period, substitute), an accepted one and a substituted item', async () => {
    const r = await readUblOrderResponse(file('order-response', 'OrderResponse_Example.xml'));
    expect(r).toMatchObject({
      specification: 'peppol',
      profileId: { value: 'urn:fdc:peppol.eu:poacc:bis:ordering:3' },
      id: { value: '101', path: '/OrderResponse/cbc:ID', line: 8 },
      salesOrderId: { value: '101-111' },
      issueDate: { value: '2013-07-01' },
      issueTime: { value: '06:10:10' },
      responseCode: { value: 'CA', path: '/OrderResponse/cbc:OrderResponseCode', line: 12 },
      note: { value: 'Response message with amendments in the details' },
      currency: { value: 'EUR' },
      customerReference: { value: 'ABC-123' },
      orderReference: { value: '11233', path: '/OrderResponse/cac:OrderReference/cbc:ID', line: 17 },
      seller: { endpointId: { value: '7598000000128', schemeId: '0088' }, identifiers: [{ value: 'DK12345678', schemeId: '0184' }], registrationName: { value: 'The Supplier AB' } },
      buyer: { endpointId: { value: '7590000012347', schemeId: '0088' }, registrationName: { value: 'City Hospital' } },
      promisedDeliveryPeriod: { startDate: { value: '2013-07-15' }, startTime: { value: '12:30:00' }, endDate: { value: '2013-07-16' }, endTime: { value: '18:00:00' } },
    });
    expect(summary(r)).toEqual([
      ['1', '3', '1', '10 C62', '1.50 EUR', '2018-08-10..2018-08-12', ['12356', 'SN-34', '7400000001235', 'Sauce brown, ready']],
      ['2', '5', '2', undefined, undefined, undefined, undefined],
      ['3', '3', '3', undefined, undefined, undefined, ['1', 'SN-36', '8722700577588', 'Pepper sauce']],
    ]);
    const [first] = r.lines;
    expect(first).toMatchObject({ ordinal: 1, path: '/OrderResponse/cac:OrderLine[1]', line: 49, note: { value: 'Order line note text' } });
    expect(first.statusCode).toEqual({ value: '3', path: '/OrderResponse/cac:OrderLine[1]/cac:LineItem/cbc:LineStatusCode', line: 53, listId: undefined, listVersionId: undefined });
    expect(first.orderLineId).toEqual({ value: '1', path: '/OrderResponse/cac:OrderLine[1]/cac:OrderLineReference/cbc:LineID', line: 110 });
    expect(first.quantity).toMatchObject({ path: '/OrderResponse/cac:OrderLine[1]/cac:LineItem/cbc:Quantity', line: 54 });
    expect(first.baseQuantity).toMatchObject({ value: '1', unitCode: 'C62' });
    expect(first.item).toMatchObject({
      name: { value: 'Brown sauce' },
      buyersItemId: { value: '123456' },
      sellersItemId: { value: 'SN-33' },
      standardItemId: { value: '7400000001234', schemeId: '0160' },
    });
    expect(first.substitutedItem?.item).toMatchObject({
      path: '/OrderResponse/cac:OrderLine[1]/cac:SellerSubstitutedLineItem/cac:Item',
      commodityClassifications: [{ value: '12345678', listId: 'MP', listVersionId: '19.0501' }],
      taxCategory: { id: { value: 'S' }, percent: { value: '25' } },
    });
  });

  it('UC1_Order_response: CA answering UC1_Order line by line (5 accepted, 7 not accepted, 3 substituted)', async () => {
    const r = await readUblOrderResponse(file('order-response', 'UC1_Order_response.xml'));
    expect(r).toMatchObject({ specification: 'peppol', id: { value: '101' }, responseCode: { value: 'CA' }, orderReference: { value: '1' }, customerReference: { value: 'Your ref' } });
    expect(r.seller?.endpointId).toMatchObject({ value: '7300010000001', schemeId: '0088' });
    expect(summary(r)).toEqual([
      ['1', '5', '1', undefined, undefined, undefined, undefined],
      ['2', '7', '2', undefined, undefined, undefined, undefined],
      ['3', '3', '3', undefined, undefined, undefined, ['1', 'SN-36', '8722700577588', 'Pepper sauce']],
    ]);
    // The lines answer the published UC1 order: its id and its line ids.
    const order = await readUblOrder(file('order', 'UC1_Order.xml'));
    expect(r.orderReference?.value).toBe(order.id);
    expect(r.lines.map((l) => l.orderLineId?.value)).toEqual(order.lines.map((l) => l.id));
  });

  it('ehf-OrderResponse_Example: the EHF customization, 0192 parties, the same answers as the PEPPOL example', async () => {
    const ehf = await readUblOrderResponse(file('order-response', 'ehf-OrderResponse_Example.xml'));
    const peppol = await readUblOrderResponse(file('order-response', 'OrderResponse_Example.xml'));
    expect(ehf).toMatchObject({
      specification: 'ehf',
      customizationId: { value: 'urn:fdc:peppol.eu:poacc:trns:order_response:3:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0' },
      profileId: { value: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:02:1.0' },
      seller: { endpointId: { value: '987654325', schemeId: '0192' } },
      buyer: { endpointId: { value: '123456785', schemeId: '0192' } },
      orderReference: { value: '11233' },
    });
    const withoutTimes = (rows: ReturnType<typeof summary>) => rows.map((row) => row.slice(0, 5).concat(row.slice(6)));
    expect(withoutTimes(summary(ehf))).toEqual(withoutTimes(summary(peppol)));
    expect(summary(ehf)[0][5]).toBe('2018-08-10..2018-08-12');
  });
});

describeShared('published despatch advices read into typed documents', () => {
  it('reads every published despatch advice (the folder holds exactly the two known)', () => {
    expect(xmlFiles('despatch-advice').sort()).toEqual(['DespatchAdvice_Example.xml', 'ehf-DespatchAdvice_Example.xml']);
  });

  it('DespatchAdvice_Example: header, parties, shipment and the line with delivered and outstanding quantities', async () => {
    const d = await readUblDespatchAdvice(file('despatch-advice', 'DespatchAdvice_Example.xml'));
    expect(d).toMatchObject({
      specification: 'peppol',
      profileId: { value: 'urn:fdc:peppol.eu:poacc:bis:despatch_advice:3' },
      id: { value: '565899', path: '/DespatchAdvice/cbc:ID' },
      issueDate: { value: '2018-09-20' },
      note: { value: 'sample' },
      orderReference: { value: 'AEG012345', path: '/DespatchAdvice/cac:OrderReference/cbc:ID' },
      despatchSupplier: { endpointId: { value: '7300010000001', schemeId: '0088' }, registrationName: { value: 'Consortial' }, contact: { name: { value: 'Mrs Bouquet' } } },
      deliveryCustomer: { endpointId: { value: '5798000000124', schemeId: '0088' }, postalAddress: { cityName: { value: 'Bridgtow' }, countryCode: { value: 'GB' } } },
      deliveryContact: { name: { value: 'Mr Fred Churchill' }, email: { value: 'fred@iytcorporation.gov.uk' } },
      buyer: { name: { value: 'IYT Corporation' } },
      shipment: {
        id: { value: '1' },
        grossWeight: { value: '1', unitCode: 'C62' },
        carrierName: { value: 'Name' },
        trackingId: { value: '456789' },
        estimatedDeliveryPeriod: { startDate: { value: '2018-09-25' }, endDate: { value: '2018-09-27' } },
        actualDespatchDate: { value: '2018-09-25' },
        despatchAddress: { streetName: { value: 'Avon Way' } },
      },
    });
    expect(d.lines).toHaveLength(1);
    expect(d.lines[0]).toMatchObject({
      ordinal: 1,
      path: '/DespatchAdvice/cac:DespatchLine[1]',
      id: { value: '1' },
      note: { value: 'Mrs Green agreed to waive charge' },
      deliveredQuantity: { value: '10', unitCode: 'C62', path: '/DespatchAdvice/cac:DespatchLine[1]/cbc:DeliveredQuantity' },
      outstandingQuantity: { value: '2', unitCode: 'C62' },
      outstandingReason: { value: 'text' },
      orderLineId: { value: '1', path: '/DespatchAdvice/cac:DespatchLine[1]/cac:OrderLineReference/cbc:LineID' },
      lineOrderReference: { value: 'AEG012345' },
      item: { name: { value: 'beeswax' }, buyersItemId: { value: '6578489' }, sellersItemId: { value: '17589683' }, standardItemId: { value: '1234567891234', schemeId: '0160' } },
      serialId: { value: '4558784' },
      lotNumberId: { value: '546378239' },
      bestBeforeDate: { value: '2018-12-01' },
      handlingUnitId: { value: '5454' },
    });
  });

  it('ehf-DespatchAdvice_Example: the EHF customization, 0192 parties, the same line', async () => {
    const d = await readUblDespatchAdvice(file('despatch-advice', 'ehf-DespatchAdvice_Example.xml'));
    expect(d).toMatchObject({
      specification: 'ehf',
      profileId: { value: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:05:1.0' },
      id: { value: '565899' },
      orderReference: { value: 'AEG012345' },
      despatchSupplier: { endpointId: { value: '987654325', schemeId: '0192' } },
      deliveryCustomer: { endpointId: { value: '123456785', schemeId: '0192' } },
    });
    expect(d.lines.map((l) => [l.id?.value, l.deliveredQuantity?.value, l.outstandingQuantity?.value, l.outstandingReason?.value, l.orderLineId?.value, l.item?.sellersItemId?.value])).toEqual([
      ['1', '10', '2', 'text', '1', '17589683'],
    ]);
  });
});

describeShared('published orders read into the UblOrder writeOrder takes', () => {
  it('reads the EHF example into exactly the typed order that writes it back element for element', async () => {
    expect(await readUblOrder(file('order', 'ehf-Order_Example.xml'))).toEqual(ehfOrderExample());
  });

  it('reads every published order, with the profile its ids name', async () => {
    expect(xmlFiles('order').sort()).toEqual(['Order_Example.xml', 'UC1_Order.xml', 'ehf-Order_Example.xml']);
    const peppol = await readUblOrder(file('order', 'Order_Example.xml'));
    expect(peppol).toMatchObject({ profile: 'peppol-order-only', id: '34', currency: 'NOK', contractId: '34322', customerReference: '9000012345' });
    expect(peppol.lines.map((l) => [l.id, l.quantity, l.price?.amount, l.item.sellersItemId])).toEqual([
      ['1', { value: '120', unitCode: 'EA' }, '50.000', '121212'],
      ['2', { value: '15', unitCode: 'EA' }, '15.000', 'SItemNo011'],
    ]);
    const uc1 = await readUblOrder(file('order', 'UC1_Order.xml'));
    expect(uc1).toMatchObject({
      profile: 'peppol-order-only',
      id: '1',
      currency: 'EUR',
      accountingCost: 'MAFO',
      contractId: 'C1',
      buyer: { endpointId: { value: '7300010000001', schemeId: '0088' }, name: 'City Hospital' },
      seller: { endpointId: { value: '987654325', schemeId: '0192' }, postalAddress: { cityName: 'Bergen', countryCode: 'NO' } },
      totals: { lineExtension: '115', payable: '143.75' },
    });
    expect(uc1.lines.map((l) => [l.id, l.quantity.value, l.quantity.unitCode, l.lineExtensionAmount, l.item.name, l.item.standardItemId?.value])).toEqual([
      ['1', '10', 'NAR', '40', 'Brown sauce', '05704066204093'],
      ['2', '5', 'NAR', '30', 'White sauce', '08722700575887'],
      ['3', '15', 'NAR', '45', 'Pepper sauce', '08722700577584'],
    ]);
  });
});
