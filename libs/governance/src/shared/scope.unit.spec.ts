import { isScope, scopeCovers, scopesCover, uncoveredScopes } from './scope.js';

describe('scopes', () => {
  it('cover themselves and what lies beneath them', () => {
    expect(scopeCovers('community-services', 'community-services')).toBe(true);
    expect(scopeCovers('community-services', 'community-services/children')).toBe(true);
    expect(scopeCovers('community-services/children', 'community-services')).toBe(false);
  });

  it('do not cover a sibling that merely starts with the same letters', () => {
    expect(scopeCovers('bcf', 'bcf-extra')).toBe(false);
  });

  it('cover a list when each member is covered by some grant', () => {
    expect(scopesCover(['adult-social-care', 'bcf'], ['bcf', 'adult-social-care/reablement'])).toBe(true);
    expect(uncoveredScopes(['adult-social-care'], ['bcf', 'adult-social-care/reablement'])).toEqual(['bcf']);
  });

  it.each(['', '/bcf', 'bcf/', 'BCF', 'a//b', 'a b'])('refuse the malformed scope %j', (scope) => expect(isScope(scope)).toBe(false));
});
