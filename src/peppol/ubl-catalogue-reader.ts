import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { SaxesParser, SaxesTagNS } from 'saxes';
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
  ) {
    super(message);
  }
}

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
export async function* readUblCatalogue(input: Readable): AsyncGenerator<UblCatalogueEvent> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new UblError('The file is empty');
  const head: Buffer = first.value;
  const encoding = declaredXmlEncoding(head);
  if (!isSupportedEncoding(encoding)) throw new UblError(`The XML declares an unsupported encoding "${encoding}"`);
  const decoder = iconv.getDecoder(encoding);

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  const header: UblCatalogueHeader = {};
  const headerPath: string[] = [];
  const ready: UblCatalogueEvent[] = [];
  let headerSent = false;
  let rootSeen = false;
  let lineOrdinal = 0;
  let failure: UblError | undefined;

  parser.on('doctype', () => {
    failure ??= new UblError('DOCTYPE declarations are not allowed in UBL documents (they could define entities)', parser.line);
  });
  parser.on('error', (e) => {
    failure ??= new UblError(`The XML is not well-formed: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, parser.line);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local !== 'Catalogue') failure ??= new UblError(`The root element is ${tag.local}, not a UBL Catalogue`, parser.line);
      else if (tag.uri !== CATALOGUE_NS) failure ??= new UblError(`The Catalogue element is not in the UBL namespace ${CATALOGUE_NS}`, parser.line);
      return;
    }
    if (stack.length === 0 && tag.local === 'CatalogueLine') {
      if (!headerSent) {
        ready.push({ type: 'header', header: { ...header } });
        headerSent = true;
      }
    }
    if (stack.length > 0 || tag.local === 'CatalogueLine') {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[v.local] = v.value;
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
    if (stack.length) stack[stack.length - 1].text += text;
    else if (headerPath.length) setHeader(header, headerPath.join('/'), text);
  });
  parser.on('closetag', () => {
    if (stack.length) {
      const node = stack.pop()!;
      if (stack.length === 0) ready.push({ type: 'line', ordinal: ++lineOrdinal, node });
    } else headerPath.pop();
  });

  const feed = (chunk: Buffer) => {
    if (failure) return;
    const text = decoder.write(chunk);
    if (text) parser.write(text);
  };
  feed(head);
  for (;;) {
    if (failure) throw failure;
    while (ready.length) yield ready.shift()!;
    const next = await iterator.next();
    if (next.done) break;
    feed(next.value);
  }
  const rest = decoder.end();
  if (!failure) {
    if (rest) parser.write(rest);
    parser.close();
  }
  if (failure) throw failure;
  if (!rootSeen) throw new UblError('The file holds no XML element');
  if (!headerSent) ready.unshift({ type: 'header', header: { ...header } });
  while (ready.length) yield ready.shift()!;
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
