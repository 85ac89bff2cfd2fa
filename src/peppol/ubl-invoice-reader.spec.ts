import { readUblDocument } from './ubl-document-input';
import { ublDocumentKind } from './ubl-document-types';
import { readUblInvoice, ublInvoiceOf } from './ubl-invoice-reader';
import { UblError } from './ubl-xml-reader';

/**
 * Torg's own credit note, for what the published examples do not hold (they are read in
 * published-invoices.spec.ts): sales order, despatch and project references, a dated billing
 * reference, an exemption reason code, a line without an item, and a CreditNote's own names.
 */

const NS = 'urn:oasis:names:specification:ubl:schema:xsd';
const CREDIT_NOTE = `<?xml version="1.0" encoding="UTF-8"?>
<CreditNote xmlns="${NS}:CreditNote-2" xmlns:cac="${NS}:CommonAggregateComponents-2" xmlns:cbc="${NS}:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>K-77</cbc:ID>
  <cbc:IssueDate>2026-11-30</cbc:IssueDate>
  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
  <cbc:Note>Retur</cbc:Note>
  <cbc:Note>Andre linje</cbc:Note>
  <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
  <cac:OrderReference><cbc:ID>PO-42</cbc:ID><cbc:SalesOrderID>SO-9</cbc:SalesOrderID></cac:OrderReference>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>F-1001</cbc:ID><cbc:IssueDate>2026-11-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>F-1002</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
  <cac:DespatchDocumentReference><cbc:ID>DA-5</cbc:ID></cac:DespatchDocumentReference>
  <cac:ProjectReference><cbc:ID>PRJ-3</cbc:ID></cac:ProjectReference>
  <cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID></cac:Party></cac:AccountingSupplierParty>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="NOK">0</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="NOK">100</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="NOK">0</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-132</cbc:TaxExemptionReasonCode><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:CreditNoteLine>
    <cbc:ID>1</cbc:ID>
    <cbc:CreditedQuantity unitCode="EA">2</cbc:CreditedQuantity>
    <cbc:LineExtensionAmount currencyID="NOK">100</cbc:LineExtensionAmount>
    <cac:Price><cbc:PriceAmount currencyID="NOK">50</cbc:PriceAmount></cac:Price>
  </cac:CreditNoteLine>
</CreditNote>`;

describe('readUblInvoice', () => {
  it('reads a credit note: its type code, notes, references and lines by their CreditNote names', async () => {
    const c = await readUblInvoice(Buffer.from(CREDIT_NOTE));
    expect(c).toMatchObject({
      kind: 'CreditNote',
      typeCode: { value: '381', path: '/CreditNote/cbc:CreditNoteTypeCode', line: 7 },
      notes: [
        { value: 'Retur', path: '/CreditNote/cbc:Note[1]' },
        { value: 'Andre linje', path: '/CreditNote/cbc:Note[2]' },
      ],
      orderReference: { value: 'PO-42' },
      salesOrderReference: { value: 'SO-9', path: '/CreditNote/cac:OrderReference/cbc:SalesOrderID' },
      billingReferences: [
        { path: '/CreditNote/cac:BillingReference[1]/cac:InvoiceDocumentReference', id: { value: 'F-1001' }, issueDate: { value: '2026-11-01' } },
        { path: '/CreditNote/cac:BillingReference[2]/cac:InvoiceDocumentReference', id: { value: 'F-1002' } },
      ],
      despatchReference: { value: 'DA-5' },
      projectReference: { value: 'PRJ-3' },
      seller: { endpointId: { value: '974760673', schemeId: '0192' }, identifiers: [] },
    });
    expect(c.taxTotals[0].subtotals[0].category).toMatchObject({ id: { value: 'E' }, exemptionReasonCode: { value: 'VATEX-EU-132' }, taxScheme: { value: 'VAT' } });
    expect(c.buyer).toBeUndefined();
    expect(c.totals).toBeUndefined();
  });

  it('gives a line without cac:Item an empty item located where it would be, so callers need not ask', async () => {
    const [line] = (await readUblInvoice(Buffer.from(CREDIT_NOTE))).lines;
    expect(line).toMatchObject({
      ordinal: 1,
      path: '/CreditNote/cac:CreditNoteLine[1]',
      quantity: { value: '2', unitCode: 'EA', path: '/CreditNote/cac:CreditNoteLine[1]/cbc:CreditedQuantity' },
      priceAmount: { value: '50', currency: { value: 'NOK' } },
      allowanceCharges: [],
    });
    expect(line.item).toEqual({ path: '/CreditNote/cac:CreditNoteLine[1]/cac:Item', line: line.line, classifications: [] });
    expect(line.baseQuantity).toBeUndefined();
  });

  it('types a document the exchange has read whole (ublInvoiceOf) exactly as reading it again would, and refuses another kind', async () => {
    const bytes = Buffer.from(CREDIT_NOTE);
    const nodes = await readUblDocument(bytes, ublDocumentKind('CreditNote'));
    expect(ublInvoiceOf(nodes)).toEqual(await readUblInvoice(bytes));
    // The same elements under an Order root: read whole as an Order, never typed as an invoice.
    const order = await readUblDocument(Buffer.from(CREDIT_NOTE.replace(/CreditNote/g, 'Order')), ublDocumentKind('Order'));
    expect(order.records).toHaveLength(1);
    expect(() => ublInvoiceOf(order)).toThrow(UblError);
    expect(() => ublInvoiceOf(order)).toThrow("The document's root is Order, not Invoice or CreditNote");
  });
});
