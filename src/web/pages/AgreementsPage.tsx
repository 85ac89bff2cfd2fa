import '../work/work.css';
import '../purchasing/purchasing.css';
import { Link as DsLink, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDate, formatMoney } from '../format/format';
import { PurchasingAgreements } from '../purchasing/queries';
import { useCursorPages } from '../work/cursor-pages';

/** The purchasing unit's agreements, newest first, ten a page; each opens its own page. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: PurchasingAgreements, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = result.data?.agreements;
  return (
    <>
      <PageHeading title={t('purchasing.agreements.title')}>{t('purchasing.agreements.title')}</PageHeading>
      <Paragraph>{t('purchasing.agreements.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !connection && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {connection && connection.totalCount === 0 && <Paragraph>{t('purchasing.agreements.empty')}</Paragraph>}
      {connection && connection.edges.length > 0 && (
        <Table data-size="sm" data-testid="agreements">
          <caption className="torg-visually-hidden">{t('purchasing.agreements.caption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('purchasing.agreements.reference')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreements.agreement')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreements.supplier')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreements.validity')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreements.mandatory')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('purchasing.agreements.ceiling')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('purchasing.agreements.headroom')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {connection.edges.map(({ node: a }) => (
              <Table.Row key={a.id}>
                <Table.Cell>
                  <DsLink asChild>
                    <Link to={`/purchasing/agreements/${a.id}`}>{a.reference}</Link>
                  </DsLink>
                </Table.Cell>
                <Table.Cell>{a.title}</Table.Cell>
                <Table.Cell>{a.supplier.name}</Table.Cell>
                <Table.Cell>
                  {t('purchasing.agreements.period', { from: formatDate(a.validFrom), to: formatDate(a.validTo) })}{' '}
                  <Tag data-size="sm" data-color={a.inForce ? 'success' : 'neutral'}>
                    {t(a.inForce ? 'purchasing.agreements.inForce' : 'purchasing.agreements.notInForce')}
                  </Tag>
                </Table.Cell>
                <Table.Cell>{t(a.mandatory ? 'purchasing.agreements.yes' : 'purchasing.agreements.no')}</Table.Cell>
                <Table.Cell className="torg-number">{a.valueCeiling != null ? formatMoney(a.valueCeiling, a.currency) : t('purchasing.agreements.noCeiling')}</Table.Cell>
                <Table.Cell className="torg-number">{a.remainingHeadroom != null ? formatMoney(a.remainingHeadroom, a.currency) : '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <CursorPager
        label={t('purchasing.agreements.pager')}
        page={pages.page}
        hasNext={!!connection?.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection?.pageInfo.endCursor)}
      />
    </>
  );
}
