import { orgNumberProblem } from './org-number';

describe('orgNumberProblem', () => {
  it('accepts real organisation numbers', () => {
    expect(orgNumberProblem('974760673')).toBeNull(); // Brønnøysundregistrene
    expect(orgNumberProblem('971 526 920')).toBeNull(); // Statistisk sentralbyrå, with spaces
  });
  it('rejects a wrong check digit and says which digit was expected', () => {
    expect(orgNumberProblem('974760674')).toBe('has a wrong check digit (expected 3)');
  });
  it('rejects wrong length and letters', () => {
    expect(orgNumberProblem('12345678')).toBe('must be 9 digits');
    expect(orgNumberProblem('97476067A')).toBe('must be 9 digits');
  });
  it('rejects numbers whose check digit would be 10', () => {
    // 3*1+2*0+7*0+6*0+5*0+4*0+3*0+2*0 = 3 → 11-3=8; find one giving remainder 1:
    // weights sum 1*3 + 1*2 + 1*7 + 0... = 12 → remainder 1 → check 10
    expect(orgNumberProblem('111000000')).toMatch(/no check digit/);
  });
});
