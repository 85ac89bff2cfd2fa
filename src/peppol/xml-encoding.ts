import iconv from 'iconv-lite';

/**
 * The encoding an XML document declares (`<?xml … encoding="ISO-8859-1"?>`), from its first
 * bytes; UTF-8 when it declares none. Byte-order marks win over the declaration.
 */
export function declaredXmlEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const text = head.subarray(0, 200).toString('latin1');
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  return m ? m[1].toLowerCase() : 'utf-8';
}

export function isSupportedEncoding(encoding: string): boolean {
  return iconv.encodingExists(encoding);
}
