import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { ErrorAlert } from './ErrorAlert';
import { PageHeading } from './PageHeading';

/**
 * A page whose record could not be loaded: it still has its h1 (and tab title), so the user and a
 * screen reader know where they are, and the error says what went wrong, with a retry.
 */
export function PageLoadError({ title, error, onRetry }: { title: string; error: CombinedError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorAlert message={errorMessage(error, t)} onRetry={onRetry} />
    </>
  );
}
