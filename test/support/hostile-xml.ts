import { Readable } from 'node:stream';
import type { UblDocumentLimits, UblInput } from '../../src/peppol/ubl-document-input';
import { UblError } from '../../src/peppol/ubl-xml-reader';

/**
 * What the hostile-XML specs share (src/peppol/hostile-*.spec.ts): the UBL namespaces, the
 * attacks that do not depend on the document type (billion laughs, an endless stream) and the
 * helper that expects a refusal. Each spec keeps its own well-formed document (OPEN, LINE, CLOSE).
 */

/** The UBL 2.1 namespace stem: `${UBL_NS}:Invoice-2`, `${UBL_NS}:CommonBasicComponents-2`. */
export const UBL_NS = 'urn:oasis:names:specification:ubl:schema:xsd';

/** The cbc and cac prefix declarations of a UBL root element. */
export const UBL_PREFIXES = `xmlns:cbc="${UBL_NS}:CommonBasicComponents-2" xmlns:cac="${UBL_NS}:CommonAggregateComponents-2"`;

/** What every UBL reader answers to a DOCTYPE. */
export const DOCTYPE_REFUSED = 'DOCTYPE declarations are not allowed in UBL documents (they could define entities)';

/** A document whose DOCTYPE defines nested entities (billion laughs), using the outermost in a cbc:Note between `open` and `close`. */
export const billionLaughs = (open: string, close: string) =>
  '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n' +
  open +
  '<cbc:Note>&c;</cbc:Note>' +
  close;

/** A document that never ends: `open`, then `line` a thousand times per chunk, for ever; `pulled()` counts the chunks read. */
export function endlessDocument(open: string, line: string): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = Readable.from(
    (function* () {
      yield Buffer.from(open);
      for (;;) {
        pulled++;
        yield Buffer.from(line.repeat(1000));
      }
    })(),
  );
  return { stream, pulled: () => pulled };
}

/** The UblError `read` refuses `input` with; fails the test when it is accepted or fails otherwise. */
export async function refusal(read: (input: UblInput, limits?: UblDocumentLimits) => Promise<unknown>, input: UblInput, limits?: UblDocumentLimits): Promise<UblError> {
  try {
    await read(input, limits);
  } catch (e) {
    if (e instanceof UblError) return e;
    throw e;
  }
  throw new Error('the document was accepted');
}
