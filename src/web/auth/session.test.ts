import { describe, expect, it } from 'vitest';
import { DRAFT_PREFIX, session } from './session';

const user = { userId: 1, email: 'bestiller@nordby.example', name: 'Bjørn Bestiller', organisation: { id: 2, name: 'Nordby skole' }, roles: ['REQUESTER'] };

describe('the session', () => {
  it('ends by expiry keeping the drafts and saying so, until the next sign-in', () => {
    session.set({ token: 'opaque', method: 'dev', user });
    sessionStorage.setItem(`${DRAFT_PREFIX}free-text`, '{"description":"Stiftemaskin"}');
    session.expire();
    expect(session.get()).toBeNull();
    expect(session.expired()).toBe(true);
    expect(sessionStorage.getItem('torg.session')).toBeNull();
    expect(sessionStorage.getItem(`${DRAFT_PREFIX}free-text`)).toBe('{"description":"Stiftemaskin"}');
    session.set({ token: 'opaque', method: 'dev', user });
    expect(session.expired()).toBe(false);
  });

  it('takes the drafts away at sign-out', () => {
    session.set({ token: 'opaque', method: 'dev', user });
    sessionStorage.setItem(`${DRAFT_PREFIX}free-text`, '{"description":"Stiftemaskin"}');
    sessionStorage.setItem('torg.language', 'nb');
    session.set(null);
    expect(sessionStorage.getItem(`${DRAFT_PREFIX}free-text`)).toBeNull();
    expect(sessionStorage.getItem('torg.language')).toBe('nb');
    expect(session.expired()).toBe(false);
  });
});
