import '../work/work.css';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { ApprovalCard } from '../work/ApprovalCard';
import { ApprovalQueueQuery } from '../work/approval-queries';
import { useCursorPages } from '../work/cursor-pages';

/** The approver's queue: requisitions waiting, oldest first, with the budget left on each cost centre. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: ApprovalQueueQuery, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const queue = result.data?.pendingApprovals;
  const centres = new Map(result.data?.costCentres.edges.map((e) => [e.node.id, e.node]));
  return (
    <>
      <PageHeading title={t('work.approvals.title')}>{t('work.approvals.title')}</PageHeading>
      <Paragraph>{t('work.approvals.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={reload} />}
      {result.fetching && !queue && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {queue && queue.totalCount === 0 && <Paragraph>{t('work.approvals.empty')}</Paragraph>}
      {queue?.edges.map(({ node: r }) => (
        <ApprovalCard key={`${r.id}-${r.version}`} requisition={r} costCentre={centres.get(r.costCentreId)} onStale={reload} />
      ))}
      <CursorPager label={t('work.approvals.pager')} page={pages.page} hasNext={!!queue?.pageInfo.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(queue?.pageInfo.endCursor)} />
    </>
  );
}
