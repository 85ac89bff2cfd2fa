import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { useWebConfig } from '../app/WebConfigContext';
import { MeQuery } from '../auth/me';
import { session } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { startPathFor } from '../layout/navigation';

/** Where the OIDC provider sends the browser back: exchange the code, learn who it is, go on. */
export function AuthCallbackPage() {
  const { t } = useTranslation();
  const config = useWebConfig();
  const client = useClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !config.oidc) return;
    started.current = true;
    void (async () => {
      try {
        const { completeOidcSignIn } = await import('../auth/oidc');
        const { accessToken, returnTo } = await completeOidcSignIn(config.oidc!);
        const me = await client.query(MeQuery, {}, { fetchOptions: { headers: { authorization: `Bearer ${accessToken}` } }, requestPolicy: 'network-only' }).toPromise();
        if (!me.data) throw new Error(me.error?.message ?? 'no user');
        const u = me.data.me;
        session.set({ token: accessToken, method: 'oidc', user: { userId: u.userId, email: u.email, name: u.name, roles: u.roles, organisation: u.organisation } });
        await navigate(returnTo !== '/' ? returnTo : startPathFor(u.roles), { replace: true });
      } catch (e) {
        setError(t('signIn.callbackFailed', { message: (e as Error).message }));
      }
    })();
  }, [config, client, navigate, t]);
  return (
    <div className="torg-narrow">
      <PageHeading title={t('signIn.callbackTitle')}>{t('signIn.callbackTitle')}</PageHeading>
      {error && <ErrorAlert message={error} />}
    </div>
  );
}
