import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { SaxesParser, SaxesTagNS } from 'saxes';
import { firstInvalidUtf8, InvalidUtf8Error, Utf8Stream } from '../platform/files/utf8-stream';
import { XmlElement } from './xml-element';
import { declaredXmlEncoding, isSupportedEncoding } from './xml-encoding';

/**
 * The bounded, streaming XML layer under the typed UBL readers. It never expands entities: a
 * DOCTYPE is refused outright, which rules out entity-expansion and external-entity attacks.
 * A document is read as its header (the root's children before the first record) and then one
 * record at a time (a CatalogueLine, say), so memory does not grow with the document.
 */

export class UblError extends Error {
  constructor(
    message: string,
    readonly xmlLine?: number,
    /** The document is refused for its size (a bound below), not for its form. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * What one document may hold. Every record is built as a small tree in memory, so its size is
 * bounded; so are the header and the depth (no UBL document nests deeper than about 12 levels,
 * and the parser's cost per element grows with the depth it is at).
 */
export interface UblLimits {
  /** Nesting depth, the root element counting as 1. */
  maxDepth: number;
  /** Elements and attributes in one record, and outside the records (the header). */
  maxLineElements: number;
  /** Characters of text and attribute values in one record, and in the header. */
  maxLineChars: number;
}

export const UBL_LIMITS: UblLimits = { maxDepth: 64, maxLineElements: 10_000, maxLineChars: 1024 * 1024 };

/** Which document: its root element and namespace, and the repeated record read one at a time. */
export interface UblDocumentShape {
  root: string;
  namespace: string;
  record: string;
}

/**
 * A document that declares a single-byte encoding (ISO-8859-1, Windows-1252…) but whose text is
 * UTF-8: what the declaration says, and the first non-ASCII character, which gave it away.
 */
export interface MisdeclaredUtf8 {
  declared: string;
  /** The XML line of that character. */
  line: number;
  character: string;
  /** Its bytes, as 0xC3 0xA5. */
  bytes: string;
}

/**
 * How to take a document declared in a single-byte encoding whose text is UTF-8. Read by the
 * declaration it would be garbled ("BlÃ¥"), so either it is refused (documents a party must
 * answer for as sent: orders, invoices) or read as the UTF-8 it is and reported (catalogues,
 * where published examples do this and the supplier is told in the validation report).
 */
export interface UblReadOptions {
  misdeclaredUtf8?: 'refuse' | 'readAsUtf8';
}

/** `shape` is the one the root matched, when the reader was given several. An `encoding` event comes only with `misdeclaredUtf8: 'readAsUtf8'`. */
export type UblXmlEvent =
  { type: 'header'; elements: XmlElement[]; shape: UblDocumentShape } | { type: 'record'; ordinal: number; element: XmlElement } | { type: 'encoding'; misdeclared: MisdeclaredUtf8 };

/**
 * Yields the header once the first record starts (or at the end), then every record. Given
 * several shapes, the root element picks one (a reader that identifies the document).
 */
export async function* readUblRecords(
  input: Readable,
  shapes: UblDocumentShape | readonly UblDocumentShape[],
  limits: UblLimits = UBL_LIMITS,
  options: UblReadOptions = {},
): AsyncGenerator<UblXmlEvent> {
  const candidates: readonly UblDocumentShape[] = 'root' in shapes ? [shapes] : shapes;
  let shape = candidates[0];
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new UblError('The file is empty');
  const head: Buffer = first.value;
  const encoding = declaredXmlEncoding(head);
  if (!isSupportedEncoding(encoding)) throw new UblError(`The XML declares an unsupported encoding "${encoding}"`);
  // UTF-8 (declared or implied) is decoded strictly: a Latin-1 byte is refused, not turned into U+FFFD.
  // A single-byte encoding decodes any bytes, so UTF-8 declared as ISO-8859-1 would be read as "BlÃ¥": the first non-ASCII character tells.
  let readAsUtf8: MisdeclaredUtf8 | undefined;
  const onUtf8 = (found: MisdeclaredUtf8) => {
    if (options.misdeclaredUtf8 !== 'readAsUtf8') {
      throw new UblError(
        `The XML declares the encoding "${encoding}" but is UTF-8: the bytes ${found.bytes} at line ${found.line} are the UTF-8 character "${found.character}" (declare encoding="UTF-8")`,
        found.line,
      );
    }
    readAsUtf8 = found;
    ready.push({ type: 'encoding', misdeclared: found });
  };
  const decode: (chunk: Buffer, final?: boolean) => string = isUtf8Name(encoding) ? utf8Decoder() : isSingleByte(encoding) ? singleByteDecoder(encoding, onUtf8) : iconvDecoder(encoding);

  const parser = new SaxesParser({ xmlns: true, position: true });
  // The elements open below the root; stack[0] is a record or a header element.
  const stack: XmlElement[] = [];
  const header: XmlElement[] = [];
  const ready: UblXmlEvent[] = [];
  let headerSent = false;
  let rootSeen = false;
  let recordOrdinal = 0;
  let failure: UblError | undefined;
  // What the record being read holds so far, and what the header (everything outside the records) holds.
  const record = { elements: 0, chars: 0 };
  const outside = { elements: 0, chars: 0 };
  // Thrown from inside the parser's handlers, so the parser stops at once rather than at the end of the chunk.
  const refuse = (error: UblError): never => {
    failure ??= error;
    throw failure;
  };
  const count = (inRecord: boolean, elements: number, chars: number) => {
    const c = inRecord ? record : outside;
    c.elements += elements;
    c.chars += chars;
    // Named only when refusing: this runs for every tag, attribute and text of the document.
    const what = () => (inRecord ? `${shape.record} ${recordOrdinal + 1}` : `The ${shape.root} header`);
    if (c.elements > limits.maxLineElements) {
      refuse(new UblError(`${what()} holds more than ${limits.maxLineElements} elements and attributes, the most one line (or the header) may hold`, parser.line, true));
    }
    if (c.chars > limits.maxLineChars) {
      refuse(new UblError(`${what()} holds more than ${limits.maxLineChars} characters of text, the most one line (or the header) may hold`, parser.line, true));
    }
  };
  const sendHeader = () => {
    ready.push({ type: 'header', elements: header.splice(0), shape });
    headerSent = true;
  };

  parser.on('doctype', () => {
    failure ??= new UblError('DOCTYPE declarations are not allowed in UBL documents (they could define entities)', parser.line);
  });
  parser.on('error', (e) => {
    failure ??= new UblError(`The XML is not well-formed: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`, parser.line);
  });
  // Counted as the parser meets them (an element's name, then each attribute), before it holds
  // them all: a start tag of millions of attributes is refused as early as a record of millions of elements.
  let inRecord = false;
  parser.on('opentagstart', (tag) => {
    const depth = 1 + stack.length + (rootSeen ? 1 : 0);
    if (depth > limits.maxDepth) refuse(new UblError(`The XML nests deeper than ${limits.maxDepth} elements (at <${tag.name}>); no UBL ${shape.root} needs that`, parser.line));
    const opensRecord = rootSeen && stack.length === 0 && tag.name.slice(tag.name.indexOf(':') + 1) === shape.record;
    if (opensRecord) {
      record.elements = 0; // each record has its own budget
      record.chars = 0;
    }
    inRecord = opensRecord || (stack.length > 0 && stack[0].name === shape.record);
    count(inRecord, 1, 0);
  });
  parser.on('attribute', (attr) => count(inRecord, 1, attr.value.length));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!rootSeen) {
      rootSeen = true;
      shape = candidates.find((c) => c.root === tag.local) ?? shape;
      const expected = candidates.length === 1 ? `a UBL ${shape.root}` : `a UBL document Torg reads (${candidates.map((c) => c.root).join(', ')})`;
      if (tag.local !== shape.root) failure ??= new UblError(`The root element is ${tag.local}, not ${expected}`, parser.line);
      else if (tag.uri !== shape.namespace) failure ??= new UblError(`The ${shape.root} element is not in the UBL namespace ${shape.namespace}${tag.uri ? ` but in ${tag.uri}` : ''}`, parser.line);
      return;
    }
    if (stack.length === 0 && tag.local === shape.record && !headerSent) sendHeader();
    const attrs: Record<string, string> = {};
    for (const v of Object.values(tag.attributes)) attrs[v.local] = v.value;
    const element: XmlElement = { name: tag.local, attrs, text: '', children: [], line: parser.line };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text: string) => {
    if (!stack.length) return; // white space between the header fields and records, kept nowhere
    count(stack[0].name === shape.record, 0, text.length);
    stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element || stack.length) return; // the root, or an element inside a record or header field
    if (element.name === shape.record) ready.push({ type: 'record', ordinal: ++recordOrdinal, element });
    else if (!headerSent) header.push(element);
    // else: an element after the records, which no UBL schema has; counted above, kept nowhere
  });

  const feed = (chunk: Buffer, final = false) => {
    if (failure) return;
    try {
      const text = decode(chunk, final);
      if (text) parser.write(text);
      if (final) parser.close();
    } catch (e) {
      if (e instanceof InvalidUtf8Error) {
        const why = readAsUtf8
          ? `The XML declares the encoding "${encoding}" but its first non-ASCII character (line ${readAsUtf8.line}) is UTF-8, so it is read as UTF-8; yet it is not UTF-8 throughout`
          : 'The XML is not UTF-8, as it declares or implies';
        failure ??= new UblError(`${why}: ${e.message}`, e.line);
      } else if (e instanceof UblError) failure ??= e;
      else if (!failure) throw e; // else: a refusal thrown from a handler above
    }
  };
  try {
    feed(head);
    for (;;) {
      if (failure) throw failure;
      while (ready.length) yield ready.shift()!;
      const next = await iterator.next();
      if (next.done) break;
      feed(next.value);
    }
    feed(Buffer.alloc(0), true);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- set in the parser callbacks; TypeScript narrows `failure` to never here
    if (failure) throw failure;
    if (!rootSeen) throw new UblError('The file holds no XML element');
    if (!headerSent) sendHeader();
    while (ready.length) yield ready.shift()!;
  } finally {
    input.destroy(); // also when the reader stops early (a refusal, or the caller gives up)
  }
}

