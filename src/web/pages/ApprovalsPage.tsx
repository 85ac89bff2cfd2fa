import '../work/work.css';
import { Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { ApprovalCard } from '../work/ApprovalCard';
import { ApprovalQueueQuery } from '../work/approval-queries';
import { pageOf } from '../work/cursor-pages';

const PAGE_SIZE = 10;

/** The approver's queue: requisitions waiting, oldest first, with the budget left on each cost centre. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [result, refetch] = useQuery({ query: ApprovalQueueQuery, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const queue = result.data?.approvalQueue;
  const centres = new Map(result.data?.costCentres.edges.map((e) => [e.node.id, e.node]));
  // The API gives the queue whole (it is short by nature); it is shown a page at a time.
  const shown = pageOf(queue ?? [], page, PAGE_SIZE);
  return (
    <>
      <PageHeading title={t('work.approvals.title')}>{t('work.approvals.title')}</PageHeading>
      <Paragraph>{t('work.approvals.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={reload} />}
      {result.fetching && !queue && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {queue && queue.length === 0 && <Paragraph>{t('work.approvals.empty')}</Paragraph>}
      {shown.items.map((r) => (
        <ApprovalCard key={`${r.id}-${r.version}`} requisition={r} costCentre={centres.get(r.costCentreId)} onStale={reload} />
      ))}
      <CursorPager label={t('work.approvals.pager')} page={shown.page} hasNext={shown.hasNext} onPrevious={() => setPage(shown.page - 1)} onNext={() => setPage(shown.page + 1)} />
    </>
  );
}
