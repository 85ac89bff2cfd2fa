import Decimal from 'decimal.js';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox-dispatcher';
import { sentOrder } from './orders';
import type { TestApp } from './test-app';

/** Organisation numbers of the demo world. */
export const ORG = { kontorland: '981000056', medisinsk: '982000068', skole: '911000024', kommune: '964000018', vestby: '971000082' } as const;

export const ERROR = `... on ErrorResult { errorCode message }`;
export const INVOICE_FIELDS = `id kind number status version supplierId buyerOrganisationId orderId agreementId creditedInvoiceId matchMode responseCode
  taxExclusiveAmount taxAmount payableAmount decisionReason
  lines { lineId quantity netUnitPrice lineAmount orderLineId matchStatus }
  reasons { code message lineId expected actual difference differenceNok }`;

/** A token for Kontorland's ERP (a SUPPLIER_ADMIN machine client), which sends its invoices to POST /documents. */
export async function kontorlandErp(t: TestApp): Promise<string> {
  return (await t.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }')).data.devClientToken.token;
}

/** An order of Nordby skole sent to Kontorland and accepted by it (order response AP through the API). */
export async function acceptedOrder(t: TestApp, items: { sellerItemId: string; quantity: string }[]): Promise<any> {
  const order = await sentOrder(t, items);
  const answered = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename ${ERROR} } }`, {
    i: { orderId: order.id, responseCode: 'ACCEPTED' },
  });
  if (answered.data?.respondToOrder.__typename !== 'OrderResponseRecorded') throw new Error(`accepting: ${JSON.stringify(answered)}`);
  const [row] = await t.sql(`SELECT status, version FROM purchase_order WHERE id = $1`, [order.id]);
  return { ...order, ...row };
}

/** Goods received by the requester (line ids are the order's line numbers). */
export async function receive(t: TestApp, orderId: number, lines: { lineId: string; quantity: string }[]): Promise<void> {
  const result = await t.gql(await t.login('bestiller@nordby.example'), `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ${ERROR} } }`, {
    i: { orderId, lines },
  });
  if (result.data?.receiveGoods.__typename !== 'GoodsReceived') throw new Error(`receiving: ${JSON.stringify(result)}`);
}

/** POST /documents as `token`. */
export function postDocument(t: TestApp, token: string, xml: string | Buffer) {
  return t.http
    .post('/documents')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/xml')
    .send(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
}

/** Runs the outbox until it is empty (re-matches, documents). */
export const drain = (t: TestApp) => t.app.get(OutboxDispatcher).drain();

export interface InvoiceLineSpec {
  quantity: string;
  price: string;
  orderLineId?: string;
  sellerItemId?: string;
  name?: string;
  vatPercent?: string;
  /** PK unless given (the demo catalogue sells packs). */
  unitCode?: string;
}

export interface InvoiceSpec {
  kind?: 'Invoice' | 'CreditNote';
  id: string;
  orderReference?: string;
  buyerReference?: string;
  contractReference?: string;
  billingReference?: string;
  seller?: string;
  sellerVat?: string;
  buyer?: string;
  currency?: string;
  lines: InvoiceLineSpec[];
  /** Added to the payable amount as written, to make the arithmetic wrong on purpose. */
  payableOffset?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A PEPPOL BIS Billing 3 invoice or credit note with correct arithmetic (standard rate lines,
 * 2-decimal amounts), from a compact spec: enough for intake and matching tests.
 */
export function invoiceXml(spec: InvoiceSpec): string {
  const kind = spec.kind ?? 'Invoice';
  const currency = spec.currency ?? 'NOK';
  const seller = spec.seller ?? ORG.kontorland;
  const buyer = spec.buyer ?? ORG.skole;
  const lines = spec.lines.map((l, i) => ({ ...l, n: i + 1, amount: new Decimal(l.quantity).times(l.price).toDecimalPlaces(2), vat: l.vatPercent ?? '25' }));
  const byRate = new Map<string, Decimal>();
  for (const l of lines) byRate.set(l.vat, (byRate.get(l.vat) ?? new Decimal(0)).plus(l.amount));
  const subtotals = [...byRate].map(([rate, taxable]) => ({ rate, taxable, tax: taxable.times(rate).div(100).toDecimalPlaces(2) }));
  const net = lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
  const tax = subtotals.reduce((s, st) => s.plus(st.tax), new Decimal(0));
  const payable = net.plus(tax).plus(spec.payableOffset ?? '0');
  const a = (v: Decimal.Value) => `currencyID="${currency}">${new Decimal(v).toFixed(2)}`;
  const lineTag = kind === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  const qtyTag = kind === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  const party = (orgNo: string, name: string, vat?: string) => `<cac:Party>
      <cbc:EndpointID schemeID="0192">${orgNo}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>${esc(name)}</cbc:Name></cac:PartyName>
      <cac:PostalAddress><cbc:CityName>Oslo</cbc:CityName><cbc:PostalZone>0150</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      ${vat ? `<cac:PartyTaxScheme><cbc:CompanyID>${vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : ''}
      <cac:PartyLegalEntity><cbc:RegistrationName>${esc(name)}</cbc:RegistrationName><cbc:CompanyID>${orgNo}</cbc:CompanyID></cac:PartyLegalEntity>
    </cac:Party>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${kind} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${kind}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>${esc(spec.id)}</cbc:ID>
  <cbc:IssueDate>2026-12-01</cbc:IssueDate>
  ${kind === 'Invoice' ? '<cbc:DueDate>2026-12-31</cbc:DueDate>\n  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>' : '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>'}
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  ${spec.buyerReference ? `<cbc:BuyerReference>${esc(spec.buyerReference)}</cbc:BuyerReference>` : ''}
  ${spec.orderReference ? `<cac:OrderReference><cbc:ID>${esc(spec.orderReference)}</cbc:ID></cac:OrderReference>` : ''}
  ${spec.billingReference ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${esc(spec.billingReference)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>` : ''}
  ${spec.contractReference ? `<cac:ContractDocumentReference><cbc:ID>${esc(spec.contractReference)}</cbc:ID></cac:ContractDocumentReference>` : ''}
  <cac:AccountingSupplierParty>${party(seller, 'Kontorland AS', spec.sellerVat ?? `NO${seller}MVA`)}</cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>${party(buyer, 'Nordby skole')}</cac:AccountingCustomerParty>
  ${kind === 'Invoice' ? `<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>${esc(spec.id)}</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>12345678903</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>` : ''}
  <cac:TaxTotal>
    <cbc:TaxAmount ${a(tax)}</cbc:TaxAmount>
    ${subtotals
      .map(
        (s) => `<cac:TaxSubtotal><cbc:TaxableAmount ${a(s.taxable)}</cbc:TaxableAmount><cbc:TaxAmount ${a(s.tax)}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${s.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
      )
      .join('\n    ')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount ${a(net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount ${a(net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount ${a(net.plus(tax))}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount ${a(payable)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  ${lines
    .map(
      (l) => `<cac:${lineTag}>
    <cbc:ID>${l.n}</cbc:ID>
    <cbc:${qtyTag} unitCode="${l.unitCode ?? 'PK'}">${l.quantity}</cbc:${qtyTag}>
    <cbc:LineExtensionAmount ${a(l.amount)}</cbc:LineExtensionAmount>
    ${l.orderLineId ? `<cac:OrderLineReference><cbc:LineID>${l.orderLineId}</cbc:LineID></cac:OrderLineReference>` : ''}
    <cac:Item>
      <cbc:Name>${esc(l.name ?? `Item ${l.n}`)}</cbc:Name>
      ${l.sellerItemId ? `<cac:SellersItemIdentification><cbc:ID>${esc(l.sellerItemId)}</cbc:ID></cac:SellersItemIdentification>` : ''}
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${l.vat}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="${currency}">${l.price}</cbc:PriceAmount></cac:Price>
  </cac:${lineTag}>`,
    )
    .join('\n  ')}
</${kind}>`;
}