const isUtf8Name = (encoding: string) => /^utf-?8$/i.test(encoding);

function utf8Decoder(firstLine = 1): (chunk: Buffer, final?: boolean) => string {
  const utf8 = new Utf8Stream(firstLine);
  let first = true;
  return (chunk, final) => {
    let text = utf8.decode(chunk);
    if (final) utf8.end();
    if (first && text) {
      text = text.replace(/^\ufeff/, ''); // the byte-order mark is not part of the document
      first = false;
    }
    return text;
  };
}

function iconvDecoder(encoding: string): (chunk: Buffer, final?: boolean) => string {
  const decoder = iconv.getDecoder(encoding);
  return (chunk, final) => decoder.write(chunk) + (final ? (decoder.end() ?? '') : '');
}

const isSingleByte = (encoding: string) => /^(iso-?8859-\d+|latin-?\d|l\d|windows-125\d|cp125\d)$/i.test(encoding);

/**
 * Decodes a document declared in a single-byte encoding, after looking at its first non-ASCII
 * character: when that is a UTF-8 character, `onUtf8` is told (it refuses, or accepts and the
 * rest is decoded as strict UTF-8); otherwise the declared encoding holds. In real ISO-8859-1
 * text a letter such as "Ã" is next followed by a symbol from 0x80–0xBF ("¥", "©") almost never,
 * and in UTF-8 every non-ASCII character is such a pair (or longer). Until it has decided, only
 * the ASCII before that character is decoded (the same in both readings), so nothing is ever
 * decoded twice or the wrong way, even when the character spans two chunks.
 */
