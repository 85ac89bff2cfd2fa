import '../work/work.css';
import '../purchasing/purchasing.css';
import { Heading, Link as DsLink, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format/format';
import { CeilingForm, clauseText, PriceClauseForm } from '../purchasing/AgreementTermsForms';
import { AgreementCatalogueVersions, PurchasingAgreement } from '../purchasing/queries';
import { ceilingUsedPercent } from '../purchasing/review';
import { useCursorPages } from '../work/cursor-pages';

/** One agreement: its parties, scope, mandatory flag, validity, ceiling with use and headroom, and its catalogue versions to review. */
export function AgreementPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [result, refetch] = useQuery({ query: PurchasingAgreement, variables: { id }, requestPolicy: 'cache-and-network' });
  const a = result.data?.agreement;
  // The mutations answer with the agreement's terms (urql's cache then refetches it); read it again to be sure the figures beside are the server's.
  const saved = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageHeading title={t('purchasing.agreement.title', { reference: a?.reference ?? '…' })}>{t('purchasing.agreement.title', { reference: a?.reference ?? '…' })}</PageHeading>
      <Paragraph>
        <DsLink asChild>
          <Link to="/purchasing/agreements">{t('purchasing.agreement.back')}</Link>
        </DsLink>
      </Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !a && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {a && (
        <>
          <section className="torg-purchasing-section" aria-labelledby="agreement-facts">
            <Heading level={2} data-size="sm" id="agreement-facts">
              {t('purchasing.agreement.facts')}
            </Heading>
            <dl className="torg-work-facts" data-testid="agreement-facts">
              <dt>{t('purchasing.agreement.name')}</dt>
              <dd>{a.title}</dd>
              <dt>{t('purchasing.agreement.supplier')}</dt>
              <dd>
                {a.supplier.name} ({t('purchasing.agreement.orgNumber', { number: a.supplier.orgNumber })})
              </dd>
              <dt>{t('purchasing.agreement.validity')}</dt>
              <dd>
                {t('purchasing.agreements.period', { from: formatDate(a.validFrom), to: formatDate(a.validTo) })}{' '}
                <Tag data-size="sm" data-color={a.inForce ? 'success' : 'neutral'}>
                  {t(a.inForce ? 'purchasing.agreements.inForce' : 'purchasing.agreements.notInForce')}
                </Tag>
              </dd>
              <dt>{t('purchasing.agreement.mandatory')}</dt>
              <dd>{t(a.mandatory ? 'purchasing.agreement.mandatoryYes' : 'purchasing.agreement.mandatoryNo')}</dd>
              <dt>{t('purchasing.agreement.participants')}</dt>
              <dd>
                <ul className="torg-purchasing-list" data-testid="participants">
                  {a.participants.map((p) => (
                    <li key={p.id}>
                      {p.name} ({t('purchasing.agreement.orgNumber', { number: p.orgNumber })})
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('purchasing.agreement.scope')}</dt>
              <dd>
                <ul className="torg-purchasing-list" data-testid="scope">
                  {a.scope.map((s) => (
                    <li key={s.code}>
                      {s.code} {s.title}
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>
          <section className="torg-purchasing-section" aria-labelledby="agreement-ceiling">
            <Heading level={2} data-size="sm" id="agreement-ceiling">
              {t('purchasing.agreement.ceilingHeading')}
            </Heading>
            <dl className="torg-work-facts" data-testid="ceiling">
              <dt>{t('purchasing.agreement.ceiling')}</dt>
              <dd>{a.valueCeiling != null ? formatMoney(a.valueCeiling, a.currency) : t('purchasing.agreement.noCeiling')}</dd>
              <dt>{t('purchasing.agreement.committed')}</dt>
              <dd>{formatMoney(a.committed, a.currency)}</dd>
              <dt>{t('purchasing.agreement.invoiced')}</dt>
              <dd>{formatMoney(a.invoiced, a.currency)}</dd>
              {a.valueCeiling != null && (
                <>
                  <dt>{t('purchasing.agreement.headroom')}</dt>
                  <dd>{a.remainingHeadroom != null ? formatMoney(a.remainingHeadroom, a.currency) : '–'}</dd>
                  <dt>{t('purchasing.agreement.used')}</dt>
                  <dd>{`${formatNumber(ceilingUsedPercent(a.valueCeiling, a.committed) ?? 0)} %`}</dd>
                </>
              )}
            </dl>
            <CeilingForm key={`ceiling-${a.valueCeiling ?? ''}`} agreement={a} onSaved={saved} />
          </section>
          <section className="torg-purchasing-section" aria-labelledby="agreement-clause">
            <Heading level={2} data-size="sm" id="agreement-clause">
              {t('purchasing.terms.clause')}
            </Heading>
            <Paragraph data-testid="price-clause-text">{a.priceClause ? clauseText(a.priceClause, t) : t('purchasing.terms.noClause')}</Paragraph>
            <PriceClauseForm key={`clause-${a.priceClause?.updatedAt ?? ''}`} agreementId={a.id} clause={a.priceClause} onSaved={saved} />
          </section>
          <CatalogueVersions agreementId={a.id} />
        </>
      )}
    </>
  );
}

function CatalogueVersions({ agreementId }: { agreementId: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: AgreementCatalogueVersions, variables: { agreementId, after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = result.data?.catalogueVersions;
  return (
    <section className="torg-purchasing-section" aria-labelledby="agreement-versions">
      <Heading level={2} data-size="sm" id="agreement-versions">
        {t('purchasing.agreement.versions')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {connection && connection.totalCount === 0 && <Paragraph>{t('purchasing.agreement.noVersions')}</Paragraph>}
      {connection && connection.edges.length > 0 && (
        <Table data-size="sm" data-testid="catalogue-versions">
          <caption className="torg-visually-hidden">{t('purchasing.agreement.versionsCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('purchasing.agreement.versionNo')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreement.reviewStatus')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreement.file')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('purchasing.agreement.items')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.agreement.created')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {connection.edges.map(({ node: v }) => (
              <Table.Row key={v.id} data-testid={`version-${v.versionNo}`}>
                <Table.Cell>
                  <DsLink asChild>
                    <Link to={`/purchasing/catalogue-versions/${v.id}`}>{t(v.status === 'SUBMITTED' ? 'purchasing.agreement.review' : 'purchasing.agreement.view', { no: v.versionNo })}</Link>
                  </DsLink>
                </Table.Cell>
                <Table.Cell>
                  <Tag data-size="sm" data-color={v.status === 'SUBMITTED' ? 'warning' : v.status === 'PUBLISHED' ? 'success' : v.status === 'REJECTED' ? 'danger' : 'neutral'}>
                    {t(`purchasing.statuses.${v.status}`)}
                  </Tag>
                  {v.rejectionReason && <Paragraph data-size="sm">{t('purchasing.agreement.rejectionReason', { reason: v.rejectionReason })}</Paragraph>}
                </Table.Cell>
                <Table.Cell>{v.fileName ?? '–'}</Table.Cell>
                <Table.Cell className="torg-number">{formatNumber(v.itemCount)}</Table.Cell>
                <Table.Cell>{formatDateTime(v.createdAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <CursorPager
        label={t('purchasing.agreement.versionsPager')}
        page={pages.page}
        hasNext={!!connection?.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection?.pageInfo.endCursor)}
      />
    </section>
  );
}
