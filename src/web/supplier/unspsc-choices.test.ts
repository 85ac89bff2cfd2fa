import { describe, expect, it } from 'vitest';
import { choose, percent, toAcceptInput } from './unspsc-choices';

describe('the UNSPSC choices', () => {
  it('keeps a choice per line, takes it back when emptied, and sends them in line order', () => {
    let c = choose({}, 12, '44121701');
    c = choose(c, 3, '14111507');
    c = choose(c, 7, '44122000');
    c = choose(c, 7, '');
    expect(toAcceptInput(5, c)).toEqual({
      versionId: 5,
      lines: [
        { lineNumber: 3, code: '14111507' },
        { lineNumber: 12, code: '44121701' },
      ],
    });
  });

  it('shows confidence as a whole percentage', () => {
    expect(percent(0.4349)).toBe(43);
    expect(percent(1)).toBe(100);
  });
});
