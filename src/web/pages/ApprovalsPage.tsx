import '../work/work.css';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { PagedList } from '../components/PagedList';
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
      <PagedList result={result} connection={queue} onRetry={reload} empty={t('work.approvals.empty')} pages={pages} pagerLabel={t('work.approvals.pager')}>
        {(conn) => conn.edges.map(({ node: r }) => <ApprovalCard key={`${r.id}-${r.version}`} requisition={r} costCentre={centres.get(r.costCentreId)} onStale={reload} />)}
      </PagedList>
    </>
  );
}
