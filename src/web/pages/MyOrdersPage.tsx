import '../work/work.css';
import { Link as DsLink, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PagedList } from '../components/PagedList';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatMoney } from '../format/format';
import { useCursorPages } from '../work/cursor-pages';
import { SupplierLabel } from '../work/SupplierLabel';
import { MyOrdersQuery } from '../work/order-queries';

/** The requester's requisitions and orders, newest first, 20 a page; each opens its own page. */
export function MyOrdersPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: MyOrdersQuery, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = result.data?.orders;
  return (
    <>
      <PageHeading title={t('work.orders.title')}>{t('work.orders.title')}</PageHeading>
      <Paragraph>{t('work.orders.intro')}</Paragraph>
      <PagedList result={result} connection={connection} onRetry={() => refetch({ requestPolicy: 'network-only' })} empty={t('work.orders.empty')} pages={pages} pagerLabel={t('work.orders.pager')}>
        {(conn) => (
          <Table data-size="sm" data-testid="my-orders">
            <caption className="torg-visually-hidden">{t('work.orders.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('work.orders.requisition')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.orders.number')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.orders.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.orders.supplier')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('work.orders.amount')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.orders.submittedAt')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {conn.edges.map(({ node: o }) => (
                <Table.Row key={o.id}>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link to={`/my-orders/${o.id}`}>{o.requisitionNumber}</Link>
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>{o.number ?? '–'}</Table.Cell>
                  <Table.Cell>{t(`requisition.statuses.${o.status}`)}</Table.Cell>
                  <Table.Cell>
                    <SupplierLabel supplierId={o.supplierId} supplierName={o.supplierName} />
                  </Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(o.taxInclusiveAmount, o.currency)}</Table.Cell>
                  <Table.Cell>{formatDateTime(o.submittedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedList>
    </>
  );
}
