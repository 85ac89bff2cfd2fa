import { fatalRules, RULES } from '../../test/support/peppol-rules';
import { needShared } from '../../test/support/shared-data';
import { UblDespatchAdviceOut } from './ubl-despatch-advice';
import { readUblDespatchAdvice } from './ubl-despatch-advice-reader';
import { writeDespatchAdvice } from './ubl-despatch-advice-writer';
import { XmlWriteError } from './xml-writer';

const describeRules = needShared('the official PEPPOL rules checks of writeDespatchAdvice', RULES) ? describe : describe.skip;

/** A partial delivery of a Torg order: line 1 in full, line 2 with 2 outstanding. */
function partialDelivery(profile: UblDespatchAdviceOut['profile'] = 'ehf'): UblDespatchAdviceOut {
  const party = (id: string, name: string) => ({ endpointId: { value: id, schemeId: '0192' }, identifiers: [{ value: id, schemeId: '0192' }], legalEntity: { registrationName: name } });
  return {
    profile,
    id: 'DA-9',
    issueDate: '2026-12-08',
    orderReference: 'PO-2026-000123',
    despatchSupplier: party('123456785', 'Kontorland AS'),
    deliveryCustomer: { ...party('987654325', 'Storby kommune'), postalAddress: { streetName: 'Skoleveien 1', cityName: 'Storby', postalZone: '0123', countryCode: 'NO' } },
    shipment: { id: 'NA', trackingId: 'TRK-1', estimatedDeliveryPeriod: { startDate: '2026-12-09', endDate: '2026-12-10' }, actualDespatchDate: '2026-12-08' },
    lines: [
      { id: 'D1', deliveredQuantity: { value: '3', unitCode: 'EA' }, orderLineId: '1', item: { name: 'Kopipapir A4', sellersItemId: 'KL-100' } },
      {
        id: 'D2',
        deliveredQuantity: { value: '8', unitCode: 'EA' },
        outstandingQuantity: { value: '2', unitCode: 'EA' },
        outstandingReason: 'Restordre, kommer uke 51',
        orderLineId: '2',
        item: { name: 'Perm', sellersItemId: 'KL-200', standardItemId: { value: '07311041012315', schemeId: '0160' } },
      },
    ],
  };
}

describeRules('writeDespatchAdvice against the official rules', () => {
  it('no fatal assert under EHF Despatch Advice 3.0 and PEPPOL BIS T16', () => {
    expect(fatalRules('EHF-DESPATCH-ADVICE-3.0.sef.json', writeDespatchAdvice(partialDelivery('ehf')))).toEqual([]);
    expect(fatalRules('PEPPOLBIS-T16.sef.json', writeDespatchAdvice(partialDelivery('peppol')))).toEqual([]);
  });

  it('the rules are live: an item with neither id nor name is fatal', () => {
    const nameless = partialDelivery('peppol');
    nameless.lines[0].item = { name: '' };
    expect(fatalRules('PEPPOLBIS-T16.sef.json', writeDespatchAdvice(nameless))).toEqual(expect.arrayContaining(['PEPPOL-T16-R003']));
  });
});

describe('writeDespatchAdvice', () => {
  it('reads back as written: order reference, delivered and outstanding quantities per order line', async () => {
    const read = await readUblDespatchAdvice(Buffer.from(writeDespatchAdvice(partialDelivery())));
    expect(read).toMatchObject({
      specification: 'ehf',
      id: { value: 'DA-9' },
      orderReference: { value: 'PO-2026-000123' },
      despatchSupplier: { endpointId: { value: '123456785', schemeId: '0192' } },
      deliveryCustomer: { endpointId: { value: '987654325', schemeId: '0192' } },
      shipment: { id: { value: 'NA' }, trackingId: { value: 'TRK-1' }, actualDespatchDate: { value: '2026-12-08' } },
    });
    expect(read.lines.map((l) => [l.id?.value, l.orderLineId?.value, l.deliveredQuantity?.value, l.deliveredQuantity?.unitCode, l.outstandingQuantity?.value, l.outstandingReason?.value])).toEqual([
      ['D1', '1', '3', 'EA', undefined, undefined],
      ['D2', '2', '8', 'EA', '2', 'Restordre, kommer uke 51'],
    ]);
  });

  it('refuses a negative delivered quantity (returns are goods receipts, not despatches)', () => {
    const negative = partialDelivery();
    negative.lines[0].deliveredQuantity.value = '-1';
    expect(() => writeDespatchAdvice(negative)).toThrow(new XmlWriteError('Line D1 delivered quantity -1 is negative'));
  });
});
