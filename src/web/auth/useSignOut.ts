import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useWebConfig } from '../app/WebConfigContext';
import { session } from './session';

/** Clears the session (and the provider's, for OIDC) and goes to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const config = useWebConfig();
  const navigate = useNavigate();
  return useCallback(async () => {
    const was = session.get();
    if (was?.method === 'oidc' && config.oidc) {
      session.set(null);
      const { oidcSignOut } = await import('./oidc');
      await oidcSignOut(config.oidc);
      return;
    }
    // To the sign-in page first, then clear: a guarded screen would otherwise redirect on its own.
    await navigate('/sign-in', { state: { signedOut: true } });
    session.set(null);
  }, [config, navigate]);
}
