import { Button, Checkbox, ErrorSummary, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState, type ElementRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../format/format';
import type { MyOrderFieldsFragment } from '../gql/graphql';
import { ReceiveGoods } from './order-queries';
import { checkReceipt, outstanding, receivable, type ReceiptLineDraft, type ReceiptMode } from './receipt';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

/** Orders in these states take goods (and returns). */
export const RECEIVING_STATES = ['SENT', 'ACCEPTED', 'PARTIALLY_RECEIVED', 'RECEIVED'];

const fieldId = (lineId: string) => `receive-line-${lineId}`;

/**
 * Goods receipt per line, partial or whole, and returns with a reason. What was typed stays until
 * the server has recorded it; an over-receipt is sent again only once the user confirms it.
 */
export function GoodsReceiptForm({ order }: { order: MyOrderFieldsFragment }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [state, receive] = useMutation(ReceiveGoods);
  // What was typed outlives an expired sign-in (useKeptDraft), per order.
  const [mode, setMode] = useKeptDraft<ReceiptMode>(`receipt-mode:${order.id}`, 'receive');
  const [drafts, setDrafts] = useKeptDraft<Record<string, ReceiptLineDraft>>(`receipt-lines:${order.id}`, {});
  const [note, setNote] = useKeptDraft(`receipt-note:${order.id}`, '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [overReceipt, setOverReceipt] = useState<string | null>(null);
  const [confirmOver, setConfirmOver] = useState(false);
  const summaryRef = useRef<ElementRef<typeof ErrorSummary>>(null);
  const lines = receivable(order.lines);
  const draftOf = (lineId: string) => drafts[lineId] ?? { quantity: '', reason: '' };
  const set = (lineId: string, patch: Partial<ReceiptLineDraft>) => setDrafts({ ...drafts, [lineId]: { ...draftOf(lineId), ...patch } });

  const submit = async () => {
    setRefusal(null);
    const checked = checkReceipt(mode, drafts, order.lines, t);
    setErrors(checked.errors);
    if (!checked.lines) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const r = await receive({
      input: { orderId: order.id, expectedVersion: order.version, lines: checked.lines, note: note.trim() || undefined, confirmOverReceipt: overReceipt && confirmOver ? true : undefined },
    });
    const a = r.data?.receiveGoods;
    if (!a) return; // the request failed: state.error says what to do; the form keeps what was typed
    if (a.__typename === 'GoodsReceived') {
      setDrafts({});
      setNote('');
      setMode('receive');
      setOverReceipt(null);
      setConfirmOver(false);
      announce(t(mode === 'receive' ? 'work.order.receiptDone' : 'work.order.returnDone', { status: t(`requisition.statuses.${a.order.status}`) }));
      return;
    }
    if (a.__typename === 'OverReceiptError') {
      const names = a.lines.map((l) => t('work.order.overReceiptLine', { line: l.lineId, ordered: formatNumber(l.ordered), before: formatNumber(l.receivedBefore), now: formatNumber(l.receiving) }));
      setOverReceipt(t('work.order.overReceipt', { lines: names.join(', ') }));
      return;
    }
    if (a.__typename === 'OrderStateError') setRefusal(t('work.order.notReceivable', { status: t(`requisition.statuses.${a.status}`) }));
    else if (a.__typename === 'OrderVersionConflictError') setRefusal(t('work.order.versionConflict'));
    else setRefusal(refusalText(a, t));
  };

  const errorList = Object.entries(errors);
  return (
    <section aria-labelledby="receipt-heading" className="torg-work-section">
      <Heading level={2} data-size="sm" id="receipt-heading">
        {t('work.order.receipt')}
      </Heading>
      <Paragraph>{t('work.order.receiptIntro')}</Paragraph>
      {errorList.length > 0 && (
        <ErrorSummary ref={summaryRef} tabIndex={-1}>
          <ErrorSummary.Heading>{t('work.order.receiptErrorSummary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {errorList.map(([key, message]) => (
              <ErrorSummary.Item key={key}>
                <ErrorSummary.Link href={`#${key ? fieldId(key) : 'receive-mode'}`}>{message}</ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {refusal && <ErrorAlert message={refusal} />}
      {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
      <form
        noValidate
        className="torg-work-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Fieldset id="receive-mode">
          <Fieldset.Legend>{t('work.order.mode')}</Fieldset.Legend>
          <Radio name="receipt-mode" value="receive" label={t('work.order.modeReceive')} checked={mode === 'receive'} onChange={() => setMode('receive')} />
          <Radio name="receipt-mode" value="return" label={t('work.order.modeReturn')} checked={mode === 'return'} onChange={() => setMode('return')} />
        </Fieldset>
        {lines.map((line) => {
          const d = draftOf(line.lineId);
          const left = outstanding(line);
          return (
            <div key={line.lineId} className="torg-work-line" data-testid={`receipt-line-${line.lineId}`}>
              <Textfield
                id={fieldId(line.lineId)}
                inputMode="decimal"
                autoComplete="off"
                label={t(mode === 'receive' ? 'work.order.quantityFor' : 'work.order.returnQuantityFor', { name: line.name, unit: line.unitCode })}
                description={`${t('work.order.ordered')}: ${formatNumber(line.quantity)} · ${t('work.order.receivedSoFar', { quantity: formatNumber(line.receivedQuantity) })} · ${t('work.order.outstanding', { quantity: formatNumber(left) })}`}
                value={d.quantity}
                onChange={(e) => set(line.lineId, { quantity: e.target.value })}
                error={errors[line.lineId]}
              />
              {mode === 'receive' && left !== '0' && (
                <Button variant="tertiary" data-size="sm" type="button" onClick={() => set(line.lineId, { quantity: left.replace('.', ',') })} aria-label={`${t('work.order.rest')}: ${line.name}`}>
                  {t('work.order.rest')}
                </Button>
              )}
              {mode === 'return' && (
                <Textfield
                  id={fieldId(`${line.lineId}-reason`)}
                  label={t('work.order.reasonFor', { name: line.name })}
                  maxLength={1000}
                  value={d.reason}
                  onChange={(e) => set(line.lineId, { reason: e.target.value })}
                  error={errors[`${line.lineId}-reason`]}
                />
              )}
            </div>
          );
        })}
        <Textfield label={t('work.order.receiptNote')} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        {overReceipt && (
          <div role="alert" className="torg-work-warning">
            <Paragraph>{overReceipt}</Paragraph>
            <Checkbox label={t('work.order.confirmOverReceipt')} checked={confirmOver} onChange={(e) => setConfirmOver(e.target.checked)} />
          </div>
        )}
        <div className="torg-actions">
          <Button type="submit" loading={state.fetching} disabled={state.fetching}>
            {state.fetching ? t('work.order.submittingReceipt') : t(mode === 'receive' ? 'work.order.submitReceipt' : 'work.order.submitReturn')}
          </Button>
        </div>
      </form>
    </section>
  );
}
