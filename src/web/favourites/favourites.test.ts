import { describe, expect, it } from 'vitest';
import { favouriteFor, templateNameProblem } from './favourites';

describe('favourites and templates', () => {
  const favourites = [
    { id: 1, agreementId: 7, sellerItemId: 'KL-211', currentItemId: '900' },
    { id: 2, agreementId: 8, sellerItemId: 'KL-211', currentItemId: null },
  ];

  it('finds an item’s favourite by its item id, or by agreement and supplier item number after a new version', () => {
    expect(favouriteFor(favourites, { itemId: '900', agreementId: 7, sellerItemId: 'KL-211' })?.id).toBe(1);
    expect(favouriteFor(favourites, { itemId: '1200', agreementId: 8, sellerItemId: 'KL-211' })?.id).toBe(2);
    expect(favouriteFor(favourites, { itemId: '1300', agreementId: 9, sellerItemId: 'KL-211' })).toBeUndefined();
  });

  it('asks for a template name of 2 to 100 characters, trimmed', () => {
    expect(templateNameProblem(' a ')).toBe('extra.templates.nameTooShort');
    expect(templateNameProblem('x'.repeat(101))).toBe('extra.templates.nameTooLong');
    expect(templateNameProblem('  Kontorrekvisita  ')).toBeNull();
  });
});
