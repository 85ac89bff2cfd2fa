import Decimal from 'decimal.js';
import { SaxesParser } from 'saxes';
import { decimalText, escapeAttr, escapeText, leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

const NS = { '': 'urn:example:doc', cbc: 'urn:example:basic', cac: 'urn:example:aggregate' };

/** Parses what the writer wrote with a strict namespace-aware parser: text and attribute of the first leaf. */
function parseBack(xml: string): { text: string; attrs: Record<string, string>; uris: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  const out = { text: '', attrs: {} as Record<string, string>, uris: [] as string[] };
  let depth = 0;
  parser.on('opentag', (t) => {
    depth++;
    out.uris.push(`${t.local}=${t.uri}`);
    if (depth === 2) for (const a of Object.values(t.attributes)) out.attrs[a.local] = a.value;
  });
  parser.on('text', (t) => {
    if (depth === 2) out.text += t;
  });
  parser.on('closetag', () => depth--);
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return out;
}

const doc = (...children: (XmlOut | undefined)[]) => node('Doc', ...children)!;

describe('XML writer escaping', () => {
  it('escapes text so every character comes back as written, "]]>" and carriage returns included', () => {
    const value = 'a & b < c > d ]]> "q" \'s\' \r\n tab\t ø 😀';
    const xml = writeXml(doc(leaf('cbc:Note', value)), { namespaces: NS });
    expect(xml).toContain('a &amp; b &lt; c &gt; d ]]&gt; "q"');
    expect(parseBack(xml).text).toBe(value);
  });

  it('escapes attribute values so quotes, tabs and line ends survive attribute normalisation', () => {
    const value = 'x"y\'z & <w>\ttab\nline\rcr';
    const xml = writeXml(doc(leaf('cbc:ID', '1', { schemeID: value })), { namespaces: NS });
    expect(escapeAttr('"\t\n\r')).toBe('&quot;&#9;&#10;&#13;');
    expect(parseBack(xml).attrs.schemeID).toBe(value);
  });

  it('refuses characters XML 1.0 cannot carry instead of dropping them', () => {
    expect(() => escapeText('bell \u0007', 'cbc:Note')).toThrow(new XmlWriteError('cbc:Note holds U+0007, which XML cannot carry'));
    expect(() => escapeText('\ufffe')).toThrow(/U\+FFFE/);
    expect(() => escapeText('lone \ud800 surrogate')).toThrow(/U\+D800/);
    expect(() => escapeText('lone \udc00 low')).toThrow(/U\+DC00/);
    expect(() => escapeAttr('nul \u0000')).toThrow(/U\+0000/);
    expect(escapeText('pair 😀')).toBe('pair 😀');
  });
});

describe('XML writer namespaces and shape', () => {
  it('declares the namespaces on the root, so each element parses into its namespace', () => {
    const xml = writeXml(doc(node('cac:Party', leaf('cbc:Name', 'N'))), { namespaces: NS });
    expect(parseBack(xml).uris).toEqual(['Doc=urn:example:doc', 'Party=urn:example:aggregate', 'Name=urn:example:basic']);
  });

  it('refuses an undeclared prefix, a namespace declaration smuggled in as an attribute, and a bad name', () => {
    expect(() => writeXml(doc(leaf('ext:Thing', 'x')), { namespaces: NS })).toThrow('"ext:Thing" uses a namespace prefix that is not declared');
    expect(() => writeXml(doc(leaf('cbc:ID', 'x', { 'xmlns:evil': 'urn:x' })), { namespaces: NS })).toThrow(/declared through the writer's options/);
    expect(() => writeXml(doc(leaf('cbc:ID', 'x', { 'a b': 'x' })), { namespaces: NS })).toThrow('"a b" is not an XML name');
    expect(() => writeXml(doc(leaf('cbc:ID', '1')), { namespaces: { cbc: NS.cbc } })).toThrow('"Doc" needs a default namespace, and none is declared');
  });

  it('leaves out absent values and empty aggregates, and never mixes text and elements', () => {
    expect(node('cac:Contract', leaf('cbc:ID', undefined))).toBeUndefined();
    const xml = writeXml(doc(node('cac:Contract', leaf('cbc:ID', undefined)), leaf('cbc:Note', '')), { namespaces: NS });
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<Doc xmlns="urn:example:doc" xmlns:cbc="urn:example:basic" xmlns:cac="urn:example:aggregate">\n  <cbc:Note></cbc:Note>\n</Doc>\n`);
    const mixed: XmlOut = { name: 'cac:Party', attrs: {}, text: 'x', children: [leaf('cbc:Name', 'n')!] };
    expect(() => writeXml(doc(mixed), { namespaces: NS })).toThrow('<cac:Party> has both text and child elements, which UBL never mixes');
  });
});

describe('XML writer element order', () => {
  const sequences = { Doc: ['ID', 'IssueDate', 'Party'], Party: ['EndpointID', 'PartyName'] };

  it('writes children in the given sequence, and refuses them out of order or unknown', () => {
    const good = doc(leaf('cbc:ID', '1'), leaf('cbc:IssueDate', '2026-01-01'), node('cac:Party', leaf('cbc:EndpointID', 'e'), leaf('cbc:EndpointID', 'e2')));
    expect(writeXml(good, { namespaces: NS, sequences })).toContain('<cbc:IssueDate>');
    const swapped = doc(leaf('cbc:IssueDate', '2026-01-01'), leaf('cbc:ID', '1'));
    expect(() => writeXml(swapped, { namespaces: NS, sequences })).toThrow('<cbc:ID> comes after <IssueDate> in <Doc>, against the UBL 2.1 element order');
    const nested = doc(node('cac:Party', leaf('cbc:PartyName', 'n'), leaf('cbc:EndpointID', 'e')));
    expect(() => writeXml(nested, { namespaces: NS, sequences })).toThrow('<cbc:EndpointID> comes after <PartyName> in <cac:Party>, against the UBL 2.1 element order');
    expect(() => writeXml(doc(leaf('cbc:Colour', 'red')), { namespaces: NS, sequences })).toThrow('<cbc:Colour> is not a child of <Doc> in UBL 2.1');
  });
});

describe('decimalText', () => {
  it('writes strings and Decimals as plain decimals and refuses floats, exponents and excess decimals', () => {
    expect(decimalText('45.07', 'price')).toBe('45.07');
    expect(decimalText(new Decimal('1e-7'), 'price')).toBe('0.0000001');
    expect(decimalText(new Decimal('123456789012345678901234567890.12'), 'amount', 2)).toBe('123456789012345678901234567890.12');
    expect(() => decimalText(0.1 as unknown as string, 'amount')).toThrow('amount must be a decimal string or Decimal, not number');
    expect(() => decimalText('1e5', 'amount')).toThrow('amount "1e5" is not a decimal number');
    expect(() => decimalText('12.345', 'amount', 2)).toThrow('amount "12.345" has more than 2 decimals');
    expect(() => decimalText(new Decimal(NaN), 'amount')).toThrow('amount is not a finite decimal');
  });
});
