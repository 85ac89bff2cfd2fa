import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PagedList } from '../components/PagedList';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatMoney } from '../format/format';
import { graphql } from '../gql';
import { useCursorPages } from '../work/cursor-pages';

const PAGE_SIZE = 20;

const SupplierOrders = graphql(`
  query SupplierOrders($first: Int!, $after: String) {
    orders(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          number
          status
          taxInclusiveAmount
          currency
          sentAt
          submittedAt
        }
      }
    }
  }
`);

/** Orders sent to the supplier, newest first, a page at a time (cursors kept to go back). */
export function SupplierOrdersPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: SupplierOrders, variables: { first: PAGE_SIZE, after: pages.after }, requestPolicy: 'cache-and-network' });
  return (
    <>
      <PageHeading title={t('supplier.orders.title')}>{t('supplier.orders.title')}</PageHeading>
      <PagedList result={result} connection={result.data?.orders} onRetry={() => refetch({ requestPolicy: 'network-only' })} empty={t('supplier.orders.none')} pages={pages}>
        {(conn) => (
          <Table data-size="sm" data-testid="supplier-orders">
            <caption>{t('supplier.orders.count', { count: conn.totalCount })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('supplier.orders.number')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplier.orders.status')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('supplier.orders.amount')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplier.orders.sentAt')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {conn.edges.map(({ node: o }) => (
                <Table.Row key={o.id}>
                  <Table.Cell>
                    <Link to={`/supplier/orders/${o.id}`}>{o.number ?? `#${o.id}`}</Link>
                  </Table.Cell>
                  <Table.Cell>{t(`requisition.statuses.${o.status}`)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(o.taxInclusiveAmount, o.currency)}</Table.Cell>
                  <Table.Cell>{formatDateTime(o.sentAt ?? o.submittedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedList>
    </>
  );
}
