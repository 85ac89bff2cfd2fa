import '../work/work.css';
import '../purchasing/purchasing.css';
import { Alert, Button, Checkbox, Heading, Link as DsLink, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatMoney, formatNumber } from '../format/format';
import type { CatalogueReviewPageQuery } from '../gql/graphql';
import { CatalogueReviewQuery, ExcludedLinesQuery, PublishCatalogue, RejectCatalogue } from '../purchasing/queries';
import { needsOverride, priceChangeText, reasonProblem } from '../purchasing/review';
import { useCursorPages } from '../work/cursor-pages';
import { PriceClauseText } from '../price-clause/PriceClauseText';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

type Review = CatalogueReviewPageQuery['catalogueReview'];

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-page-heading]')?.focus());

/** The review of a submitted catalogue version: what publishing changes, price changes against the clause, and the decision. */
export function CatalogueReviewPage() {
  const { t } = useTranslation();
  const versionId = Number(useParams().id);
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: CatalogueReviewQuery, variables: { versionId, after: pages.after }, requestPolicy: 'cache-and-network' });
  const review = result.data?.catalogueReview;
  const v = review?.version;
  const title = t('purchasing.review.title', { no: v?.versionNo ?? '…' });
  const changes = review?.changes;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {v && (
        <Paragraph>
          <DsLink asChild>
            <Link to={`/purchasing/agreements/${v.agreementId}`}>{t('purchasing.review.back')}</Link>
          </DsLink>
        </Paragraph>
      )}
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !review && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {review && v && (
        <>
          <section className="torg-purchasing-section" aria-labelledby="review-summary">
            <Heading level={2} data-size="sm" id="review-summary">
              {t('purchasing.review.summary')}
            </Heading>
            <Paragraph>{review.current ? t('purchasing.review.against', { no: review.current.versionNo }) : t('purchasing.review.againstNone')}</Paragraph>
            <dl className="torg-purchasing-figures" data-testid="review-summary">
              <Figure label={t('purchasing.review.status')} value={t(`purchasing.statuses.${v.status}`)} />
              <Figure label={t('purchasing.review.added')} value={formatNumber(review.added)} />
              <Figure label={t('purchasing.review.removed')} value={formatNumber(review.removed)} />
              <Figure label={t('purchasing.review.changed')} value={formatNumber(review.changed)} />
              <Figure label={t('purchasing.review.priceChanges')} value={formatNumber(review.priceChanges)} />
              {review.averagePriceChangePercent != null && <Figure label={t('purchasing.review.averagePriceChange')} value={priceChangeText(review.averagePriceChangePercent) || '0 %'} />}
              <Figure label={t('purchasing.review.excluded')} value={formatNumber(review.excludedLineCount)} />
              <Figure label={t('purchasing.review.warnings')} value={formatNumber(review.warningCount)} />
            </dl>
          </section>
          {review.priceClause && (
            <Alert data-color={review.priceClause.flaggedCount > 0 ? 'warning' : 'info'} data-testid="price-clause">
              <Heading level={2} data-size="xs">
                {t('purchasing.review.clauseHeading')}
              </Heading>
              <Paragraph>
                <PriceClauseText agreementId={v.agreementId} allowedPercent={review.priceClause.allowedPercent} fallback={t('purchasing.review.clauseText', { clause: review.priceClause.clause })} />
              </Paragraph>
              <Paragraph>{review.priceClause.flaggedCount > 0 ? t('purchasing.review.flagged', { count: review.priceClause.flaggedCount }) : t('purchasing.review.clauseOk')}</Paragraph>
            </Alert>
          )}
          <section className="torg-purchasing-section" aria-labelledby="review-changes">
            <Heading level={2} data-size="sm" id="review-changes">
              {t('purchasing.review.changesCaption')}
            </Heading>
            {changes && changes.totalCount === 0 && <Paragraph>{t('purchasing.review.noChanges')}</Paragraph>}
            {changes && changes.edges.length > 0 && <ChangesTable changes={changes} />}
            <CursorPager
              label={t('purchasing.review.pager')}
              page={pages.page}
              hasNext={!!changes?.pageInfo.hasNextPage}
              onPrevious={pages.previous}
              onNext={() => pages.next(changes?.pageInfo.endCursor)}
            />
          </section>
          {review.excludedLineCount > 0 && <ExcludedLines versionId={v.id} />}
          <Decision review={review} onDecided={() => refetch({ requestPolicy: 'network-only' })} />
        </>
      )}
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ChangesTable({ changes }: { changes: Review['changes'] }) {
  const { t } = useTranslation();
  return (
    <Table data-size="sm" data-testid="review-changes">
      <caption className="torg-visually-hidden">{t('purchasing.review.changesCaption')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('purchasing.review.item')}</Table.HeaderCell>
          <Table.HeaderCell>{t('purchasing.review.name')}</Table.HeaderCell>
          <Table.HeaderCell>{t('purchasing.review.change')}</Table.HeaderCell>
          <Table.HeaderCell>{t('purchasing.review.fields')}</Table.HeaderCell>
          <Table.HeaderCell className="torg-number">{t('purchasing.review.oldPrice')}</Table.HeaderCell>
          <Table.HeaderCell className="torg-number">{t('purchasing.review.newPrice')}</Table.HeaderCell>
          <Table.HeaderCell className="torg-number">{t('purchasing.review.priceChange')}</Table.HeaderCell>
          <Table.HeaderCell>{t('purchasing.review.clauseFlag')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {changes.edges.map(({ node: c }) => (
          <Table.Row key={`${c.change}-${c.sellerItemId}`} data-testid={`change-${c.sellerItemId}`}>
            <Table.Cell>{c.sellerItemId}</Table.Cell>
            <Table.Cell>{c.name ?? '–'}</Table.Cell>
            <Table.Cell>{t(`purchasing.review.changes.${c.change}`, { defaultValue: c.change })}</Table.Cell>
            <Table.Cell>{c.changedFields.map((f) => t(`purchasing.review.fieldNames.${f}`, { defaultValue: f })).join(', ') || '–'}</Table.Cell>
            <Table.Cell className="torg-number">{c.oldPrice != null ? formatMoney(c.oldPrice) : '–'}</Table.Cell>
            <Table.Cell className="torg-number">{c.newPrice != null ? formatMoney(c.newPrice) : '–'}</Table.Cell>
            <Table.Cell className="torg-number">{priceChangeText(c.priceChangePercent) || '–'}</Table.Cell>
            <Table.Cell>
              {c.beyondPriceClause ? (
                <span className="torg-flag">
                  {t('purchasing.review.beyondClause', {
                    increase: formatNumber(c.beyondPriceClause.increaseFromBasePercent),
                    allowed: formatNumber(c.beyondPriceClause.allowedPercent),
                    max: formatMoney(c.beyondPriceClause.maxPrice),
                  })}
                </span>
              ) : (
                '–'
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function ExcludedLines({ versionId }: { versionId: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result] = useQuery({ query: ExcludedLinesQuery, variables: { id: versionId, after: pages.after } });
  const lines = result.data?.catalogueVersion.excludedLines;
  return (
    <section className="torg-purchasing-section" aria-labelledby="review-excluded">
      <Heading level={2} data-size="sm" id="review-excluded">
        {t('purchasing.review.excludedCaption')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} />}
      {lines && (
        <Table data-size="sm" data-testid="excluded-lines">
          <caption className="torg-visually-hidden">{t('purchasing.review.excludedCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('purchasing.review.excludedLine')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.review.excludedField')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.review.excludedValue')}</Table.HeaderCell>
              <Table.HeaderCell>{t('purchasing.review.excludedReason')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {lines.edges.map(({ node: l }, i) => (
              <Table.Row key={`${l.location}-${i}`}>
                <Table.Cell>{l.line ?? l.location}</Table.Cell>
                <Table.Cell>{l.field ?? '–'}</Table.Cell>
                <Table.Cell>{l.value ?? '–'}</Table.Cell>
                <Table.Cell>{l.reason}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <CursorPager
        label={t('purchasing.review.excludedPager')}
        page={pages.page}
        hasNext={!!lines?.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(lines?.pageInfo.endCursor)}
      />
    </section>
  );
}

/**
 * Publish (with the price-clause override and its reason when increases go beyond the clause) or
 * reject with a reason. What was typed stays on any refusal; the union's error says what to do.
 */
function Decision({ review, onDecided }: { review: Review; onDecided: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const v = review.version;
  const [publishing, publish] = useMutation(PublishCatalogue);
  const [rejecting, reject] = useMutation(RejectCatalogue);
  const [override, setOverride] = useState(false);
  // The reasons as typed outlive an expired sign-in (useKeptDraft), per catalogue version.
  const [overrideReason, setOverrideReason] = useKeptDraft(`review-override:${v.id}`, '');
  const [rejectReason, setRejectReason] = useKeptDraft(`review-reject:${v.id}`, '');
  const clearReasons = () => {
    setOverrideReason('');
    setRejectReason('');
  };
  const [overrideError, setOverrideError] = useState<string>();
  const [rejectError, setRejectError] = useState<string>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [clauseRefused, setClauseRefused] = useState(false);
  const busy = publishing.fetching || rejecting.fetching;
  const overrideNeeded = needsOverride(review) || clauseRefused;

  if (v.status !== 'SUBMITTED') {
    return (
      <section className="torg-purchasing-section" aria-labelledby="review-decision">
        <Heading level={2} data-size="sm" id="review-decision">
          {t('purchasing.review.decision')}
        </Heading>
        <Paragraph data-testid="review-decided">
          {t('purchasing.review.notSubmitted', { status: t(`purchasing.statuses.${v.status}`).toLowerCase() })}
          {v.rejectionReason && ` ${t('purchasing.agreement.rejectionReason', { reason: v.rejectionReason })}`}
        </Paragraph>
        {v.submittedAt && <Paragraph data-size="sm">{formatDateTime(v.submittedAt)}</Paragraph>}
      </section>
    );
  }

  const onPublish = async () => {
    setRefusal(null);
    setRejectError(undefined);
    if (overrideNeeded && !override) {
      setOverrideError(t('purchasing.review.overrideRequired'));
      return;
    }
    if (override && reasonProblem(overrideReason)) {
      setOverrideError(t('purchasing.review.overrideMissing'));
      return;
    }
    setOverrideError(undefined);
    const r = (await publish({ versionId: v.id, override: override ? { reason: overrideReason.trim() } : null })).data?.publishCatalogueVersion;
    if (!r) return; // a failed request: its error is shown, and what was typed stays
    if (r.__typename === 'CatalogueVersion') {
      clearReasons();
      announce(t('purchasing.review.published', { no: v.versionNo }));
      focusHeading();
      onDecided();
      return;
    }
    if (r.__typename === 'PriceIncreasesBeyondClauseError') {
      setClauseRefused(true);
      setRefusal(t('purchasing.review.beyondClauseError', { count: r.flaggedCount, clause: r.clause }));
    } else if (r.__typename === 'CatalogueStateError') setRefusal(t('purchasing.review.stateError', { status: t(`purchasing.statuses.${r.status}`).toLowerCase() }));
    else if (r.__typename === 'CatalogueVersionOutdatedError') setRefusal(t('purchasing.review.outdated', { no: r.publishedVersionNo }));
  };

  const onReject = async () => {
    setRefusal(null);
    setOverrideError(undefined);
    if (reasonProblem(rejectReason)) {
      setRejectError(t('purchasing.review.rejectMissing'));
      return;
    }
    setRejectError(undefined);
    const r = (await reject({ input: { versionId: v.id, reason: rejectReason.trim() } })).data?.rejectCatalogueVersion;
    if (!r) return;
    if (r.__typename === 'CatalogueVersion') {
      clearReasons();
      announce(t('purchasing.review.rejected', { no: v.versionNo }));
      focusHeading();
      onDecided();
      return;
    }
    if (r.__typename === 'CatalogueStateError') setRefusal(t('purchasing.review.stateError', { status: t(`purchasing.statuses.${r.status}`).toLowerCase() }));
    else setRefusal(refusalText(r, t));
  };

  return (
    <section className="torg-purchasing-section torg-work-form" aria-labelledby="review-decision">
      <Heading level={2} data-size="sm" id="review-decision">
        {t('purchasing.review.decision')}
      </Heading>
      {refusal && <ErrorAlert message={refusal} />}
      {publishing.error && <ErrorAlert message={errorMessage(publishing.error, t)} />}
      {rejecting.error && <ErrorAlert message={errorMessage(rejecting.error, t)} />}
      {overrideNeeded && (
        <>
          <Checkbox id="review-override" label={t('purchasing.review.override')} checked={override} onChange={(e) => setOverride(e.target.checked)} error={!override ? overrideError : undefined} />
          {override && (
            <Textfield
              id="review-override-reason"
              label={t('purchasing.review.overrideReason')}
              description={t('purchasing.review.overrideHint')}
              multiline
              rows={2}
              maxLength={1000}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              error={overrideError}
            />
          )}
        </>
      )}
      <div className="torg-actions">
        <Button loading={publishing.fetching} disabled={busy} onClick={() => void onPublish()}>
          {publishing.fetching ? t('purchasing.review.publishing') : t('purchasing.review.publish')}
        </Button>
      </div>
      <Textfield
        id="review-reject-reason"
        label={t('purchasing.review.rejectReason')}
        description={t('purchasing.review.rejectHint')}
        multiline
        rows={3}
        maxLength={2000}
        value={rejectReason}
        onChange={(e) => setRejectReason(e.target.value)}
        error={rejectError}
      />
      <div className="torg-actions">
        <Button variant="secondary" loading={rejecting.fetching} disabled={busy} onClick={() => void onReject()}>
          {rejecting.fetching ? t('purchasing.review.rejecting') : t('purchasing.review.reject')}
        </Button>
      </div>
    </section>
  );
}
