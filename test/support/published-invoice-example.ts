import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from './shared-data';

/**
 * The published invoices and credit notes (../shared/data/peppol/invoice and credit-note, read
 * in place, never copied) retargeted to a test's own world, the way ehf-order-example.ts makes
 * the published order the test's: the seller becomes the sending supplier (EndpointID 0192 and
 * VAT NO…MVA), the buyer the test's buyer, the order, contract, billing and order line references
 * those of the test's order. Everything else — structure, lines, allowances and charges, amounts,
 * currency and VAT breakdown — stays as published, so what Torg stores can be compared with the
 * published figures. Each edit fails loudly when the example no longer holds what it replaces.
 */

export const PUBLISHED = sharedData('peppol');

/** The published file's text: `publishedExample('invoice', 'base-example.xml')`. */
export const publishedExample = (folder: 'invoice' | 'credit-note', name: string): string => readFileSync(join(PUBLISHED.dir, folder, name), 'utf8');

export interface ExampleTarget {
  /** The document's own number (cbc:ID), unique per test: the published ones repeat. */
  number: string;
  /** The sending supplier's organisation number. */
  seller: string;
  /** The buyer's organisation number. */
  buyer: string;
  /** The order's customer reference as sent (its requisition number when it has none), written for a published cbc:BuyerReference. */
  buyerReference: string;
  /** The test's order number (cac:OrderReference/cbc:ID), written in or added. */
  orderNumber: string;
  /** The order's line ids, given in turn to each distinct published OrderLineReference/LineID. */
  orderLines: string[];
  /** The agreement reference written for a published cac:ContractDocumentReference. */
  contractReference?: string;
  /** The invoice a credit note credits (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID). */
  billingReference?: string;
}

/** Replaces what `from` finds inside `xml`, failing when it finds nothing. */
function edit(xml: string, from: RegExp, to: string | ((...m: string[]) => string), what: string): string {
  if (!from.test(xml)) throw new Error(`the published example holds no ${what} (${String(from)})`);
  from.lastIndex = 0;
  return xml.replace(from, to as (...m: string[]) => string);
}

/** The party block `cac:<role>` rewritten by `rewrite`. */
function party(xml: string, role: 'AccountingSupplierParty' | 'AccountingCustomerParty', rewrite: (block: string) => string): string {
  return edit(xml, new RegExp(`<cac:${role}>[\\s\\S]*?</cac:${role}>`), (block) => rewrite(block), `cac:${role}`);
}

/** A party's identity made the organisation's: endpoint, VAT number (when it has one), legal registration number and, for the seller, country. */
function asOrganisation(block: string, orgNumber: string, seller: boolean): string {
  block = edit(block, /<cbc:EndpointID schemeID="[^"]*">[^<]*<\/cbc:EndpointID>/, `<cbc:EndpointID schemeID="0192">${orgNumber}</cbc:EndpointID>`, 'EndpointID');
  block = block.replace(/<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/g, (scheme) =>
    /<cbc:ID>VAT<\/cbc:ID>/.test(scheme) ? scheme.replace(/(<cbc:CompanyID>)[^<]*(<\/cbc:CompanyID>)/, `$1NO${orgNumber}MVA$2`) : scheme,
  );
  block = edit(block, /(<cac:PartyLegalEntity>[\s\S]*?)<cbc:CompanyID[^>]*>[^<]*<\/cbc:CompanyID>/, `$1<cbc:CompanyID schemeID="0192">${orgNumber}</cbc:CompanyID>`, 'PartyLegalEntity/CompanyID');
  // A Norwegian supplier sends: its postal address is in Norway (the buyer keeps the published one).
  if (seller) block = edit(block, /(<cac:PostalAddress>[\s\S]*?<cac:Country>[\s\S]*?<cbc:IdentificationCode>)[A-Z]{2}(<)/, '$1NO$2', 'PostalAddress/Country');
  return block;
}

/** The published invoice or credit note `xml` made the test's, per `target`. */
export function retargetExample(xml: string, target: ExampleTarget): string {
  // The document number: the first cbc:ID, before cbc:IssueDate.
  xml = edit(xml, /<cbc:ID>[^<]*<\/cbc:ID>(?=[\s\S]*?<cbc:IssueDate>)/, `<cbc:ID>${target.number}</cbc:ID>`, 'document cbc:ID');
  xml = party(xml, 'AccountingSupplierParty', (b) => asOrganisation(b, target.seller, true));
  xml = party(xml, 'AccountingCustomerParty', (b) => asOrganisation(b, target.buyer, false));

  if (/<cbc:BuyerReference>/.test(xml)) xml = edit(xml, /(<cbc:BuyerReference>)[^<]*(<\/cbc:BuyerReference>)/, `$1${target.buyerReference}$2`, 'BuyerReference');
  // The order reference, written where UBL puts it when the example has none (before the references that follow it).
  if (/<cac:OrderReference>/.test(xml)) {
    xml = edit(xml, /(<cac:OrderReference>\s*<cbc:ID>)[^<]*(<\/cbc:ID>)/, `$1${target.orderNumber}$2`, 'OrderReference/ID');
  } else {
    const next =
      /\n(\s*)<cac:(BillingReference|DespatchDocumentReference|ReceiptDocumentReference|OriginatorDocumentReference|ContractDocumentReference|AdditionalDocumentReference|ProjectReference|AccountingSupplierParty)>/;
    xml = edit(xml, next, (m: string, indent: string) => `\n${indent}<cac:OrderReference><cbc:ID>${target.orderNumber}</cbc:ID></cac:OrderReference>${m}`, 'place for cac:OrderReference');
  }
  if (/<cac:ContractDocumentReference>/.test(xml)) {
    if (!target.contractReference) throw new Error('the example names a contract: give the contractReference of the test');
    xml = edit(xml, /(<cac:ContractDocumentReference>\s*<cbc:ID>)[^<]*(<\/cbc:ID>)/, `$1${target.contractReference}$2`, 'ContractDocumentReference/ID');
  }
  if (/<cac:BillingReference>/.test(xml)) {
    if (!target.billingReference) throw new Error('the example names an invoice it credits: give the billingReference of the test');
    xml = edit(xml, /(<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>)[^<]*(<\/cbc:ID>)/, `$1${target.billingReference}$2`, 'BillingReference/ID');
  }

  // Each distinct published order line takes the next line of the test's order.
  const lines = new Map<string, string>();
  xml = xml.replace(/(<cac:OrderLineReference>\s*<cbc:LineID>)([^<]*)(<\/cbc:LineID>)/g, (_m, open: string, published: string, close: string) => {
    if (!lines.has(published)) {
      const ours = target.orderLines[lines.size];
      if (ours === undefined) throw new Error(`the example references more order lines than the ${target.orderLines.length} given`);
      lines.set(published, ours);
    }
    return `${open}${lines.get(published)}${close}`;
  });
  return xml;
}
