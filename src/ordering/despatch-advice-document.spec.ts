import { readUblDespatchAdvice, UblDespatchAdviceOut, writeDespatchAdvice } from '../peppol';
import { despatchFromDocument } from './despatch-advice-document';

const party = (id: string) => ({ endpointId: { value: id, schemeId: '0192' }, identifiers: [{ value: id, schemeId: '0192' }], legalEntity: { registrationName: 'Part' } });
function advice(over: Partial<UblDespatchAdviceOut> = {}): UblDespatchAdviceOut {
  return {
    profile: 'peppol',
    id: 'DA-1',
    issueDate: '2026-12-01',
    orderReference: 'PO-2026-000001',
    despatchSupplier: party('981000056'),
    deliveryCustomer: party('911000024'),
    shipment: { id: 'NA', estimatedDeliveryPeriod: { startDate: '2026-12-03', endDate: '2026-12-04' } },
    lines: [
      { id: 'D1', deliveredQuantity: { value: '3', unitCode: 'PK' }, outstandingQuantity: { value: '1', unitCode: 'PK' }, outstandingReason: 'Restordre', orderLineId: '2', item: { name: 'Papir' } },
    ],
    ...over,
  };
}
const read = async (a: UblDespatchAdviceOut, edit: (xml: string) => string = (x) => x) => despatchFromDocument(await readUblDespatchAdvice(Buffer.from(edit(writeDespatchAdvice(a)))));
const messages = (r: Awaited<ReturnType<typeof read>>) => ('problems' in r ? r.problems.map((p) => p.message) : []);

describe('despatchFromDocument', () => {
  it('takes the order number, despatch id, dates and per line the order line with its quantities and unit', async () => {
    const r = await read(advice());
    expect(r).toEqual({
      document: {
        orderNo: expect.objectContaining({ value: 'PO-2026-000001' }),
        lines: [expect.objectContaining({ lineId: '2', unitCode: 'PK' })],
        despatch: {
          despatchId: 'DA-1',
          issueDate: '2026-12-01',
          expectedDeliveryDate: '2026-12-03',
          expectedDeliveryEnd: '2026-12-04',
          note: null,
          via: 'DOCUMENT',
          lines: [{ lineId: '2', deliveredQuantity: '3', outstandingQuantity: '1', outstandingReason: 'Restordre' }],
        },
      },
    });
  });

  it('refuses a delivered quantity of 0, a period ending before it starts, and a line naming another order', async () => {
    const zero = advice();
    zero.lines[0].deliveredQuantity.value = '0';
    expect(messages(await read(zero))).toEqual([expect.stringMatching(/delivered quantity must be more than 0/)]);
    expect(messages(await read(advice({ shipment: { id: 'NA', estimatedDeliveryPeriod: { startDate: '2026-12-05', endDate: '2026-12-04' } } })))).toEqual([
      expect.stringMatching(/ends before it starts/),
    ]);
    const otherOrder = (xml: string) => xml.replace('<cbc:LineID>2</cbc:LineID>', '<cbc:LineID>2</cbc:LineID><cac:OrderReference><cbc:ID>PO-OTHER</cbc:ID></cac:OrderReference>');
    expect(messages(await read(advice(), otherOrder))).toEqual([expect.stringMatching(/names order PO-OTHER/)]);
  });

  it('refuses a document without an order reference or an impossible issue date (30 February), saying where', async () => {
    const r = await read(advice(), (xml) => xml.replace(/<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, '').replace('2026-12-01', '2026-02-30'));
    expect('problems' in r && r.problems.map((p) => p.path)).toEqual(['/DespatchAdvice/cac:OrderReference/cbc:ID', '/DespatchAdvice/cbc:IssueDate']);
  });
});
