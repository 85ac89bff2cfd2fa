import { describe, expect, it } from 'vitest';
import { templateNameProblem } from './favourites';

describe('templates', () => {
  it('asks for a template name of 2 to 100 characters, trimmed', () => {
    expect(templateNameProblem(' a ')).toBe('extra.templates.nameTooShort');
    expect(templateNameProblem('x'.repeat(101))).toBe('extra.templates.nameTooLong');
    expect(templateNameProblem('  Kontorrekvisita  ')).toBeNull();
  });
});
