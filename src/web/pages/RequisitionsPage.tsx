import { Button, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatMoney } from '../format/format';
import { graphql } from '../gql';

const RequisitionQuery = graphql(`
  query Requisition($id: Int!) {
    order(id: $id) {
      id
      requisitionNumber
      status
      supplierName
      taxInclusiveAmount
      currency
      submittedAt
    }
  }
`);

function RequisitionRow({ id }: { id: number }) {
  const { t } = useTranslation();
  const [result] = useQuery({ query: RequisitionQuery, variables: { id } });
  const order = result.data?.order;
  if (result.error)
    return (
      <Table.Row>
        <Table.Cell colSpan={5}>{errorMessage(result.error, t)}</Table.Cell>
      </Table.Row>
    );
  if (!order) return null;
  return (
    <Table.Row>
      <Table.Cell>{order.requisitionNumber}</Table.Cell>
      <Table.Cell>{t(`requisition.statuses.${order.status}`)}</Table.Cell>
      <Table.Cell>{order.supplierName ?? '–'}</Table.Cell>
      <Table.Cell className="torg-number">{formatMoney(order.taxInclusiveAmount, order.currency)}</Table.Cell>
      <Table.Cell>{formatDateTime(order.submittedAt)}</Table.Cell>
    </Table.Row>
  );
}

/** What was just submitted: one requisition per supplier, with number and status. */
export function RequisitionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const [first] = useQuery({ query: RequisitionQuery, variables: { id: ids[0] ?? 0 }, pause: ids.length !== 1 });
  const title = ids.length === 1 ? t('requisition.title', { number: first.data?.order.requisitionNumber ?? '' }) : t('requisition.titleMany');
  if (ids.length === 1 && first.fetching && !first.data) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {first.error && <ErrorAlert message={errorMessage(first.error, t)} />}
      <Paragraph>{t('requisition.intro')}</Paragraph>
      <Table data-size="sm">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('requisition.number')}</Table.HeaderCell>
            <Table.HeaderCell>{t('requisition.status')}</Table.HeaderCell>
            <Table.HeaderCell>{t('requisition.supplier')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('requisition.amount')}</Table.HeaderCell>
            <Table.HeaderCell>{t('requisition.submittedAt')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {ids.map((id) => (
            <RequisitionRow key={id} id={id} />
          ))}
        </Table.Body>
      </Table>
      <Button variant="secondary" onClick={() => void navigate('/search')}>
        {t('requisition.newSearch')}
      </Button>
    </>
  );
}
