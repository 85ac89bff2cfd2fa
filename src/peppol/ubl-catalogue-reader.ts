import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { SaxesParser, SaxesTagNS } from 'saxes';
import { InvalidUtf8Error, Utf8Stream } from '../platform/files/utf8-stream';
import { declaredXmlEncoding, isSupportedEncoding } from './xml-encoding';

/**
 * Streaming reader for UBL 2.1 Catalogue documents (PEPPOL BIS Catalogue 3, EHF Catalogue 3.0).
 * Pure: no Nest, no database. It never expands entities: a DOCTYPE is refused outright, which
 * rules out entity-expansion and external-entity attacks. Lines are yielded one at a time, so
 * memory does not grow with the document.
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
 * What one document may hold. Every line is built as a small tree in memory, so its size is
 * bounded; so are the header and the depth (no UBL Catalogue nests deeper than about 12 levels,
 * and the parser's cost per element grows with the depth it is at).
 */
export interface UblLimits {
  /** Nesting depth, the root element counting as 1. */
  maxDepth: number;
  /** Elements and attributes in one CatalogueLine, and outside the lines (the header). */
  maxLineElements: number;
  /** Characters of text and attribute values in one CatalogueLine, and in the header. */
  maxLineChars: number;
}

export const UBL_LIMITS: UblLimits = { maxDepth: 64, maxLineElements: 10_000, maxLineChars: 1024 * 1024 };

/** A small element tree for one CatalogueLine (local names, no namespaces). */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export interface UblCatalogueHeader {
  customizationId?: string;
  profileId?: string;
  id?: string;
  actionCode?: string;
  name?: string;
  issueDate?: string;
  validFrom?: string;
  validTo?: string;
  contractId?: string;
  providerEndpoint?: string;
  providerEndpointScheme?: string;
}

export type UblCatalogueEvent = { type: 'header'; header: UblCatalogueHeader } | { type: 'line'; ordinal: number; node: XmlNode };

const CATALOGUE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2';

export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = current?.children.find((c) => c.name === name);
  return current;
}

