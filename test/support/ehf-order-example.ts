import { UblOrder, UblOrderAddress } from '../../src/peppol';

/**
 * The published ehf-Order_Example.xml (../shared/data/peppol/order) as a typed order: every
 * element and value of that document, so the written XML can be compared with it element for
 * element.
 */
export function ehfOrderExample(): UblOrder {
  const norway = (streetName: string, additionalStreetName: string, postalZone: string, cityName = 'Oslo', addressLine = 'Address Line 3'): UblOrderAddress => ({
    streetName,
    additionalStreetName,
    cityName,
    postalZone,
    countrySubentity: 'Region',
    addressLine,
    countryCode: 'NO',
  });
  const vat = { id: 'S', percent: '25' };
  return {
    profile: 'ehf',
    id: '34',
    salesOrderId: '112233',
    issueDate: '2018-09-01',
    issueTime: '12:30:00',
    orderTypeCode: '220',
    note: 'Information text for the whole order',
    currency: 'NOK',
    customerReference: '9000012345',
    accountingCost: 'Project123',
    validityEndDate: '2013-01-31',
    quotationReference: 'QuoteID123',
    orderDocumentReference: 'RjectedOrderID123',
    originatorDocumentReference: 'MAFO',
    additionalDocuments: [
      { id: 'Doc1', documentType: 'Timesheet', uri: 'http://www.suppliersite.eu/sheet001.html' },
      { id: 'Doc2', documentType: 'Drawing', embedded: { base64: 'UjBsR09EbGhjZ0dTQUxNQUFBUUNBRU1tQ1p0dU1GUXhEUzhi', mimeCode: 'application/pdf', filename: 'Hours-spend.csv' } },
    ],
    contractId: '34322',
    buyer: {
      endpointId: { value: '987654325', schemeId: '0192' },
      identifiers: [{ value: '987654325', schemeId: '0192' }],
      name: 'Helseforetak',
      postalAddress: norway('Sinsenveien 40', 'Oppgang B', '0501'),
      vatNumber: 'NO9311867455MVA',
      legalEntity: { registrationName: 'Helseforetak AS', companyId: { value: '931186755', schemeId: '0082' }, city: 'Oslo', countryCode: 'NO' },
      contact: { name: 'Ole Olsen', telephone: '23055000', email: 'post@helseforetak.no' },
    },
    seller: {
      endpointId: { value: '123456785', schemeId: '0192' },
      identifiers: [{ value: '0847976000005', schemeId: '0088' }],
      name: 'Medical',
      postalAddress: norway('Storgt. 12', '4. etasje', '0585'),
      legalEntity: { registrationName: 'Medical AS', companyId: { value: '123456789', schemeId: '0082' }, city: 'Oslo', countryCode: 'NO' },
      contact: { name: 'Nils Nilsen', telephone: '22150510', email: 'post@medical.no' },
    },
    originator: {
      identifiers: [{ value: '987654325', schemeId: '0192' }],
      name: 'Helseavdeling',
      contact: { name: 'Julie Jensen', telephone: '67915012', email: 'post@helse.no' },
    },
    accountingCustomer: {
      endpointId: { value: '987654325', schemeId: '0192' },
      identifiers: [{ value: '987654325', schemeId: '0192' }],
      name: 'Accounting',
      postalAddress: norway('Sinsenveien 42', 'Oppgang A', '0501'),
      vatNumber: 'NO9311867455MVA',
      legalEntity: { registrationName: 'Helseforetak AS', companyId: { value: '987654325', schemeId: '0192' }, city: 'Oslo', countryCode: 'NO' },
    },
    delivery: {
      locationId: { value: '987654325', schemeId: '0192' },
      address: norway('Solheimsveien 10', 'Add', '1473', 'Lørenskog', '3rd Address line'),
      requestedPeriod: { startDate: '2012-10-10', endDate: '2012-10-20' },
      party: { identifier: { value: '123456785', schemeId: '0192' }, name: 'Helseavdeling', contact: { name: 'Ole', telephone: '987098709', email: 'ole@helseforetak.no' } },
    },
    deliveryTerms: { id: 'FOB', specialTerms: 'CAD', locationId: 'FOB Oslo' },
    paymentTermsNote: 'Payment terms description',
    allowanceCharges: [
      { chargeIndicator: true, reasonCode: 'ABK', reason: 'Miscellaneous services', amount: '400.00', taxCategory: { id: 'Z', percent: '0' } },
      { chargeIndicator: false, reasonCode: '95', reason: 'Discount', multiplierPercent: '10', amount: '652.50', baseAmount: '6525.00', taxCategory: { id: 'S', percent: '25' } },
    ],
    taxAmount: '100.00',
    totals: {
      lineExtension: '6525.00',
      taxExclusive: '6272.50',
      taxInclusive: '6372.50',
      allowanceTotal: '652.50',
      chargeTotal: '400.00',
      prepaid: '10.00',
      payableRounding: '0.50',
      payable: '6363',
    },
    lines: [
      {
        note: 'Freetext note on line 1',
        id: '1',
        quantity: { value: '120', unitCode: 'EA' },
        lineExtensionAmount: '6300.00',
        partialDeliveryAllowed: false,
        accountingCost: '12345678',
        requestedDeliveryPeriod: { startDate: '2010-02-10', endDate: '2010-02-25' },
        originator: { identifier: { value: '1234567890', schemeId: '0082' }, name: 'Josef K.' },
        allowanceCharges: [
          { chargeIndicator: true, reasonCode: 'ABK', reason: 'Miscellaneous services', amount: '600.00' },
          { chargeIndicator: false, reasonCode: '95', reason: 'Discount', multiplierPercent: '5', amount: '300.00', baseAmount: '6000.00' },
        ],
        price: { amount: '50.000', baseQuantity: { value: '1', unitCode: 'EA' }, discount: { amount: '10.00', baseAmount: '60.00' } },
        item: {
          description: 'Needle 4mm',
          name: 'Needle 4mm',
          buyersItemId: '123456',
          sellersItemId: '121212',
          standardItemId: { value: '7560000012345', schemeId: '0160' },
          specificationDocumentIds: ['12345678'],
          classifications: [{ code: '12345678', listId: 'MP', listVersionId: '19.0501' }],
          taxCategory: vat,
          properties: [{ name: 'Length', value: '30 mm', valueQuantity: { value: '30', unitCode: 'C62' }, qualifier: 'descr' }],
          instance: { serialId: 'SE-123456', lotNumberId: 'LO-123456' },
        },
      },
      {
        note: 'Freetext note on line 2',
        id: '2',
        quantity: { value: '15', unitCode: 'EA' },
        lineExtensionAmount: '225.00',
        partialDeliveryAllowed: true,
        accountingCost: 'ProjectID123',
        requestedDeliveryPeriod: { startDate: '2012-10-15', endDate: '2012-10-31' },
        originator: { identifier: { value: '1234567890', schemeId: '0082' }, name: 'Josef K.' },
        price: { amount: '15.000', baseQuantity: { value: '1', unitCode: 'EA' }, discount: { amount: '100.0000', baseAmount: '115.0000' } },
        item: {
          description: 'Wet tissues for children',
          name: 'Wet tissues',
          sellersItemId: 'SItemNo011',
          classifications: [{ code: '56789123', listId: 'MP', listVersionId: '19.0501' }],
          taxCategory: vat,
          properties: [{ name: 'Weight', value: '100 g' }],
        },
      },
    ],
  };
}
