import { fatalRules, RULES, validateWithRules } from '../../test/support/peppol-rules';
import { InvoiceResponseCode, UblInvoiceResponseOut } from './ubl-invoice';
import { readUblInvoiceResponse } from './ubl-invoice-response-reader';
import { writeInvoiceResponse } from './ubl-invoice-response-writer';
import { XmlWriteError } from './xml-writer';
import { needShared } from '../../test/support/shared-data';

const describeRules = needShared('the official rules checks of the Invoice Response writer', RULES) ? describe : describe.skip;

const T111 = 'PEPPOLBIS-T111.sef.json';

/** Storby kommune's answer to Kontorland's invoice F-2026-1001, with the statuses the code calls for. */
function answer(responseCode: InvoiceResponseCode, statuses?: UblInvoiceResponseOut['statuses']): UblInvoiceResponseOut {
  return {
    id: `IR-${responseCode}-1`,
    issueDate: '2026-12-03',
    sender: { endpointId: '964000018', name: 'Storby kommune' },
    receiver: { endpointId: '981000056', name: 'Kontorland AS' },
    documentReference: { id: 'F-2026-1001', issueDate: '2026-12-01', typeCode: '380' },
    responseCode,
    statuses,
  };
}

/** Each code as Torg sends it: a reason where the specification asks for one (UQ, CA, RE) and where it helps (PD partly paid). */
const EACH_CODE: [InvoiceResponseCode, UblInvoiceResponseOut['statuses']][] = [
  ['AB', undefined],
  ['IP', undefined],
  ['UQ', [{ reasonCode: 'QTY', actionCode: 'NOA', text: 'Fakturert 10, mottatt 8 (linje 1)' }]],
  ['CA', [{ reasonCode: 'PAY', conditions: [{ attributeId: 'BT-9', description: '2027-01-15' }] }]],
  ['RE', [{ reasonCode: 'PRI', text: 'Pris 49,90 over avtalt 44,50 (linje 1) & mer' }, { actionCode: 'NIN' }]],
  ['AP', undefined],
  ['PD', [{ reasonCode: 'PPD', text: 'Betalt 500,00 av 937,50' }]],
];

describeRules('writeInvoiceResponse against the official rules (PEPPOL BIS Invoice Response 3, T111)', () => {
  it.each(EACH_CODE)('%s: no failed assert, not even a warning', (code, statuses) => {
    const failed = validateWithRules(T111, writeInvoiceResponse(answer(code, statuses)));
    expect(failed.map((f) => `${f.id} (${f.flag}): ${f.text}`)).toEqual([]);
  });

  it('with every optional field Torg may write (issue time, note, effective date)', () => {
    const doc = { ...answer('AP'), issueTime: '10:15:00', note: 'Godkjent for betaling', effectiveDate: '2026-12-03' };
    expect(fatalRules(T111, writeInvoiceResponse(doc))).toEqual([]);
  });

  it('the rules are live: a rejection without a reason is fatal (PEPPOL-T111-R001), which the writer refuses first', () => {
    const xml = writeInvoiceResponse(answer('AP')).replace('<cbc:ResponseCode>AP</cbc:ResponseCode>', '<cbc:ResponseCode>RE</cbc:ResponseCode>');
    expect(fatalRules(T111, xml)).toEqual(['PEPPOL-T111-R001']);
    expect(() => writeInvoiceResponse(answer('RE'))).toThrow('(PEPPOL-T111-R001)');
  });
});

