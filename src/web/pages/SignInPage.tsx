import { Alert, Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useWebConfig } from '../app/WebConfigContext';
import { session } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { graphql } from '../gql';
import { startPathFor } from '../layout/navigation';

const DevUsers = graphql(`
  query DevUsers {
    devUsers {
      email
      name
      organisationId
      organisationName
      roles
    }
  }
`);

const DevLogin = graphql(`
  mutation DevLogin($email: String!, $organisationId: Int) {
    devLogin(email: $email, organisationId: $organisationId) {
      token
      me {
        userId
        email
        name
        roles
        organisation {
          id
          name
        }
      }
    }
  }
`);

interface SignInState {
  returnTo?: string;
  signedOut?: boolean;
}

/** Sign-in: the demo users outside production (devLogin), the OIDC provider in production. */
export function SignInPage() {
  const { t } = useTranslation();
  const config = useWebConfig();
  const state = (useLocation().state ?? {}) as SignInState;
  return (
    <div className="torg-narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      {session.expired() && !state.signedOut && (
        <Alert data-color="warning" role="alert" data-testid="session-expired">
          {t(state.returnTo && state.returnTo !== '/' ? 'extra.session.expiredReturn' : 'extra.session.expired')}
        </Alert>
      )}
      {state.signedOut && (
        <Alert data-color="success" role="status">
          {t('signIn.signedOut')}
        </Alert>
      )}
      {config.devLogin ? <DevSignIn returnTo={state.returnTo} /> : config.oidc ? <OidcSignIn returnTo={state.returnTo} /> : <ErrorAlert message={t('signIn.noMethod')} />}
    </div>
  );
}

function OidcSignIn({ returnTo }: { returnTo?: string }) {
  const { t } = useTranslation();
  const config = useWebConfig();
  const [error, setError] = useState<string | null>(null);
  const signIn = async () => {
    try {
      const { startOidcSignIn } = await import('../auth/oidc');
      await startOidcSignIn(config.oidc!, returnTo ?? '/');
    } catch (e) {
      setError(t('signIn.callbackFailed', { message: (e as Error).message }));
    }
  };
  return (
    <>
      <Paragraph>{t('signIn.oidcIntro')}</Paragraph>
      {error && <ErrorAlert message={error} />}
      <Button onClick={() => void signIn()}>{t('signIn.oidcButton')}</Button>
    </>
  );
}

function DevSignIn({ returnTo }: { returnTo?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [users, refetch] = useQuery({ query: DevUsers });
  const [login, devLogin] = useMutation(DevLogin);
  const signIn = async (email: string, organisationId: number) => {
    const result = await devLogin({ email, organisationId });
    const payload = result.data?.devLogin;
    if (!payload) return;
    const { me, token } = payload;
    session.set({ token, method: 'dev', user: { userId: me.userId, email: me.email, name: me.name, roles: me.roles, organisation: me.organisation } });
    await navigate(returnTo && returnTo !== '/sign-in' ? returnTo : startPathFor(me.roles), { replace: true });
  };
  const byOrganisation = new Map<string, NonNullable<typeof users.data>['devUsers']>();
  for (const u of users.data?.devUsers ?? []) byOrganisation.set(u.organisationName, [...(byOrganisation.get(u.organisationName) ?? []), u]);
  return (
    <>
      <Paragraph>{t('signIn.devIntro')}</Paragraph>
      {users.error && <ErrorAlert message={errorMessage(users.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {login.error && <ErrorAlert message={errorMessage(login.error, t)} />}
      {users.fetching && <Paragraph>{t('app.loading')}</Paragraph>}
      <section aria-label={t('signIn.devListLabel')}>
        {[...byOrganisation].map(([organisation, members]) => (
          <section key={organisation} className="torg-signin-org">
            <Heading level={2} data-size="sm">
              {organisation}
            </Heading>
            <ul className="torg-plain-list torg-signin-users">
              {members.map((u) => (
                <li key={`${u.email}-${u.organisationId}`}>
                  <Card data-color="neutral" className="torg-signin-card">
                    <Paragraph>
                      <strong>{u.name}</strong> · {u.email}
                    </Paragraph>
                    <Paragraph data-size="sm">{u.roles.length ? u.roles.map((r) => t(`roles.${r}`)).join(', ') : t('signIn.rolesNone')}</Paragraph>
                    <Button data-size="sm" variant="secondary" onClick={() => void signIn(u.email, u.organisationId)} disabled={login.fetching}>
                      {t('signIn.signInAs', { name: u.name })}
                    </Button>
                  </Card>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}
