import { Pagination } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/**
 * Paging over a cursor connection (the API's `first`/`after`): previous and next, and the page
 * number, since cursors do not tell how many pages there are.
 */
export function CursorPager({ page, hasNext, onPrevious, onNext, label }: { page: number; hasNext: boolean; onPrevious: () => void; onNext: () => void; label?: string }) {
  const { t } = useTranslation();
  if (page === 1 && !hasNext) return null;
  return (
    <Pagination aria-label={label ?? t('pager.label')}>
      <Pagination.List>
        <Pagination.Item>
          <Pagination.Button aria-label={t('pager.previous')} disabled={page === 1} onClick={onPrevious}>
            {t('pager.previous')}
          </Pagination.Button>
        </Pagination.Item>
        <Pagination.Item>
          <Pagination.Button aria-current="page" aria-label={t('pager.page', { page })}>
            {page}
          </Pagination.Button>
        </Pagination.Item>
        <Pagination.Item>
          <Pagination.Button aria-label={t('pager.next')} disabled={!hasNext} onClick={onNext}>
            {t('pager.next')}
          </Pagination.Button>
        </Pagination.Item>
      </Pagination.List>
    </Pagination>
  );
}
