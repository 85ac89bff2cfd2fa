import { Button, Field, Label, Link as DsLink, Paragraph, Select, SkipLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/useSession';
import { graphql } from '../gql';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { navigationFor } from './navigation';
import { RouteFocus } from './RouteFocus';
import { useSignOut } from '../auth/useSignOut';

const CartCount = graphql(`
  query CartCount {
    cart {
      id
      lines {
        id
      }
    }
  }
`);

/** The frame of every signed-in screen: skip link, header with the menu by role, language, sign-out, and the page. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const current = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const roles = current?.user.roles ?? [];
  const requester = roles.includes('REQUESTER');
  const [cart] = useQuery({ query: CartCount, pause: !requester });
  const cartLines = cart.data?.cart.lines.length ?? 0;
  return (
    <>
      <SkipLink href="#main">{t('app.skipToMain')}</SkipLink>
      <RouteFocus />
      <header className="torg-header">
        <div className="torg-header-row">
          <DsLink
            href="/"
            className="torg-brand"
            onClick={(e) => {
              e.preventDefault();
              void navigate('/');
            }}
          >
            {t('app.name')}
          </DsLink>
          <nav aria-label={t('app.mainNav')}>
            <ul className="torg-nav">
              {navigationFor(roles).map((entry) => (
                <li key={entry.path}>
                  <NavLink to={entry.path} className="torg-nav-link">
                    {entry.path === '/cart' && cartLines > 0 ? t('nav.cartCount', { count: cartLines }) : t(entry.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="torg-header-tools">
            <Field data-size="sm" className="torg-language">
              <Label>{t('app.language')}</Label>
              <Select value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
                {LANGUAGES.map((lng) => (
                  <Select.Option key={lng} value={lng} lang={lng}>
                    {t(`app.languageName.${lng}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            {current && (
              <>
                <Paragraph data-size="sm">{t('app.signedInAs', { name: current.user.name, organisation: current.user.organisation.name })}</Paragraph>
                <Button variant="secondary" data-size="sm" onClick={() => void signOut()}>
                  {t('app.signOut')}
                </Button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="torg-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