export function childText(node: XmlNode | undefined, ...path: string[]): string | undefined {
  const n = child(node, ...path);
  return n ? n.text.trim() : undefined;
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** Reads the header and yields it once the first line starts (or at the end), then every line. */
export async function* readUblCatalogue(input: Readable, limits: UblLimits = UBL_LIMITS): AsyncGenerator<UblCatalogueEvent> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new UblError('The file is empty');
  const head: Buffer = first.value;
  const encoding = declaredXmlEncoding(head);
  if (!isSupportedEncoding(encoding)) throw new UblError(`The XML declares an unsupported encoding "${encoding}"`);
  // UTF-8 (declared or implied) is decoded strictly: a Latin-1 byte is refused, not turned into U+FFFD.
  const decode: (chunk: Buffer, final?: boolean) => string = isUtf8Name(encoding) ? utf8Decoder() : iconvDecoder(encoding);

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  const header: UblCatalogueHeader = {};
  const headerPath: string[] = [];
  const ready: UblCatalogueEvent[] = [];
  let headerSent = false;
  let rootSeen = false;
  let lineOrdinal = 0;
  let failure: UblError | undefined;
  // What the line being read holds so far, and what the header (everything outside the lines) holds.
  const line = { elements: 0, chars: 0 };
  const outside = { elements: 0, chars: 0 };
  // Thrown from inside the parser's handlers, so the parser stops at once rather than at the end of the chunk.
  const refuse = (error: UblError): never => {
    failure ??= error;
    throw failure;
  };
  const count = (inLine: boolean, elements: number, chars: number) => {
    const c = inLine ? line : outside;
    c.elements += elements;
    c.chars += chars;
    const what = inLine ? `CatalogueLine ${lineOrdinal + 1}` : 'The Catalogue header';
    if (c.elements > limits.maxLineElements) {
      refuse(new UblError(`${what} holds more than ${limits.maxLineElements} elements and attributes, the most one line (or the header) may hold`, parser.line, true));
    }
    if (c.chars > limits.maxLineChars) {
      refuse(new UblError(`${what} holds more than ${limits.maxLineChars} characters of text, the most one line (or the header) may hold`, parser.line, true));
    }
  };

  parser.on('doctype', () => {
    failure ??= new UblError('DOCTYPE declarations are not allowed in UBL documents (they could define entities)', parser.line);
  });
  parser.on('error', (e) => {
    failure ??= new UblError(`The XML is not well-formed: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, parser.line);
  });
  // Counted as the parser meets them (an element's name, then each attribute), before it holds
  // them all: a start tag of millions of attributes is refused as early as a line of millions of elements.
  let inLine = false;
  parser.on('opentagstart', (tag) => {
    const depth = 1 + headerPath.length + stack.length + (rootSeen ? 1 : 0);
    if (depth > limits.maxDepth) refuse(new UblError(`The XML nests deeper than ${limits.maxDepth} elements (at <${tag.name}>); no UBL Catalogue needs that`, parser.line));
    const opensLine = rootSeen && stack.length === 0 && tag.name.slice(tag.name.indexOf(':') + 1) === 'CatalogueLine';
    if (opensLine) {
      line.elements = 0; // each line has its own budget
      line.chars = 0;
    }
    inLine = stack.length > 0 || opensLine;
    count(inLine, 1, 0);
  });
  parser.on('attribute', (attr) => count(inLine, 1, attr.value.length));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local !== 'Catalogue') failure ??= new UblError(`The root element is ${tag.local}, not a UBL Catalogue`, parser.line);
      else if (tag.uri !== CATALOGUE_NS) failure ??= new UblError(`The Catalogue element is not in the UBL namespace ${CATALOGUE_NS}`, parser.line);
      return;
    }
    if (stack.length === 0 && tag.local === 'CatalogueLine' && !headerSent) {
      ready.push({ type: 'header', header: { ...header } });
      headerSent = true;
    }
    if (stack.length > 0 || tag.local === 'CatalogueLine') {
      const attrs: Record<string, string> = {};
      for (const v of Object.values(tag.attributes)) attrs[v.local] = v.value;
      const node: XmlNode = { name: tag.local, attrs, text: '', children: [] };
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    } else {
      headerPath.push(tag.local);
      if (tag.local === 'EndpointID' && headerPath.join('/') === 'ProviderParty/EndpointID') {
        const scheme = Object.values(tag.attributes).find((a) => a.local === 'schemeID');
        header.providerEndpointScheme = scheme?.value;
      }
    }
  });
  parser.on('text', (text: string) => {
    if (stack.length) {
      count(true, 0, text.length);
      stack[stack.length - 1].text += text;
    } else if (headerPath.length) {
      count(false, 0, text.length);
      setHeader(header, headerPath.join('/'), text);
    } // else: white space between the header fields and lines, kept nowhere
  });
  parser.on('closetag', () => {
    if (stack.length) {
      const node = stack.pop()!;
      if (stack.length === 0) ready.push({ type: 'line', ordinal: ++lineOrdinal, node });
    } else headerPath.pop();
  });

  const feed = (chunk: Buffer, final = false) => {
    if (failure) return;
    try {
      const text = decode(chunk, final);
      if (text) parser.write(text);
      if (final) parser.close();
    } catch (e) {
      if (e instanceof InvalidUtf8Error) failure ??= new UblError(`The XML is not UTF-8, as it declares or implies: ${e.message}`, e.line);
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
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- feed() may set it; TypeScript keeps the loop's narrowing to undefined (microsoft/TypeScript#9998)
    if (failure) throw failure;
    if (!rootSeen) throw new UblError('The file holds no XML element');
    if (!headerSent) ready.unshift({ type: 'header', header: { ...header } });
    while (ready.length) yield ready.shift()!;
  } finally {
    input.destroy(); // also when the reader stops early (a refusal, or the caller gives up)
  }
}

const isUtf8Name = (encoding: string) => /^utf-?8$/i.test(encoding);

function utf8Decoder(): (chunk: Buffer, final?: boolean) => string {
  const utf8 = new Utf8Stream();
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

const HEADER_FIELDS: Record<string, keyof UblCatalogueHeader> = {
  CustomizationID: 'customizationId',
  ProfileID: 'profileId',
  ID: 'id',
  ActionCode: 'actionCode',
  Name: 'name',
  IssueDate: 'issueDate',
  'ValidityPeriod/StartDate': 'validFrom',
  'ValidityPeriod/EndDate': 'validTo',
  'ReferencedContract/ID': 'contractId',
  'ProviderParty/EndpointID': 'providerEndpoint',
};

function setHeader(header: UblCatalogueHeader, path: string, text: string) {
  const key = HEADER_FIELDS[path];
  if (key) header[key] = ((header[key] ?? '') + text).trim();
}
