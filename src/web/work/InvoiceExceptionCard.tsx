import { Button, Card, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, formatDateTime, formatMoney } from '../format/format';
import type { InvoiceExceptionsQuery } from '../gql/graphql';
import { ApproveInvoice, DisputeInvoice, SupplierName } from './payables-queries';
import { InvoiceQueryForm } from '../payables/InvoiceQueryForm';
import { reasonText } from '../payables/reason-text';
import { refusalText } from '../refusals/refusal-text';

type Invoice = InvoiceExceptionsQuery['invoiceExceptions']['edges'][number]['node'];

/** A number from the API ("47.0000") shown the Norwegian way; other text as it is. */
export function sideText(value: string | null | undefined): string {
  if (value == null || value === '') return '–';
  return /^-?\d+(\.\d+)?$/.test(value) ? value.replace('.', ',') : value;
}

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-page-heading]')?.focus());

/** One invoice in the exception queue: each difference with both sides and the NOK at stake; approve with a reason, or dispute. */
export function InvoiceExceptionCard({ invoice: inv, onStale }: { invoice: Invoice; onStale: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [supplier] = useQuery({ query: SupplierName, variables: { id: inv.supplierId } });
  const [approving, approve] = useMutation(ApproveInvoice);
  const [disputing, dispute] = useMutation(DisputeInvoice);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const busy = approving.fetching || disputing.fetching;
  const supplierName = supplier.data?.organisation.name ?? '…';
  const id = `invoice-${inv.id}`;

  const decide = async (which: 'approve' | 'dispute') => {
    setRefusal(null);
    if (reason.trim().length < 3) {
      setReasonError(t('work.payables.reasonMissing'));
      return;
    }
    setReasonError(undefined);
    const input = { invoiceId: inv.id, expectedVersion: inv.version, reason: reason.trim() };
    const r = which === 'approve' ? (await approve({ input })).data?.approveInvoice : (await dispute({ input })).data?.disputeInvoice;
    if (!r) return; // a failed request: its error is shown and the reason kept
    if (r.__typename === 'Invoice') {
      announce(t(which === 'approve' ? 'work.payables.approved' : 'work.payables.disputed', { number: inv.number }));
      focusHeading();
      return;
    }
    if (r.__typename === 'InvoiceStateError') setRefusal(t('work.payables.stateError', { status: t(`work.payables.statuses.${r.status}`) }));
    else if (r.__typename === 'InvoiceVersionConflictError') setRefusal(t('work.payables.versionConflict'));
    else setRefusal(refusalText(r, t));
    if (r.__typename !== 'ReasonRequiredError') onStale();
  };

  return (
    <Card data-testid={`invoice-${inv.number}`} className="torg-work-card">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t(inv.kind === 'CREDIT_NOTE' ? 'work.payables.creditHeading' : 'work.payables.heading', { number: inv.number, supplier: supplierName })}
      </Heading>
      <dl className="torg-work-facts">
        <dt>{t('work.payables.status')}</dt>
        <dd>{t(`work.payables.statuses.${inv.status}`)}</dd>
        <dt>{t('work.payables.payable')}</dt>
        <dd>{formatMoney(inv.payableAmount, inv.currency)}</dd>
        <dt>{t('work.payables.order')}</dt>
        <dd>{inv.orderReference ?? '–'}</dd>
        <dt>{t('work.payables.receivedAt')}</dt>
        <dd>{formatDateTime(inv.receivedAt)}</dd>
        {inv.dueDate && (
          <>
            <dt>{t('work.payables.dueDate')}</dt>
            <dd>{formatDate(inv.dueDate)}</dd>
          </>
        )}
      </dl>
      {inv.reasons.length > 0 && (
        <Table data-size="sm" data-testid="differences">
          <caption>{t('work.payables.differences', { number: inv.number })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('work.payables.reason')}</Table.HeaderCell>
              <Table.HeaderCell>{t('work.payables.line')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.payables.invoiceSays')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.payables.expected')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.payables.difference')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.payables.differenceNok')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {inv.reasons.map((r, i) => (
              <Table.Row key={`${r.code}-${r.lineId ?? ''}-${i}`}>
                <Table.Cell>{reasonText(r, t)}</Table.Cell>
                <Table.Cell>{r.lineId ?? '–'}</Table.Cell>
                <Table.Cell className="torg-number">{sideText(r.actual)}</Table.Cell>
                <Table.Cell className="torg-number">{sideText(r.expected)}</Table.Cell>
                <Table.Cell className="torg-number">{sideText(r.difference)}</Table.Cell>
                <Table.Cell className="torg-number">{r.differenceNok != null ? formatMoney(r.differenceNok, 'NOK') : '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {refusal && <ErrorAlert message={refusal} />}
      {approving.error && <ErrorAlert message={errorMessage(approving.error, t)} />}
      {disputing.error && <ErrorAlert message={errorMessage(disputing.error, t)} />}
      <Textfield
        id={`${id}-reason`}
        label={t('work.payables.decision')}
        description={t('work.payables.decisionHint')}
        multiline
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError}
      />
      <div className="torg-actions">
        <Button loading={approving.fetching} disabled={busy} onClick={() => void decide('approve')}>
          {approving.fetching ? t('work.payables.approving') : t('work.payables.approve')}
        </Button>
        <Button variant="secondary" loading={disputing.fetching} disabled={busy} onClick={() => void decide('dispute')}>
          {disputing.fetching ? t('work.payables.disputing') : t('work.payables.dispute')}
        </Button>
      </div>
      <InvoiceQueryForm invoice={inv} onDone={onStale} />
      {inv.status === 'WAITING' && <Paragraph data-size="sm">{t('work.payables.statuses.WAITING')}</Paragraph>}
    </Card>
  );
}
