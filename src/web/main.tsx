// Designsystemet's theme sets Inter; Torg serves the font itself (no font CDN).
import '@fontsource-variable/inter';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-css/theme';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadWebConfig } from './app/web-config';
import i18n, { languageReady } from './i18n/i18n';

const root = createRoot(document.getElementById('root')!);
Promise.all([loadWebConfig(), languageReady])
  .then(async ([config]) => {
    // In the hidden iframe of an OIDC silent renewal: hand the answer to the app, show nothing.
    if (config.oidc && window.location.pathname === '/auth/silent') {
      const { completeSilentRenew } = await import('./auth/oidc');
      return completeSilentRenew(config.oidc);
    }
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  })
  .catch((e: Error) => {
    root.render(
      <main id="main" className="torg-main">
        <h1>{i18n.t('errors.title')}</h1>
        <p role="alert">
          {i18n.t('errors.network')} ({e.message})
        </p>
      </main>,
    );
  });
