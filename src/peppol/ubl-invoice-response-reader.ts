import { readUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentLimits, UblInput } from './ubl-document-input';
import { documentSpecification } from './ubl-document-identity';
import { ublDocumentKind } from './ubl-document-types';
import { UblInvoiceResponse, UblInvoiceResponseStatus } from './ubl-invoice-response';
import { UblError } from './ubl-xml-reader';
import { code, party, textAt, UblNode } from './xml-element';

const KIND = ublDocumentKind('ApplicationResponse');

/**
 * Reads a PEPPOL BIS Invoice Response 3 (ApplicationResponse) into typed values with their
 * locations. Throws UblError for a document refused as XML (DOCTYPE, size, depth, encoding),
 * that is no Invoice Response, or that answers more than one document (the specification
 * allows exactly one cac:DocumentResponse).
 */
export async function readUblInvoiceResponse(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblInvoiceResponse> {
  const { header, records } = await readUblDocument(input, KIND, limits);
  if (records.length > 1) throw new UblError(`An Invoice Response answers one document; this one holds ${records.length} cac:DocumentResponse elements`, records[1].line);
  const answer = records[0];
  const response = answer?.at('cac:Response');
  const reference = answer?.at('cac:DocumentReference');
  return {
    ...documentSpecification(KIND, header),
    profileId: textAt(header, 'cbc:ProfileID'),
    id: textAt(header, 'cbc:ID'),
    issueDate: textAt(header, 'cbc:IssueDate'),
    issueTime: textAt(header, 'cbc:IssueTime'),
    note: textAt(header, 'cbc:Note'),
    sender: party(header.at('cac:SenderParty')),
    receiver: party(header.at('cac:ReceiverParty')),
    responseCode: code(response?.at('cbc:ResponseCode')),
    effectiveDate: textAt(response, 'cbc:EffectiveDate'),
    statuses: response?.all('cac:Status').map(status) ?? [],
    documentReference: reference && {
      path: reference.path,
      line: reference.line,
      id: textAt(reference, 'cbc:ID'),
      issueDate: textAt(reference, 'cbc:IssueDate'),
      typeCode: code(reference.at('cbc:DocumentTypeCode')),
    },
  };
}

function status(node: UblNode): UblInvoiceResponseStatus {
  return {
    path: node.path,
    line: node.line,
    reasonCode: code(node.at('cbc:StatusReasonCode')),
    reason: textAt(node, 'cbc:StatusReason'),
    conditions: node.all('cac:Condition').map((c) => ({ attributeId: textAt(c, 'cbc:AttributeID'), description: textAt(c, 'cbc:Description') })),
  };
}
