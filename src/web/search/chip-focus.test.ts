import { describe, expect, it } from 'vitest';
import { chipToFocus } from './chip-focus';

describe('the focus after removing filter chips', () => {
  it('goes to the next chip, which took the removed one’s place', () => {
    // Chips A B C D, B (1) removed: A C D left, C now at 1.
    expect(chipToFocus(1, 3)).toBe(1);
    expect(chipToFocus(0, 3)).toBe(0);
  });

  it('goes to the chip before when the last one was removed', () => {
    // Chips A B C, C (2) removed: A B left.
    expect(chipToFocus(2, 2)).toBe(1);
  });

  it('goes to the search box (null) when no chip is left: the only one removed, or all of them', () => {
    expect(chipToFocus(0, 0)).toBeNull();
    expect(chipToFocus(3, 0)).toBeNull();
  });
});