function singleByteDecoder(encoding: string, onUtf8: (found: MisdeclaredUtf8) => void): (chunk: Buffer, final?: boolean) => string {
  let decided: ((chunk: Buffer, final?: boolean) => string) | undefined;
  let held = Buffer.alloc(0); // from the first non-ASCII byte on, while undecided
  let lines = 1;
  return (chunk, final) => {
    if (decided) return decided(chunk, final);
    let ascii = '';
    let bytes: Buffer;
    if (!held.length) {
      let i = 0;
      while (i < chunk.length && chunk[i] < 0x80) if (chunk[i++] === 10) lines++;
      ascii = chunk.subarray(0, i).toString('latin1');
      bytes = chunk.subarray(i);
    } else bytes = Buffer.concat([held, chunk]);
    if (!bytes.length) return ascii;
    const need = utf8Length(bytes[0]);
    const continued = bytes.subarray(1, need).every((b) => (b & 0xc0) === 0x80);
    if (need > 1 && continued && bytes.length < need && !final) {
      held = Buffer.from(bytes); // the character goes on in the next chunk
      return ascii;
    }
    held = Buffer.alloc(0);
    const character = bytes.subarray(0, need);
    if (need > 1 && continued && bytes.length >= need && firstInvalidUtf8(character) === -1) {
      onUtf8({
        declared: encoding,
        line: lines,
        character: character.toString('utf8'),
        bytes: [...character].map((b) => `0x${b.toString(16).toUpperCase()}`).join(' '),
      });
      decided = utf8Decoder(lines);
    } else decided = iconvDecoder(encoding); // no UTF-8 character: the encoding is as declared
    return ascii + decided(bytes, final);
  };
}

/** How many bytes a UTF-8 character starting with this byte has; 1 for a byte that starts none. */
const utf8Length = (lead: number) => (lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 1);
