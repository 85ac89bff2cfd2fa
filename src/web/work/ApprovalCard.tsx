import { Button, Card, Details, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime, formatMoney, formatNumber } from '../format/format';
import type { ApprovalQueueQuery } from '../gql/graphql';
import { ApproveRequisition, RejectRequisition } from './approval-queries';
import { budgetFor } from './budget';
import { SupplierLabel } from './SupplierLabel';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

type Requisition = ApprovalQueueQuery['pendingApprovals']['edges'][number]['node'];
type CostCentre = ApprovalQueueQuery['costCentres']['edges'][number]['node'];

/** After a decision the card goes away: focus goes to the page heading, not to nowhere. */
const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-page-heading]')?.focus());

/** One requisition waiting: amount against the cost centre's budget, its lines, and approve or reject with a comment (over budget: with a reason). */
export function ApprovalCard({ requisition: r, costCentre, onStale }: { requisition: Requisition; costCentre?: CostCentre; onStale: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [approving, approve] = useMutation(ApproveRequisition);
  const [rejecting, reject] = useMutation(RejectRequisition);
  // Typed text outlives an expired sign-in (useKeptDraft), per requisition.
  const [comment, setComment] = useKeptDraft(`approval-comment:${r.id}`, '');
  const [commentError, setCommentError] = useState<string>();
  const [override, setOverride] = useState<string | null>(null); // the over-budget explanation once the server refused
  const [overrideReason, setOverrideReason] = useKeptDraft(`approval-override:${r.id}`, '');
  const [overrideError, setOverrideError] = useState<string>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const budget = costCentre ? budgetFor(costCentre.budgets, r.budgetYear, r.lineExtensionAmount) : null;
  const busy = approving.fetching || rejecting.fetching;
  const id = `req-${r.id}`;

  const decided = (number: string, key: 'approved' | 'rejected') => {
    setComment('');
    setOverrideReason('');
    announce(t(`work.approvals.${key}`, { number }));
    focusHeading();
  };

  const doApprove = async (withOverride: boolean) => {
    setRefusal(null);
    if (withOverride && overrideReason.trim().length < 3) {
      setOverrideError(t('work.approvals.overrideReasonMissing'));
      return;
    }
    setOverrideError(undefined);
    const res = await approve({
      input: { orderId: r.id, expectedVersion: r.version, comment: comment.trim() || undefined, budgetOverrideReason: withOverride ? overrideReason.trim() : undefined },
    });
    const a = res.data?.approveRequisition;
    if (!a) return; // failed request: approving.error tells; typed text is kept
    switch (a.__typename) {
      case 'Order':
        return decided(a.requisitionNumber, 'approved');
      case 'BudgetExceededError':
        setOverride(
          t('work.approvals.overBudgetText', { code: a.costCentreCode, remaining: formatMoney(a.remaining, a.currency), year: String(a.year), requested: formatMoney(a.requested, a.currency) }),
        );
        return;
      case 'CeilingExceededError':
        return setRefusal(t('work.approvals.ceiling', { reference: a.agreementReference, remaining: formatMoney(a.remaining, a.currency) }));
      case 'OrderStateError':
        setRefusal(t('work.approvals.gone', { status: t(`requisition.statuses.${a.status}`) }));
        return onStale();
      case 'OrderVersionConflictError':
        setRefusal(t('work.approvals.versionConflict'));
        return onStale();
      default:
        return setRefusal(refusalText(a, t));
    }
  };

  const doReject = async () => {
    setRefusal(null);
    if (!comment.trim()) {
      setCommentError(t('work.approvals.commentMissing'));
      return;
    }
    setCommentError(undefined);
    const res = await reject({ input: { orderId: r.id, expectedVersion: r.version, comment: comment.trim() } });
    const a = res.data?.rejectRequisition;
    if (!a) return;
    if (a.__typename === 'Order') return decided(a.requisitionNumber, 'rejected');
    if (a.__typename === 'OrderStateError') setRefusal(t('work.approvals.gone', { status: t(`requisition.statuses.${a.status}`) }));
    else if (a.__typename === 'OrderVersionConflictError') setRefusal(t('work.approvals.versionConflict'));
    else setRefusal(refusalText(a, t));
    onStale();
  };

  return (
    <Card data-testid={`approval-${r.requisitionNumber}`} className="torg-work-card">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {r.requisitionNumber} – <SupplierLabel supplierId={r.supplierId} supplierName={r.supplierName} />
      </Heading>
      <dl className="torg-work-facts">
        <dt>{t('work.approvals.amount')}</dt>
        <dd>{formatMoney(r.taxInclusiveAmount, r.currency)}</dd>
        <dt>{t('work.approvals.netAmount')}</dt>
        <dd>{formatMoney(r.lineExtensionAmount, r.currency)}</dd>
        <dt>{t('work.approvals.submittedAt')}</dt>
        <dd>{formatDateTime(r.submittedAt)}</dd>
        <dt>{t('work.approvals.costCentre')}</dt>
        <dd>{costCentre ? `${costCentre.code} – ${costCentre.name}` : r.costCentreId}</dd>
        <dt>{t('work.approvals.remaining')}</dt>
        <dd data-testid="budget-remaining">{budget ? formatMoney(budget.remaining, budget.currency) : t('work.approvals.noBudget', { year: String(r.budgetYear) })}</dd>
        {budget && (
          <>
            <dt>{t('work.approvals.remainingAfter')}</dt>
            <dd>{formatMoney(budget.after, budget.currency)}</dd>
          </>
        )}
      </dl>
      {budget?.over && <Paragraph className="torg-work-over">{t('work.approvals.overBudget')}</Paragraph>}
      <Details>
        <Details.Summary>{t('work.approvals.lines', { count: r.lines.length })}</Details.Summary>
        <Details.Content>
          <Table data-size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('work.order.item')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('work.order.ordered')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('work.order.price')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('work.order.lineAmount')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {r.lines.map((l) => (
                <Table.Row key={l.id}>
                  <Table.Cell>{l.name}</Table.Cell>
                  <Table.Cell className="torg-number">
                    {formatNumber(l.quantity)} {l.unitCode}
                  </Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(l.price, r.currency)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(l.lineAmount, r.currency)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Details.Content>
      </Details>
      {refusal && <ErrorAlert message={refusal} />}
      {approving.error && <ErrorAlert message={errorMessage(approving.error, t)} />}
      {rejecting.error && <ErrorAlert message={errorMessage(rejecting.error, t)} />}
      <Textfield
        id={`${id}-comment`}
        label={t('work.approvals.comment')}
        description={t('work.approvals.commentHint')}
        multiline
        rows={2}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        error={commentError}
      />
      {override && (
        <div role="alert" className="torg-work-warning">
          <Heading level={3} data-size="xs">
            {t('work.approvals.overBudgetTitle')}
          </Heading>
          <Paragraph>{override}</Paragraph>
        </div>
      )}
      {override && (
        <Textfield
          id={`${id}-override`}
          label={t('work.approvals.overrideReason')}
          multiline
          rows={2}
          maxLength={1000}
          value={overrideReason}
          onChange={(e) => setOverrideReason(e.target.value)}
          error={overrideError}
        />
      )}
      <div className="torg-actions">
        {override ? (
          <Button loading={approving.fetching} disabled={busy} onClick={() => void doApprove(true)}>
            {approving.fetching ? t('work.approvals.approving') : t('work.approvals.approveOverBudget')}
          </Button>
        ) : (
          <Button loading={approving.fetching} disabled={busy} onClick={() => void doApprove(false)}>
            {approving.fetching ? t('work.approvals.approving') : t('work.approvals.approve')}
          </Button>
        )}
        <Button variant="secondary" loading={rejecting.fetching} disabled={busy} onClick={() => void doReject()}>
          {rejecting.fetching ? t('work.approvals.rejecting') : t('work.approvals.reject')}
        </Button>
      </div>
    </Card>
  );
}
