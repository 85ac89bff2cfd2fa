import { Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('app.notFoundTitle')}>{t('app.notFoundTitle')}</PageHeading>
      <Paragraph>{t('app.notFoundText')}</Paragraph>
      <DsLink asChild>
        <Link to="/">{t('app.toFrontPage')}</Link>
      </DsLink>
    </>
  );
}
