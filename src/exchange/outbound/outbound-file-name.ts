/** Characters of the document id kept in a file name; ids are short in practice. */
const MAX_ID_CHARS = 100;

/** ASCII letters, digits, '.', '_' and '-' stay (accents dropped); any run of anything else becomes one '_'. */
function safePart(text: string): string {
  const safe = text
    .normalize('NFKD') // "é" → "e" + an accent, which goes below
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|_+$/g, '')
    .slice(0, MAX_ID_CHARS);
  return safe || 'x';
}

/**
 * The file a folder drop writes for a document: `<type>_<document id>_<outbound id>.xml`, safe on
 * any file system and never a path (no separators, no leading dot, no "..": an id such as
 * "../../etc/passwd" stays inside the folder). The outbound id keeps two documents with the same
 * id apart; the type and id are there for whoever looks into the folder.
 */
export function outboundFileName(documentType: string, documentId: string, outboundId: string): string {
  return `${safePart(documentType)}_${safePart(documentId)}_${safePart(outboundId)}.xml`;
}

/** A file being written under this name is never taken for a document: hidden, and not .xml. */
export const isTemporaryName = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');
