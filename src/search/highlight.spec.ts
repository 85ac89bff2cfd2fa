import { escapeHtml, highlightedHtml, newHighlightMarkers } from './highlight';

describe('escapeHtml', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['Skjerm 24" Dell', 'Skjerm 24&quot; Dell'],
    ["Kari's <b>", 'Kari&#39;s &lt;b&gt;'],
    ['&lt; already', '&amp;lt; already'],
    ['Kopipapir A4 blå', 'Kopipapir A4 blå'],
  ])('escapes %j', (text, html) => {
    expect(escapeHtml(text)).toBe(html);
  });
});

describe('highlightedHtml', () => {
  const markers = newHighlightMarkers();
  const mark = (word: string) => `${markers.start}${word}${markers.stop}`;
  const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];

  it('escapes the supplier text and adds only <mark> tags', () => {
    const html = highlightedHtml(`<img src=x onerror=alert(1)> ${mark('Kopipapir')} "A4" & 'hvit'`, markers);
    expect(html).toBe(`&lt;img src=x onerror=alert(1)&gt; <mark>Kopipapir</mark> &quot;A4&quot; &amp; &#39;hvit&#39;`);
    expect(tags(html)).toEqual(['<mark>', '</mark>']);
  });

  it('escapes text without marks (a search without text)', () => {
    expect(highlightedHtml('<script>alert(1)</script>', markers)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves <mark> written by the supplier as text', () => {
    expect(highlightedHtml(`<mark>falsk</mark> ${mark('ekte')}`, markers)).toBe('&lt;mark&gt;falsk&lt;/mark&gt; <mark>ekte</mark>');
  });

  it('marks several words and words inside other text', () => {
    expect(highlightedHtml(`${mark('kopi')}papir<${mark('A4')}>`, markers)).toBe('<mark>kopi</mark>papir&lt;<mark>A4</mark>&gt;');
  });

  it('keeps marks paired when an engine gives an unpaired marker', () => {
    expect(highlightedHtml(`${markers.start}a ${markers.start}b`, markers)).toBe('<mark>a b</mark>');
    expect(highlightedHtml(`a${markers.stop} b`, markers)).toBe('a b');
  });

  it('makes new markers for every search, so supplier text cannot hold the ones in use', () => {
    const other = newHighlightMarkers();
    expect(other.start).not.toBe(markers.start);
    // Text holding another search's markers stays text.
    expect(highlightedHtml(`${other.start}x${other.stop}`, markers)).toBe(`${other.start}x${other.stop}`);
  });
});
