import { INVOICE_RESPONSE_CODES, INVOICE_STATUS_REASONS, UblInvoiceResponseOut } from './ubl-invoice';
import { INVOICE_STATUS_ACTIONS, STATUS_ACTION_LIST, STATUS_REASON_LIST } from './ubl-invoice-response';
import { UBL_SEQUENCES } from './ubl-sequences';
import { leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd';
export const INVOICE_RESPONSE_NAMESPACES = {
  '': `${UBL}:ApplicationResponse-2`,
  cac: `${UBL}:CommonAggregateComponents-2`,
  cbc: `${UBL}:CommonBasicComponents-2`,
};

export const INVOICE_RESPONSE_PROFILE = {
  customizationId: 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3',
  profileId: 'urn:fdc:peppol.eu:poacc:bis:invoice_response:3',
} as const;

/** Codes after which the seller must be told why (PEPPOL-T111-R001): under query, conditionally accepted, rejected. */
const NEED_A_CLARIFICATION = ['UQ', 'CA', 'RE'];

/**
 * Writes a PEPPOL BIS Invoice Response 3 (an ApplicationResponse answering one invoice or
 * credit note) in the UBL 2.1 schema's element order. Throws XmlWriteError for what the
 * specification refuses outright: an unknown response, reason or action code; UQ, CA or RE
 * without a reason or action (T111-R001); PPD (partially paid) other than with PD (R005) or
 * without its text (R004); a character XML cannot carry.
 *
 * A part payment (PD with PPD) says what was paid in the status reason's text only, not in a
 * cac:Condition, because the specification gives the paid amount no structured place. BIS Invoice
 * Response 3 defines a Condition ("Clarification detail": cbc:AttributeID "detail type code",
 * cbc:Description "detail value") as the business term identifier of the answered invoice that
 * shall be corrected (BT-48, BT-9, …) and the value the buyer proposes as the correct one; no code
 * list names a paid amount ("AmountPaid", "NA" and the like are nobody's codes). The one term near
 * it, BT-113 Paid amount, is what was paid in advance of the invoice: a Condition BT-113 = 200.00
 * would ask the seller to correct its invoice, which a payment does not (an Invoice Response does
 * not change the invoice, OP-BR111-R009). What the specification does ask for a PPD is the
 * clarification text (PEPPOL-T111-R004), so that is where the amounts go. The T111 rules accept any
 * AttributeID (PEPPOL-T111-B03601 asks only that one is there), so passing them would not make such
 * a Condition right.
 */
export function writeInvoiceResponse(doc: UblInvoiceResponseOut): string {
  check(doc);
  const root = node(
    'ApplicationResponse',
    leaf('cbc:CustomizationID', INVOICE_RESPONSE_PROFILE.customizationId),
    leaf('cbc:ProfileID', INVOICE_RESPONSE_PROFILE.profileId),
    leaf('cbc:ID', doc.id),
    leaf('cbc:IssueDate', doc.issueDate),
    leaf('cbc:IssueTime', doc.issueTime),
    leaf('cbc:Note', doc.note),
    responseParty('cac:SenderParty', doc.sender),
    responseParty('cac:ReceiverParty', doc.receiver),
    node(
      'cac:DocumentResponse',
      node('cac:Response', leaf('cbc:ResponseCode', doc.responseCode), leaf('cbc:EffectiveDate', doc.effectiveDate), statuses(doc)),
      node('cac:DocumentReference', leaf('cbc:ID', doc.documentReference.id), leaf('cbc:IssueDate', doc.documentReference.issueDate), leaf('cbc:DocumentTypeCode', doc.documentReference.typeCode)),
    ),
  )!;
  return writeXml(root, { namespaces: INVOICE_RESPONSE_NAMESPACES, sequences: UBL_SEQUENCES });
}

const responseParty = (name: string, p: UblInvoiceResponseOut['sender']) =>
  node(name, leaf('cbc:EndpointID', p.endpointId, { schemeID: p.endpointScheme ?? '0192' }), node('cac:PartyLegalEntity', leaf('cbc:RegistrationName', p.name)));

/** One cac:Status per code: a reason with its text and conditions, then an action (the text goes with the action when there is no reason). */
function statuses(doc: UblInvoiceResponseOut): (XmlOut | undefined)[] {
  return (doc.statuses ?? []).flatMap((s) => {
    const conditions = (s.conditions ?? []).map((c) => node('cac:Condition', leaf('cbc:AttributeID', c.attributeId), leaf('cbc:Description', c.description)));
    const out: (XmlOut | undefined)[] = [];
    if (s.reasonCode !== undefined) out.push(node('cac:Status', leaf('cbc:StatusReasonCode', s.reasonCode, { listID: STATUS_REASON_LIST }), leaf('cbc:StatusReason', s.text), conditions));
    if (s.actionCode !== undefined) {
      const alone = s.reasonCode === undefined;
      out.push(node('cac:Status', leaf('cbc:StatusReasonCode', s.actionCode, { listID: STATUS_ACTION_LIST }), alone && leaf('cbc:StatusReason', s.text), alone && conditions));
    }
    return out;
  });
}

function check(doc: UblInvoiceResponseOut) {
  const code = doc.responseCode;
  if (!(INVOICE_RESPONSE_CODES as readonly string[]).includes(code)) throw new XmlWriteError(`"${code}" is no invoice response code: ${INVOICE_RESPONSE_CODES.join(', ')}`);
  const list = doc.statuses ?? [];
  for (const s of list) {
    if (s.reasonCode === undefined && s.actionCode === undefined) throw new XmlWriteError('A status of an invoice response names a reason code, an action code or both');
    if (s.reasonCode !== undefined && !(INVOICE_STATUS_REASONS as readonly string[]).includes(s.reasonCode))
      throw new XmlWriteError(`"${s.reasonCode}" is no status reason code (OPStatusReason): ${INVOICE_STATUS_REASONS.join(', ')}`);
    if (s.actionCode !== undefined && !(INVOICE_STATUS_ACTIONS as readonly string[]).includes(s.actionCode))
      throw new XmlWriteError(`"${s.actionCode}" is no status action code (OPStatusAction): ${INVOICE_STATUS_ACTIONS.join(', ')}`);
    if (s.reasonCode === 'PPD' && code !== 'PD') throw new XmlWriteError('The reason PPD (partially paid) goes only with the response code PD (PEPPOL-T111-R005)');
    if (s.reasonCode === 'PPD' && !s.text?.trim()) throw new XmlWriteError('The reason PPD (partially paid) says what was paid in its text (PEPPOL-T111-R004)');
  }
  if (NEED_A_CLARIFICATION.includes(code) && !list.some((s) => s.reasonCode !== undefined || s.actionCode !== undefined))
    throw new XmlWriteError(`An invoice response with code ${code} says why: give a status with a reason or action code (PEPPOL-T111-R001)`);
}
