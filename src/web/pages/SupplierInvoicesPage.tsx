import { Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PagedList } from '../components/PagedList';
import { PageHeading } from '../components/PageHeading';
import { formatDate, formatMoney } from '../format/format';
import { graphql } from '../gql';
import { invoiceStatusColor } from '../supplier/invoice-status';
import { useCursorPages } from '../work/cursor-pages';

const PAGE_SIZE = 20;

const SupplierInvoices = graphql(`
  query SupplierInvoices($first: Int!, $after: String) {
    invoices(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          number
          kind
          status
          orderReference
          issueDate
          dueDate
          payableAmount
          currency
          responseCode
        }
      }
    }
  }
`);

/** The supplier's invoices, newest first, a page at a time, with their status and the buyer's last answer. */
export function SupplierInvoicesPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: SupplierInvoices, variables: { first: PAGE_SIZE, after: pages.after }, requestPolicy: 'cache-and-network' });
  return (
    <>
      <PageHeading title={t('supplierPortal.invoices.title')}>{t('supplierPortal.invoices.title')}</PageHeading>
      <Paragraph>{t('supplierPortal.invoices.intro')}</Paragraph>
      <PagedList
        result={result}
        connection={result.data?.invoices}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
        empty={t('supplierPortal.invoices.none')}
        pages={pages}
        pagerLabel={t('supplierPortal.invoices.pager')}
      >
        {(conn) => (
          <Table data-size="sm" data-testid="supplier-invoices">
            <caption>{t('supplierPortal.invoices.caption', { count: conn.totalCount })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('supplierPortal.invoices.number')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplierPortal.invoices.order')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplierPortal.invoices.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplierPortal.invoices.response')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('supplierPortal.invoices.amount')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplierPortal.invoices.issued')}</Table.HeaderCell>
                <Table.HeaderCell>{t('supplierPortal.invoices.due')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {conn.edges.map(({ node: i }) => (
                <Table.Row key={i.id}>
                  <Table.Cell>
                    <Link to={`/supplier/invoices/${i.id}`}>{i.number}</Link>
                  </Table.Cell>
                  <Table.Cell>{i.orderReference ?? '–'}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={invoiceStatusColor(i.status)}>{t(`supplierPortal.invoices.statuses.${i.status}`)}</Tag>
                  </Table.Cell>
                  <Table.Cell>{i.responseCode ? t(`supplierPortal.invoiceDetail.codes.${i.responseCode}`, { defaultValue: i.responseCode }) : '–'}</Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(i.payableAmount, i.currency)}</Table.Cell>
                  <Table.Cell>{formatDate(i.issueDate)}</Table.Cell>
                  <Table.Cell>{i.dueDate ? formatDate(i.dueDate) : '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedList>
    </>
  );
}
