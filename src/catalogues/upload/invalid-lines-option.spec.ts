import { DomainError } from '../../platform/errors/domain-error';
import { invalidLinesOption } from './invalid-lines-option';

describe('the invalidLines upload option', () => {
  it('is REJECT unless asked, and takes reject/exclude from the query or the form in any case', () => {
    expect(invalidLinesOption(undefined, undefined)).toBe('REJECT');
    expect(invalidLinesOption('', undefined)).toBe('REJECT');
    expect(invalidLinesOption('exclude', undefined)).toBe('EXCLUDE');
    expect(invalidLinesOption(undefined, ' Exclude ')).toBe('EXCLUDE');
    expect(invalidLinesOption('reject', 'REJECT')).toBe('REJECT');
  });

  it('refuses anything else, and two different answers, precisely', () => {
    expect(() => invalidLinesOption('skip', undefined)).toThrow('invalidLines must be "reject" or "exclude", not "skip"');
    expect(() => invalidLinesOption(['exclude', 'x'], undefined)).toThrow(DomainError);
    expect(() => invalidLinesOption('exclude', 'reject')).toThrow('invalidLines is given twice with different values (query and form field)');
  });
});
