import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlighted names', () => {
  it('splits marked words from the rest and unescapes the text', () => {
    expect(highlightParts('Kontor<mark>stol</mark> &amp; bord &lt;XL&gt;')).toEqual([
      { text: 'Kontor', marked: false },
      { text: 'stol', marked: true },
      { text: ' & bord <XL>', marked: false },
    ]);
  });

  it('never yields markup: an escaped tag stays text', () => {
    const parts = highlightParts('&lt;img src=x onerror=alert(1)&gt;');
    expect(parts).toEqual([{ text: '<img src=x onerror=alert(1)>', marked: false }]);
  });
});
