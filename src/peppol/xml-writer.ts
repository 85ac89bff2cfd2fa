import Decimal from 'decimal.js';

/**
 * A small XML writer for the documents Torg sends. Safe by construction: text and attribute
 * values are escaped, characters XML 1.0 cannot carry are refused (not dropped), every prefix
 * must be declared, and, where a sequence is given for an element, its children must come in
 * that order (the UBL 2.1 schema's), so a document that would fail the schema is never written.
 */

export class XmlWriteError extends Error {}

export interface XmlOut {
  name: string;
  attrs: Record<string, string>;
  text?: string;
  children: XmlOut[];
}

type Child = XmlOut | undefined | null | false;

/** An element with text (leaf). Absent values (undefined) write nothing, so optional fields read naturally. */
export function leaf(name: string, value: string | undefined, attrs: Record<string, string | undefined> = {}): XmlOut | undefined {
  if (value === undefined) return undefined;
  return { name, attrs: defined(attrs), text: value, children: [] };
}

/** An aggregate; one with no children is left out, as UBL has no empty aggregates. */
export function node(name: string, ...children: (Child | Child[])[]): XmlOut | undefined {
  const kept = children.flat().filter((c): c is XmlOut => !!c);
  return kept.length ? { name, attrs: {}, children: kept } : undefined;
}

function defined(attrs: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/** A decimal as UBL writes it: a string or a decimal.js value, never a binary float. */
export type DecimalValue = string | Decimal;

/**
 * The decimal's text, plain (no exponent). `maxScale` refuses more decimals than allowed
 * (PEPPOL: 2 on amounts) rather than rounding: rounding is the caller's business decision.
 */
export function decimalText(value: DecimalValue, what: string, maxScale?: number): string {
  let text: string;
  if (value instanceof Decimal) {
    if (!value.isFinite()) throw new XmlWriteError(`${what} is not a finite decimal`);
    text = value.toFixed();
  } else if (typeof value === 'string') text = value.trim();
  else throw new XmlWriteError(`${what} must be a decimal string or Decimal, not ${typeof value}`);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new XmlWriteError(`${what} "${text}" is not a decimal number`);
  const scale = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (maxScale !== undefined && scale > maxScale) throw new XmlWriteError(`${what} "${text}" has more than ${maxScale} decimals`);
  return text;
}

export interface XmlWriteOptions {
  /** Prefix → namespace URI; '' is the default namespace (the root's). */
  namespaces: Record<string, string>;
  /** Element local name → its children's local names in schema order. */
  sequences?: Record<string, readonly string[]>;
}

/** The document as UTF-8 text with an XML declaration, indented two spaces per level. */
export function writeXml(root: XmlOut, options: XmlWriteOptions): string {
  const nsAttrs = Object.entries(options.namespaces)
    .map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttr(uri, 'xmlns')}"`)
    .join('');
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, nsAttrs, options, out);
  return out.join('');
}

const NAME = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)$/;
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function write(el: XmlOut, depth: number, extraAttrs: string, options: XmlWriteOptions, out: string[]) {
  checkName(el.name, options, true);
  checkOrder(el, options);
  const indent = '  '.repeat(depth);
  let attrs = extraAttrs;
  for (const [k, v] of Object.entries(el.attrs)) {
    checkName(k, options, false);
    attrs += ` ${k}="${escapeAttr(v, `${el.name}/@${k}`)}"`;
  }
  if (el.children.length) {
    if (el.text) throw new XmlWriteError(`<${el.name}> has both text and child elements, which UBL never mixes`);
    out.push(`${indent}<${el.name}${attrs}>\n`);
    for (const c of el.children) write(c, depth + 1, '', options, out);
    out.push(`${indent}</${el.name}>\n`);
  } else {
    out.push(`${indent}<${el.name}${attrs}>${escapeText(el.text ?? '', el.name)}</${el.name}>\n`);
  }
}

function checkName(name: string, options: XmlWriteOptions, element: boolean) {
  const m = NAME.exec(name);
  if (!m) throw new XmlWriteError(`"${name}" is not an XML name`);
  const prefix = m[1];
  if (prefix === 'xmlns' || prefix === 'xml') throw new XmlWriteError(`"${name}": namespaces are declared through the writer's options`);
  // Unprefixed attributes are in no namespace (UBL's schemeID, currencyID…); unprefixed elements in the default one.
  if (prefix !== undefined && !(prefix in options.namespaces)) throw new XmlWriteError(`"${name}" uses a namespace prefix that is not declared`);
  if (prefix === undefined && element && !('' in options.namespaces)) throw new XmlWriteError(`"${name}" needs a default namespace, and none is declared`);
}

function checkOrder(el: XmlOut, options: XmlWriteOptions) {
  const sequence = options.sequences?.[localName(el.name)];
  if (!sequence) return;
  let last = -1;
  for (const c of el.children) {
    const at = sequence.indexOf(localName(c.name));
    if (at < 0) throw new XmlWriteError(`<${c.name}> is not a child of <${el.name}> in UBL 2.1`);
    if (at < last) throw new XmlWriteError(`<${c.name}> comes after <${sequence[last]}> in <${el.name}>, against the UBL 2.1 element order`);
    last = at;
  }
}

// XML 1.0 characters: tab, newline, carriage return, and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
// With the `u` flag a surrogate pair is one code point and a lone surrogate half matches as not allowed.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function checkChars(value: string, where: string) {
  const m = NOT_XML_CHAR.exec(value);
  if (m) throw new XmlWriteError(`${where} holds U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
}

export function escapeText(value: string, where = 'text'): string {
  checkChars(value, where);
  // '>' too, so "]]>" never appears; '\r' as a reference, or a parser would turn it into '\n'.
  return value.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
}

export function escapeAttr(value: string, where = 'attribute'): string {
  checkChars(value, where);
  // Tabs and line ends as references, or attribute-value normalisation would turn them into spaces.
  return value.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}
