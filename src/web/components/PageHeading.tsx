import { Heading } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1: it names the page in the tab title, and focus moves to it on route changes
 * (RouteFocus), so a screen reader says where the user arrived.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <Heading level={1} data-size="lg" tabIndex={-1} data-page-heading className="torg-page-heading">
      {children}
    </Heading>
  );
}
