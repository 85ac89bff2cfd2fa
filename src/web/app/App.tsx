import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { createClient } from '../api/client';
import { useOidcRenewal } from '../auth/useOidcRenewal';
import { useSession } from '../auth/useSession';
import { AnnouncerProvider } from '../components/Announcer';
import { AppRoutes } from './routes';
import type { WebConfig } from './web-config';
import { WebConfigContext } from './WebConfigContext';

/** The whole app: config, GraphQL client (a new one, with an empty cache, per signed-in user), live region, routes. */
export function App({ config }: { config: WebConfig }) {
  // One client per signed-in user (a sign-out in between counts): another user's cached answers
  // never survive a sign-out, and a renewed token (useOidcRenewal) keeps the cache.
  const userId = useSession()?.user.userId;
  const client = useMemo(() => createClient(), [userId]);
  useOidcRenewal(config.oidc);
  return (
    <WebConfigContext.Provider value={config}>
      <Provider value={client}>
        <AnnouncerProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AnnouncerProvider>
      </Provider>
    </WebConfigContext.Provider>
  );
}
