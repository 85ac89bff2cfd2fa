import { Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatMoney } from '../format/format';
import { graphql } from '../gql';

const PAGE_SIZE = 20;

const SupplierOrders = graphql(`
  query SupplierOrders($first: Int!, $after: String) {
    orders(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
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
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [result, refetch] = useQuery({ query: SupplierOrders, variables: { first: PAGE_SIZE, after }, requestPolicy: 'cache-and-network' });
  const conn = result.data?.orders;
  return (
    <>
      <PageHeading title={t('supplier.orders.title')}>{t('supplier.orders.title')}</PageHeading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!conn && result.fetching && <Paragraph>{t('app.loading')}</Paragraph>}
      {conn && conn.totalCount === 0 && <Paragraph>{t('supplier.orders.none')}</Paragraph>}
      {conn && conn.totalCount > 0 && (
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
      <CursorPager
        page={cursors.length}
        hasNext={!!conn?.pageInfo.hasNextPage}
        onNext={() => conn?.pageInfo.endCursor && setCursors([...cursors, conn.pageInfo.endCursor])}
        onPrevious={() => setCursors(cursors.slice(0, -1))}
      />
    </>
  );
}
