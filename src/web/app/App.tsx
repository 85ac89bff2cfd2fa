import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { createClient } from '../api/client';
import { useSession } from '../auth/useSession';
import { AnnouncerProvider } from '../components/Announcer';
import { AppRoutes } from './routes';
import type { WebConfig } from './web-config';
import { WebConfigContext } from './WebConfigContext';

/** The whole app: config, GraphQL client (a new one, with an empty cache, per session), live region, routes. */
export function App({ config }: { config: WebConfig }) {
  // One client per signed-in token: another user's cached answers never survive a sign-out.
  const token = useSession()?.token;
  const client = useMemo(() => createClient(), [token]);
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
