import '../work/work.css';
import { Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PagedList } from '../components/PagedList';
import { PageHeading } from '../components/PageHeading';
import { useCursorPages } from '../work/cursor-pages';
import { InvoiceExceptionCard } from '../work/InvoiceExceptionCard';
import { InvoiceExceptionsQuery } from '../work/payables-queries';
import { ApprovedInvoices } from '../payables/ApprovedInvoices';

/** Accounts payable's exception queue, oldest first, ten invoices a page. */
export function PayablesPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: InvoiceExceptionsQuery, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const connection = result.data?.invoiceExceptions;
  return (
    <>
      <PageHeading title={t('work.payables.title')}>{t('work.payables.title')}</PageHeading>
      <Paragraph>{t('work.payables.intro')}</Paragraph>
      <Paragraph data-size="sm">
        {t('work.payables.notAvailable')}{' '}
        <DsLink asChild>
          <Link to="/payables/exports">{t('work.nav.postingExports')}</Link>
        </DsLink>
      </Paragraph>
      <PagedList result={result} connection={connection} onRetry={reload} empty={t('work.payables.empty')} pages={pages} pagerLabel={t('work.payables.pager')}>
        {(conn) => conn.edges.map(({ node }) => <InvoiceExceptionCard key={`${node.id}-${node.version}`} invoice={node} onStale={reload} />)}
      </PagedList>
      <ApprovedInvoices />
    </>
  );
}