describe('writeInvoiceResponse: the document it writes', () => {
  it('has the structure of the published examples: parties by endpoint and legal name, one DocumentResponse', () => {
    const xml = writeInvoiceResponse(answer('RE', [{ reasonCode: 'REF', text: 'Mangler bestillingsnummer' }]));
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<ApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:invoice_response:3</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:invoice_response:3</cbc:ProfileID>
  <cbc:ID>IR-RE-1</cbc:ID>
  <cbc:IssueDate>2026-12-03</cbc:IssueDate>
  <cac:SenderParty>
    <cbc:EndpointID schemeID="0192">964000018</cbc:EndpointID>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Storby kommune</cbc:RegistrationName>
    </cac:PartyLegalEntity>
  </cac:SenderParty>
  <cac:ReceiverParty>
    <cbc:EndpointID schemeID="0192">981000056</cbc:EndpointID>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Kontorland AS</cbc:RegistrationName>
    </cac:PartyLegalEntity>
  </cac:ReceiverParty>
  <cac:DocumentResponse>
    <cac:Response>
      <cbc:ResponseCode>RE</cbc:ResponseCode>
      <cac:Status>
        <cbc:StatusReasonCode listID="OPStatusReason">REF</cbc:StatusReasonCode>
        <cbc:StatusReason>Mangler bestillingsnummer</cbc:StatusReason>
      </cac:Status>
    </cac:Response>
    <cac:DocumentReference>
      <cbc:ID>F-2026-1001</cbc:ID>
      <cbc:IssueDate>2026-12-01</cbc:IssueDate>
      <cbc:DocumentTypeCode>380</cbc:DocumentTypeCode>
    </cac:DocumentReference>
  </cac:DocumentResponse>
</ApplicationResponse>
`);
  });

  it('writes a reason and an action as two statuses, the action with listID OPStatusAction', () => {
    const xml = writeInvoiceResponse(answer('UQ', [{ reasonCode: 'QTY', actionCode: 'NOA', text: 'Avvik i antall' }]));
    expect(xml).toMatch(
      /<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusReason">QTY<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Avvik i antall<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">NOA<\/cbc:StatusReasonCode>\s*<\/cac:Status>/,
    );
  });

  it('refuses what the specification refuses: unknown codes, UQ/CA/RE without a reason, PPD misused, an empty status', () => {
    const refusal = (doc: UblInvoiceResponseOut) => {
      try {
        writeInvoiceResponse(doc);
        return 'written';
      } catch (e) {
        return e instanceof XmlWriteError ? e.message : `not an XmlWriteError: ${String(e)}`;
      }
    };
    expect(refusal(answer('XX' as InvoiceResponseCode))).toMatch(/^"XX" is no invoice response code/);
    expect(refusal(answer('RE', [{ reasonCode: 'BAD' as 'REF' }]))).toMatch(/^"BAD" is no status reason code/);
    expect(refusal(answer('RE', [{ actionCode: 'XYZ' }]))).toMatch(/^"XYZ" is no status action code/);
    for (const code of ['UQ', 'CA', 'RE'] as const) expect(refusal(answer(code, []))).toMatch(/PEPPOL-T111-R001/);
    expect(refusal(answer('AP', [{ reasonCode: 'PPD', text: 'delvis' }]))).toMatch(/PEPPOL-T111-R005/);
    expect(refusal(answer('PD', [{ reasonCode: 'PPD' }]))).toMatch(/PEPPOL-T111-R004/);
    expect(refusal(answer('AP', [{ text: 'uten kode' }]))).toMatch(/names a reason code, an action code or both/);
    expect(refusal(answer('RE', [{ actionCode: 'NIN' }]))).toBe('written'); // an action alone clarifies too (R001 asks for a StatusReasonCode of either list)
    expect(refusal({ ...answer('AP'), note: 'nul\u0000' })).toMatch(/U\+0000/);
  });
});

describe('readUblInvoiceResponse reads back what Torg writes', () => {
  it.each(EACH_CODE)('%s round-trips: code, parties, reference, statuses with their lists, texts and conditions', async (responseCode, statuses) => {
    const read = await readUblInvoiceResponse(Buffer.from(writeInvoiceResponse(answer(responseCode, statuses))));
    expect(read.specification).toBe('peppol');
    expect(read.id?.value).toBe(`IR-${responseCode}-1`);
    expect(read.responseCode).toMatchObject({ value: responseCode, path: '/ApplicationResponse/cac:DocumentResponse[1]/cac:Response/cbc:ResponseCode' });
    expect(read.sender).toMatchObject({ endpointId: { value: '964000018', schemeId: '0192' }, registrationName: { value: 'Storby kommune' } });
    expect(read.receiver).toMatchObject({ endpointId: { value: '981000056', schemeId: '0192' }, registrationName: { value: 'Kontorland AS' } });
    expect(read.documentReference).toMatchObject({ id: { value: 'F-2026-1001' }, issueDate: { value: '2026-12-01' }, typeCode: { value: '380' } });
    const expected = (statuses ?? []).flatMap((s) => [
      ...(s.reasonCode ? [{ list: 'OPStatusReason', code: s.reasonCode, text: s.text, conditions: s.conditions ?? [] }] : []),
      ...(s.actionCode ? [{ list: 'OPStatusAction', code: s.actionCode, text: s.reasonCode ? undefined : s.text, conditions: s.reasonCode ? [] : (s.conditions ?? []) }] : []),
    ]);
    expect(
      read.statuses.map((s) => ({
        list: s.reasonCode?.listId,
        code: s.reasonCode?.value,
        text: s.reason?.value,
        conditions: s.conditions.map((c) => ({ attributeId: c.attributeId?.value, description: c.description?.value })),
      })),
    ).toEqual(expected);
  });

  it('refuses a response answering two documents', async () => {
    const xml = writeInvoiceResponse(answer('AP'));
    const twice = xml.replace(/(<cac:DocumentResponse>[\s\S]*<\/cac:DocumentResponse>)/, '$1$1');
    await expect(readUblInvoiceResponse(Buffer.from(twice))).rejects.toThrow('answers one document; this one holds 2');
  });
});
