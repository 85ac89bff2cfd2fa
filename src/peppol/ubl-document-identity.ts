import { boundedStream, readUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentLimits, UblDocumentNodes, UblInput } from './ubl-document-input';
import { UBL_DOCUMENT_KINDS, UblDocumentKind, UblDocumentType, UblSpecification } from './ubl-document-types';
import { readUblRecords, UblError } from './ubl-xml-reader';
import { identifier, textAt, UblNode } from './xml-element';
import { UblIdentifier, UblText } from './ubl-values';

/** What a received document is and who sent it, from its header alone. */
export interface UblDocumentIdentity {
  type: UblDocumentType;
  specification: UblSpecification;
  /** The root element's namespace. */
  namespace: string;
  customizationId: UblText;
  profileId?: UblText;
  /** cbc:ID: unique per sender and type only. */
  id?: UblText;
  /** The sending and receiving parties' cbc:EndpointID (scheme 0192: a Norwegian organisation number). */
  senderEndpoint?: UblIdentifier;
  receiverEndpoint?: UblIdentifier;
}

/**
 * Identifies a UBL document by its root element, namespace and CustomizationID, reading no
 * further than the start of its first line (the header is bounded like the rest): a router can
 * call it before choosing the typed reader. Throws UblError for anything refused: not XML, a
 * DOCTYPE, a root or namespace Torg does not read, a missing or unknown CustomizationID.
 */
export async function identifyUblDocument(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblDocumentIdentity> {
  for await (const event of readUblRecords(boundedStream(input, limits.maxBytes), UBL_DOCUMENT_KINDS, limits)) {
    if (event.type !== 'header') continue; // never: the header comes first
    const kind = event.shape as UblDocumentKind;
    const root = new UblNode({ name: kind.root, attrs: {}, text: '', children: event.elements, line: event.elements[0]?.line ?? 1 }, `/${kind.root}`);
    return identity(kind, root); // returning stops the reader, which reads no more
  }
  throw new UblError('The file holds no XML element');
}

/**
 * Identifies the document as identifyUblDocument does and reads the whole of it in the same pass
 * (what a receiver does next anyway): the header is parsed once, not once to identify and again
 * to read. A document refused by its header (its CustomizationID) is refused before the rest is
 * read, as identifyUblDocument refuses it; anything refused further on throws as readUblDocument.
 */
export async function readIdentifiedUblDocument(
  input: UblInput,
  limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS,
): Promise<{ identity: UblDocumentIdentity; nodes: UblDocumentNodes<UblDocumentKind> }> {
  let found: UblDocumentIdentity | undefined;
  const nodes = await readUblDocument(input, UBL_DOCUMENT_KINDS, limits, (header, kind) => {
    found = identity(kind, header);
  });
  if (!found) throw new UblError('The file holds no XML element');
  return { identity: found, nodes };
}

/** The specification the document's CustomizationID names; UblError when it names none Torg reads. */
export function documentSpecification(kind: UblDocumentKind, root: UblNode): { specification: UblSpecification; customizationId: UblText } {
  const customizationId = textAt(root, 'cbc:CustomizationID');
  if (!customizationId?.value) throw new UblError(`The ${kind.root} has no cbc:CustomizationID, which says which specification it follows`, root.line);
  // Own keys only: a CustomizationID such as "constructor" must not find Object's members.
  const specification = Object.hasOwn(kind.customizationIds, customizationId.value) ? kind.customizationIds[customizationId.value] : undefined;
  if (!specification) {
    const known = Object.keys(kind.customizationIds).join(' or ');
    throw new UblError(`The ${kind.root} follows "${customizationId.value}" (cbc:CustomizationID), not a specification Torg reads: ${known}`, customizationId.line);
  }
  return { specification, customizationId };
}

function identity(kind: UblDocumentKind, root: UblNode): UblDocumentIdentity {
  const { specification, customizationId } = documentSpecification(kind, root);
  return {
    type: kind.type,
    specification,
    namespace: kind.namespace,
    customizationId,
    profileId: textAt(root, 'cbc:ProfileID'),
    id: textAt(root, 'cbc:ID'),
    senderEndpoint: identifier(root.at(...kind.sender, 'cbc:EndpointID')),
    receiverEndpoint: identifier(root.at(...kind.receiver, 'cbc:EndpointID')),
  };
}
