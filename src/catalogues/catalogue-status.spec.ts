import { CatalogueStatus as S, mayReplaceInForce, nextCatalogueStatus } from './catalogue-status';

describe('catalogue version state machine', () => {
  it('walks DRAFT → SUBMITTED → PUBLISHED → SUPERSEDED', () => {
    expect(nextCatalogueStatus(S.DRAFT, 'submit')).toBe(S.SUBMITTED);
    expect(nextCatalogueStatus(S.SUBMITTED, 'publish')).toBe(S.PUBLISHED);
    expect(nextCatalogueStatus(S.PUBLISHED, 'supersede')).toBe(S.SUPERSEDED);
  });
  it('lets a submitted version be rejected', () => {
    expect(nextCatalogueStatus(S.SUBMITTED, 'reject')).toBe(S.REJECTED);
  });
  it('refuses everything else', () => {
    expect(nextCatalogueStatus(S.DRAFT, 'publish')).toBeNull();
    expect(nextCatalogueStatus(S.PUBLISHED, 'reject')).toBeNull();
    expect(nextCatalogueStatus(S.REJECTED, 'submit')).toBeNull();
    expect(nextCatalogueStatus(S.SUPERSEDED, 'publish')).toBeNull();
    expect(nextCatalogueStatus(S.PUBLISHED, 'submit')).toBeNull();
  });
  it('lets only a newer version replace the one in force', () => {
    expect(mayReplaceInForce(3, 2)).toBe(true);
    expect(mayReplaceInForce(2, 3)).toBe(false);
    expect(mayReplaceInForce(2, 2)).toBe(false);
  });
});
