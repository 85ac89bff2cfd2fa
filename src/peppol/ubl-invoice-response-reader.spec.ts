import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needShared, sharedData } from '../../test/support/shared-data';
import { InvoiceResponseCode, InvoiceStatusReason, UblInvoiceResponseOut } from './ubl-invoice';
import { UblInvoiceResponse } from './ubl-invoice-response';
import { readUblInvoiceResponse } from './ubl-invoice-response-reader';
import { writeInvoiceResponse } from './ubl-invoice-response-writer';

const SHARED = sharedData('peppol', 'invoice-response');
const EXAMPLES = SHARED.dir;
const describeShared = needShared('the published Invoice Response examples', SHARED) ? describe : describe.skip;

const example = (file: string) => readUblInvoiceResponse(readFileSync(join(EXAMPLES, file)));

/** The values with their paths, without XML line numbers (which differ between two writings of one document). */
function located(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(located);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === 'line' || v === undefined ? [] : [[k, located(v)]])));
  return value;
}

/** What Torg would write to say the same as a read response. */
function sameAnswer(read: UblInvoiceResponse): UblInvoiceResponseOut {
  const party = (p: UblInvoiceResponse['sender']) => ({ endpointId: p!.endpointId!.value, endpointScheme: p!.endpointId!.schemeId, name: p!.registrationName!.value });
  return {
    id: read.id!.value,
    issueDate: read.issueDate!.value,
    sender: party(read.sender),
    receiver: party(read.receiver),
    documentReference: { id: read.documentReference!.id!.value, issueDate: read.documentReference!.issueDate?.value, typeCode: read.documentReference!.typeCode!.value },
    responseCode: read.responseCode!.value as InvoiceResponseCode,
    statuses: read.statuses.map((s) => ({
      reasonCode: s.reasonCode!.value as InvoiceStatusReason,
      text: s.reason?.value,
      conditions: s.conditions.map((c) => ({ attributeId: c.attributeId!.value, description: c.description?.value })),
    })),
  };
}

describeShared('readUblInvoiceResponse on the published PEPPOL examples', () => {
  it('uc003: an acceptance, with parties, code and the invoice answered, each located', async () => {
    const read = await example('T111-uc003-Invoice-is-accepted.xml');
    expect(read.specification).toBe('peppol');
    expect(read.profileId?.value).toBe('urn:fdc:peppol.eu:poacc:bis:invoice_response:3');
    expect(read.id?.value).toBe('imrid001');
    expect(read.issueDate?.value).toBe('2017-12-01');
    expect(read.sender).toMatchObject({ endpointId: { value: '6963495890', schemeId: '0196' }, registrationName: { value: 'Buyer organization' } });
    expect(read.receiver).toMatchObject({ endpointId: { value: '6841569459', schemeId: '0196' }, registrationName: { value: 'Seller company' } });
    expect(read.responseCode).toMatchObject({ value: 'AP', path: '/ApplicationResponse/cac:DocumentResponse[1]/cac:Response/cbc:ResponseCode', line: 33 });
    expect(read.statuses).toEqual([]);
    expect(read.documentReference).toMatchObject({ id: { value: 'inv021' }, typeCode: { value: '380' } });
  });

  it('uc004a: a rejection with reason REF and its text', async () => {
    const read = await example('T111-uc004a-Invoice-is-rejected.xml');
    expect(read.responseCode?.value).toBe('RE');
    expect(read.statuses).toHaveLength(1);
    expect(read.statuses[0].reasonCode).toMatchObject({ value: 'REF', listId: 'OPStatusReason' });
    expect(read.statuses[0].reason?.value).toBe('A textual explanation for why the invoice is being rejected. E.g. PO reference is missing.');
  });

  it('uc005: a conditional acceptance asking for a new due date (BT-9) by a condition', async () => {
    const read = await example('T111-uc005-Invoice-is-conditionally-accepted.xml');
    expect(read.responseCode?.value).toBe('CA');
    expect(read.statuses[0].reasonCode?.value).toBe('PAY');
    expect(read.statuses[0].conditions.map((c) => [c.attributeId?.value, c.description?.value])).toEqual([['BT-9', '2018-01-15']]);
    expect(read.statuses[0].conditions[0].description?.path).toBe('/ApplicationResponse/cac:DocumentResponse[1]/cac:Response/cac:Status/cac:Condition/cbc:Description');
  });

  it.each(['T111-uc003-Invoice-is-accepted.xml', 'T111-uc004a-Invoice-is-rejected.xml', 'T111-uc005-Invoice-is-conditionally-accepted.xml'])(
    '%s: what Torg writes to say the same has the same structure (every value at the same path)',
    async (file) => {
      const published = await example(file);
      const written = await readUblInvoiceResponse(Buffer.from(writeInvoiceResponse(sameAnswer(published))));
      expect(located(written)).toEqual(located(published));
    },
  );
});
