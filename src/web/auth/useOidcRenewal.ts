import { useEffect } from 'react';
import type { WebConfig } from '../app/web-config';
import { session } from './session';
import { useSession } from './useSession';

/**
 * While signed in through OIDC: the access token is renewed a minute before it runs out
 * (oidc.ts keepRenewed), so a user at work is not sent to sign in. Without a renewal the session
 * ends at exp as before, and drafts keep what was typed.
 */
export function useOidcRenewal(oidc: WebConfig['oidc']): void {
  const current = useSession();
  const token = current?.method === 'oidc' ? current.token : null;
  useEffect(() => {
    if (!token || !oidc) return;
    let stop = () => {};
    let cancelled = false;
    void import('./oidc').then(({ keepRenewed, renewOidcToken }) => {
      if (cancelled) return;
      stop = keepRenewed(
        token,
        () => renewOidcToken(oidc),
        (next) => {
          const now = session.get();
          if (now?.token === token) session.set({ ...now, token: next });
        },
      );
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [token, oidc]);
}
