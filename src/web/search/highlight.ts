/**
 * The search's highlighted names are HTML the server escaped, with matched words in <mark>. They
 * are turned into text parts here instead of being set as innerHTML, so nothing the server sends
 * can ever run as markup in the page.
 */
export interface TextPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);

export function highlightParts(html: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) parts.push({ text: unescape(html.slice(last, m.index)), marked: false });
    parts.push({ text: unescape(m[1]), marked: true });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: unescape(html.slice(last)), marked: false });
  return parts;
}
