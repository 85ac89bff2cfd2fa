import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/useSession';
import { PageHeading } from '../components/PageHeading';

/** Where users land whose roles have no screen (an administrator, whose work is in the API). */
export function HomePage() {
  const { t } = useTranslation();
  const current = useSession()!;
  const title = t('app.homeTitle', { name: current.user.name });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Paragraph>{t('app.homeNoScreens', { roles: current.user.roles.map((r) => t(`roles.${r}`)).join(', ') || '–' })}</Paragraph>
    </>
  );
}
