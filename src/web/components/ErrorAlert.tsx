import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/**
 * An error the user must read: role="alert" announces it at once (screen readers), and it says
 * what to do; with `onRetry` it offers to try again.
 */
export function ErrorAlert({ message, onRetry, title }: { message: string; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="danger" role="alert" className="torg-alert">
      <Heading level={2} data-size="xs">
        {title ?? t('errors.title')}
      </Heading>
      <Paragraph>{message}</Paragraph>
      {onRetry && (
        <Button variant="secondary" data-size="sm" onClick={onRetry}>
          {t('errors.retry')}
        </Button>
      )}
    </Alert>
  );
}
